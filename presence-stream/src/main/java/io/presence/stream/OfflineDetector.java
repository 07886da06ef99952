package io.presence.stream;

import io.presence.event.PresenceChange;
import io.presence.session.OfflineHorizon;
import io.presence.session.PresenceMachine;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The wall-clock punctuator that finds silent users: it moves the {@link PresenceMachine}'s horizon up to the instant
 * before which every heartbeat has been read, and the machine ends the sessions due before it. One run handles at most
 * {@link PresenceSettings#MAX_OFFLINE_PER_PUNCTUATION} index entries, so a mass disconnect is worked off over several
 * runs while heartbeats keep being processed in between.
 */
final class OfflineDetector implements Punctuator {
    private final ProcessorContext<String, PresenceChange> context;
    private final PresenceMachine machine;
    private final TaskProgress progress;
    private final HeartbeatLog log;
    private final TopologyMetrics metrics;

    OfflineDetector(
            ProcessorContext<String, PresenceChange> context,
            PresenceMachine machine,
            TaskProgress progress,
            HeartbeatLog log,
            TopologyMetrics metrics) {
        this.context = context;
        this.machine = machine;
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
                OfflineHorizon.REORDER_ALLOWANCE.toMillis());
        long decidedUntil = machine.decideBefore(horizonMs, PresenceSettings.MAX_OFFLINE_PER_PUNCTUATION);
        progress.decidedUntil(decidedUntil);
        progress.onlineUsers(machine.deadlines().size());
        metrics.offlineScanTook(System.nanoTime() - started);
        if (decidedUntil != Long.MIN_VALUE) {
            metrics.decisionsBehindWallClock(wallClockMs - decidedUntil);
        }
    }
}
