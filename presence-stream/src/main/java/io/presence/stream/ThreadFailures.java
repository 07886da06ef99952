package io.presence.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a failed stream thread, but not forever: a failure that comes back at once (the same record, the same
 * broken store) would make the group rebalance in a loop. After {@value #MAX_REPLACEMENTS} failures within
 * {@link #WINDOW} this instance stops processing; its liveness then fails so that it is restarted, and its partitions
 * move to the other instances meanwhile.
 */
final class ThreadFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ThreadFailures.class);
    static final int MAX_REPLACEMENTS = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Clock clock;
    private final Deque<Long> recent = new ArrayDeque<>();

    ThreadFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
        long now = clock.millis();
        while (!recent.isEmpty() && now - recent.peekFirst() > WINDOW.toMillis()) {
            recent.removeFirst();
        }
        if (recent.size() >= MAX_REPLACEMENTS) {
            log.error(
                    "A stream thread failed for the {}th time within {}; stopping Kafka Streams in this instance",
                    recent.size() + 1,
                    WINDOW,
                    failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        log.error(
                "A stream thread failed; replacing it ({} of {} within {})",
                recent.size(),
                MAX_REPLACEMENTS,
                WINDOW,
                failure);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
