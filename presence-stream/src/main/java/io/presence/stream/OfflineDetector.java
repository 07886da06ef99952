package io.presence.stream;

import io.presence.event.PresenceChange;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The wall-clock punctuator that finds silent users: it takes the deadline index's entries due before the offline
 * horizon, publishes {@code offline} for users whose real deadline has passed and moves early entries to their real
 * deadline. One run handles at most {@link PresenceSettings#MAX_OFFLINE_PER_PUNCTUATION} entries, so a mass disconnect
 * is worked off over several runs while heartbeats keep being processed in between.
 */
final class OfflineDetector implements Punctuator {
    private final ProcessorContext<String, PresenceChange> context;
    private final PresenceState state;
    private final TaskProgress progress;
    private final HeartbeatLog log;
    private final TopologyMetrics metrics;

    OfflineDetector(
            ProcessorContext<String, PresenceChange> context,
            PresenceState state,
            TaskProgress progress,
            HeartbeatLog log,
            TopologyMetrics metrics) {
        this.context = context;
        this.state = state;
        this.progress = progress;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void punctuate(long wallClockMs) {
        long started = System.nanoTime();
        long horizonMs = OfflineHorizon.horizon(
                wallClockMs,
                context.currentStreamTimeMs(),
                progress.readEverythingAppendedBefore(
                        log.recent(context.taskId().partition())),
                PresenceSettings.REORDER_ALLOWANCE.toMillis());
        long decidedUntil = scan(horizonMs);
        progress.decidedUntil(decidedUntil);
        progress.onlineUsers(state.deadlines().size());
        metrics.offlineScanTook(System.nanoTime() - started);
        if (decidedUntil != Long.MIN_VALUE) {
            metrics.decisionsBehindWallClock(wallClockMs - decidedUntil);
        }
    }

    /** Decides the due entries; returns how far decisions now go (the first undecided deadline if it stopped early). */
    private long scan(long horizonMs) {
        DeadlineIndex deadlines = state.deadlines();
        for (int handled = 0; handled < PresenceSettings.MAX_OFFLINE_PER_PUNCTUATION; handled++) {
            DeadlineIndex.Entry entry = deadlines.pollDueBefore(horizonMs);
            if (entry == null) {
                return horizonMs;
            }
            decide(entry, horizonMs);
        }
        return Math.min(horizonMs, deadlines.earliestDeadlineMs());
    }

    private void decide(DeadlineIndex.Entry entry, long horizonMs) {
        LastSeen seen = state.get(entry.userId());
        if (seen == null || !seen.online()) {
            return;
        }
        if (state.rule().isOnlineAt(seen.lastSeenMs(), horizonMs)) {
            state.deadlines().add(entry.userId(), state.rule().offlineAtMs(seen.lastSeenMs()));
        } else {
            state.markOffline(entry.userId(), seen);
        }
    }
}
