package io.presence.stream;

/**
 * How far offline decisions may go. Wall-clock time alone would declare everyone offline after a restart or a stall
 * while their heartbeats still wait unread in the topic; so while records flow, decisions follow the task's stream time
 * (less a small allowance for heartbeats of different gateways arriving out of order), and only once the task has had
 * nothing to process for a grace period, so has caught up, does wall-clock time rule.
 */
final class OfflineHorizon {
    private final long idleGraceMs;
    private final long reorderAllowanceMs;
    private long lastRecordAtWallMs;

    OfflineHorizon(long startWallMs, long idleGraceMs, long reorderAllowanceMs) {
        this.lastRecordAtWallMs = startWallMs;
        this.idleGraceMs = idleGraceMs;
        this.reorderAllowanceMs = reorderAllowanceMs;
    }

    void recordProcessedAt(long wallMs) {
        lastRecordAtWallMs = wallMs;
    }

    /** Users whose offline instant lies strictly before the returned time may be declared offline now. */
    long horizon(long wallMs, long streamTimeMs) {
        boolean caughtUp = wallMs - lastRecordAtWallMs >= idleGraceMs;
        if (caughtUp) {
            return wallMs;
        }
        return Math.min(wallMs, streamTimeMs - reorderAllowanceMs);
    }
}
