package io.presence.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady background load at a set rate: one relayed batch of heartbeats at a fixed period, sent without waiting for
 * the previous one, as a relaying backend does. wrk measures the most a server takes; this holds a rate while
 * something else is measured.
 */
public final class PacedRelay implements AutoCloseable {
    private final HttpClient client = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param bodies relay bodies of {@code idsPerBody} ids each, used in turn
     * @param heartbeatsPerSecond the rate to hold
     */
    public PacedRelay(String url, String token, List<String> bodies, int idsPerBody, double heartbeatsPerSecond) {
        long periodMicros = Math.max(1, Math.round(1e6 * idsPerBody / heartbeatsPerSecond));
        AtomicLong next = new AtomicLong();
        timer.scheduleAtFixedRate(
                () -> send(url, token, bodies.get((int) (next.getAndIncrement() % bodies.size()))),
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
    }

    private void send(String url, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 202) {
                accepted.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        });
    }

    /** Batches answered 202 so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Batches answered otherwise, or not at all. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
