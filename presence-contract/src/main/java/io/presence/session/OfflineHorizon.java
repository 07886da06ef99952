package io.presence.session;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How far offline decisions may go. Heartbeat times are the broker's append times, so a partition is read in time
 * order: once a task has processed a heartbeat appended at T, or has reached the end offset the broker reported at T,
 * no unread heartbeat was appended before T. Decisions follow that instant, less a small allowance for the clocks of
 * different leaders of a partition (a leader move) — never the wall clock alone, which would outrun heartbeats still
 * waiting unread after a restart, a pause or a stall.
 */
public final class OfflineHorizon {
    /**
     * Offline decisions stay this far behind the instant up to which every heartbeat has been read. Append times come
     * from one leader's clock; after a leader move another broker's clock takes over, and the heartbeats it appends
     * may carry slightly earlier times. Larger is safer but publishes offline later; the contract allows 2 s in all.
     */
    public static final Duration REORDER_ALLOWANCE = Duration.ofMillis(500);

    private OfflineHorizon() {}

    /** Users whose offline instant lies strictly before the returned time may be declared offline now. */
    public static long horizon(long wallMs, long streamTimeMs, OptionalLong readEverythingBeforeMs, long allowanceMs) {
        long read = Math.max(streamTimeMs, readEverythingBeforeMs.orElse(streamTimeMs));
        if (read <= 0) {
            return Long.MIN_VALUE;
        }
        return Math.min(wallMs, read - allowanceMs);
    }
}
