package io.presence.stream;

import java.util.OptionalLong;

/**
 * How far offline decisions may go. Heartbeat times are the broker's append times, so a partition is read in time
 * order: once a task has processed a heartbeat appended at T, or has reached the end offset the broker reported at T,
 * no unread heartbeat was appended before T. Decisions follow that instant, less a small allowance for the clocks of
 * different leaders of a partition (a leader move) — never the wall clock alone, which would outrun heartbeats still
 * waiting unread after a restart, a pause or a stall.
 */
final class OfflineHorizon {
    private OfflineHorizon() {}

    /** Users whose offline instant lies strictly before the returned time may be declared offline now. */
    static long horizon(long wallMs, long streamTimeMs, OptionalLong readEverythingBeforeMs, long allowanceMs) {
        long read = Math.max(streamTimeMs, readEverythingBeforeMs.orElse(streamTimeMs));
        if (read <= 0) {
            return Long.MIN_VALUE;
        }
        return Math.min(wallMs, read - allowanceMs);
    }
}
