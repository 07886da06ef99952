package io.presence.query.routing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How long a query waits for another instance's answer, and what it makes of one that fails or does not come. */
public final class PeerAnswers {
    /** Well within a client's patience, and longer than a peer's own wait for a task a moment behind. */
    public static final Duration PEER_WAIT = Duration.ofSeconds(2);

    private PeerAnswers() {}

    /** The answer, or empty when the peer failed or took longer than {@link #PEER_WAIT}; a 503 when interrupted. */
    public static <T> Optional<T> within(CompletableFuture<T> answer) {
        try {
            return Optional.ofNullable(answer.get(PEER_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Unavailable.because("interrupted");
        }
    }
}
