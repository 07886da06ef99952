package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final ThreadFailures failures = new ThreadFailures(clock);
    private final RuntimeException failure = new IllegalStateException("the same poison record again");

    @Test
    void shouldReplaceAFailedThreadAFewTimesThenStopInsteadOfLooping() {
        for (int i = 0; i < ThreadFailures.MAX_REPLACEMENTS; i++) {
            assertThat(failures.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(failures.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        for (int i = 0; i < ThreadFailures.MAX_REPLACEMENTS; i++) {
            failures.handle(failure);
        }
        clock.advance(ThreadFailures.WINDOW.plusSeconds(1));

        assertThat(failures.handle(failure))
                .as("rare failures keep being replaced")
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    /** A clock the test moves; time is an input, never waited for. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
