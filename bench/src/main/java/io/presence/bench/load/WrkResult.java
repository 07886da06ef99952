package io.presence.bench.load;

/**
 * What wrk reported: requests/s over the run, the count of requests, answers that were not 2xx/3xx, socket errors
 * (connect, read, write, timeout) and the latency median and p99 in milliseconds.
 */
public record WrkResult(
        double requestsPerSecond, long requests, long non2xx, long socketErrors, double p50Ms, double p99Ms) {

    /** Every request answered with success and none failed on the socket. */
    public boolean clean() {
        return non2xx == 0 && socketErrors == 0 && requests > 0;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%.0f req/s, p50 %.2f ms, p99 %.2f ms, %d requests, %d not 2xx, %d socket errors",
                requestsPerSecond,
                p50Ms,
                p99Ms,
                requests,
                non2xx,
                socketErrors);
    }
}
