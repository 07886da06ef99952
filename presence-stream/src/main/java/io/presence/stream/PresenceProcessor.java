package io.presence.stream;

import io.presence.event.Heartbeat;
import io.presence.event.PresenceChange;
import io.presence.user.UserIds;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies heartbeats to the users' state: the first heartbeat after silence publishes {@code online}; later ones only
 * move last-seen forward (never backwards). Offline changes come from the {@link OfflineDetector} it schedules.
 */
final class PresenceProcessor implements Processor<String, Heartbeat, String, PresenceChange> {
    private static final Logger log = LoggerFactory.getLogger(PresenceProcessor.class);

    private final PresenceSettings settings;
    private PresenceState state;
    private OfflineHorizon horizon;
    private ProcessorContext<String, PresenceChange> context;

    PresenceProcessor(PresenceSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, PresenceChange> context) {
        this.context = context;
        TopologyMetrics metrics = new TopologyMetrics(context.metrics(), context.taskId());
        this.state = new PresenceState(context, metrics, settings.offlineAfterMs());
        this.horizon = new OfflineHorizon(context.currentSystemTimeMs(), PresenceSettings.IDLE_GRACE.toMillis(),
                PresenceSettings.STALL.toMillis(), PresenceSettings.REORDER_ALLOWANCE.toMillis());
        int online = state.rebuildIndex();
        log.info("Task {}: {} users online after restore", context.taskId(), online);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME,
                new OfflineDetector(context, state, horizon, metrics, settings.backlog()));
    }

    @Override
    public void process(Record<String, Heartbeat> record) {
        horizon.recordProcessedAt(context.currentSystemTimeMs());
        String userId = record.key();
        if (record.value() == null || !UserIds.isValid(userId)) {
            log.warn("Skipping a heartbeat record without a valid user id key in task {}", context.taskId());
            return;
        }
        long heartbeatMs = record.value().ts().toEpochMilli();
        LastSeen seen = state.get(userId);
        if (seen == null || !seen.online()) {
            if (seen == null || heartbeatMs > seen.lastSeenMs()) {
                state.markOnline(userId, heartbeatMs, false);
            }
        } else if (heartbeatMs > state.offlineAtMs(seen)) {
            // The silence ended before the detector noticed it: close that session first, as a replay of the
            // heartbeats would. The index entry stays; the detector will move it to the new deadline.
            state.markOffline(userId, seen);
            state.markOnline(userId, heartbeatMs, true);
        } else if (heartbeatMs > seen.lastSeenMs()) {
            state.touch(userId, heartbeatMs);
        }
    }
}
