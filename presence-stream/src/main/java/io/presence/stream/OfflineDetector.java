package io.presence.stream;

import io.presence.event.PresenceChange;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The wall-clock punctuator that finds silent users: it range-scans the deadline index up to the offline horizon,
 * publishes {@code offline} for users whose real deadline has passed and moves early entries to their real deadline.
 */
final class OfflineDetector implements Punctuator {
    private final ProcessorContext<String, PresenceChange> context;
    private final PresenceState state;
    private final OfflineHorizon horizon;
    private final TopologyMetrics metrics;
    private final BacklogProbe backlog;

    OfflineDetector(ProcessorContext<String, PresenceChange> context, PresenceState state, OfflineHorizon horizon,
                    TopologyMetrics metrics, BacklogProbe backlog) {
        this.backlog = backlog;
        this.context = context;
        this.state = state;
        this.horizon = horizon;
        this.metrics = metrics;
    }

    @Override
    public void punctuate(long wallClockMs) {
        long started = System.nanoTime();
        scan(wallClockMs);
        metrics.offlineScanTook(System.nanoTime() - started);
    }

    private void scan(long wallClockMs) {
        long horizonMs = horizon.horizon(wallClockMs, context.currentStreamTimeMs(),
                backlog.recordsBehind(context.taskId()));
        state.decidedUntil(horizonMs);
        DeadlineIndex deadlines = state.deadlines();
        for (DeadlineIndex.Entry entry : deadlines.dueBefore(horizonMs, PresenceSettings.MAX_OFFLINE_PER_PUNCTUATION)) {
            deadlines.remove(entry);
            LastSeen seen = state.get(entry.userId());
            if (seen == null || !seen.online()) {
                continue;
            }
            long offlineAt = state.offlineAtMs(seen);
            if (offlineAt < horizonMs) {
                state.markOffline(entry.userId(), seen);
            } else {
                deadlines.add(entry.userId(), offlineAt);
            }
        }
    }
}
