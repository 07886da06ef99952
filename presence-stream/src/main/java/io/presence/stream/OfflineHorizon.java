package io.presence.stream;

import java.util.OptionalLong;

/**
 * How far offline decisions may go. Wall-clock time alone would declare everyone offline after a restart, a pause or a
 * stall while their heartbeats still wait unread in the topic. So while records flow, decisions follow the task's
 * stream time (less a small allowance for heartbeats of different gateways arriving out of order); wall-clock time rules
 * only once the task has caught up: its consumer reports no backlog, it has had nothing to process for a grace
 * period, and processing has been running all that time (a gap between punctuations starts the grace period over).
 */
final class OfflineHorizon {
    private final long idleGraceMs;
    private final long stallMs;
    private final long reorderAllowanceMs;
    private long lastRecordAtWallMs;
    private long lastDecisionAtWallMs;

    OfflineHorizon(long startWallMs, long idleGraceMs, long stallMs, long reorderAllowanceMs) {
        this.lastRecordAtWallMs = startWallMs;
        this.lastDecisionAtWallMs = startWallMs;
        this.idleGraceMs = idleGraceMs;
        this.stallMs = stallMs;
        this.reorderAllowanceMs = reorderAllowanceMs;
    }

    void recordProcessedAt(long wallMs) {
        lastRecordAtWallMs = wallMs;
    }

    /** Users whose offline instant lies strictly before the returned time may be declared offline now. */
    long horizon(long wallMs, long streamTimeMs, OptionalLong recordsBehind) {
        if (wallMs - lastDecisionAtWallMs > stallMs) {
            // Processing stood still: whatever arrived meanwhile has not been read yet, whatever the lag said before.
            lastRecordAtWallMs = wallMs;
        }
        lastDecisionAtWallMs = wallMs;
        boolean noBacklog = recordsBehind.isPresent() && recordsBehind.getAsLong() == 0;
        boolean caughtUp = noBacklog && wallMs - lastRecordAtWallMs >= idleGraceMs;
        if (caughtUp) {
            return wallMs;
        }
        return Math.min(wallMs, streamTimeMs - reorderAllowanceMs);
    }
}
