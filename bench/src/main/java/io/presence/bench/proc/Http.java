package io.presence.bench.proc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls the bench makes itself (readiness, probes); load comes from wrk. */
public final class Http {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {}

    /** The status of a GET, or -1 when nothing answered. */
    public static int status(String url, String token) {
        try {
            return get(url, token).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    public static HttpResponse<String> get(String url, String token) throws IOException {
        return send(request(url, token).GET().build());
    }

    public static HttpResponse<String> post(String url, String token, String body) throws IOException {
        return send(request(url, token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * Polls {@code url} until it answers 200; the seconds that took.
     *
     * @throws IllegalStateException when it has not within the timeout, or the process died
     */
    public static double awaitOk(String url, ChildJvm process, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("The process behind " + url + " exited; see " + process.log());
            }
            if (status(url, null) == 200) {
                return (System.nanoTime() - started) / 1e9;
            }
            pause(Duration.ofMillis(50));
        }
        throw new IllegalStateException(url + " not ready within " + timeout + "; see " + process.log());
    }

    /** A pause between polls: the bench is a program, not a test, and polls with a bound. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
