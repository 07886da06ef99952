package io.presence.http;

import java.time.Duration;

/**
 * How long reading a request may take. The head (request line and headers) of a connection's first request must be in
 * within {@code headDeadline} of connecting. A body gets {@code quickWindow} to arrive; one still arriving after it
 * needs one of {@code permits}, must come at {@code minBytesPerSecond} or more once {@code grace} has passed, and be
 * complete within {@code deadline}. See {@link RequestHeadDeadline} and {@link BodyReadGuard}.
 */
record ReadLimits(
        Duration headDeadline,
        Duration quickWindow,
        Duration grace,
        long minBytesPerSecond,
        Duration deadline,
        int permits) {
    /**
     * The head within 10 s; the body 250 ms to arrive without a permit, then with one, after a second of grace, at
     * least 1 KiB/s and complete within 10 s; 32 permits.
     */
    static final ReadLimits DEFAULT = new ReadLimits(
            Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(1), 1024, Duration.ofSeconds(10), 32);
}
