package io.presence.stream;

import io.presence.event.Heartbeat;
import io.presence.event.PresenceChange;
import io.presence.event.Topics;
import io.presence.session.DeadlineIndex;
import io.presence.session.PresenceMachine;
import io.presence.user.UserIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds each valid heartbeat to the task's {@link PresenceMachine}, which decides the transitions. A heartbeat's time
 * is its record's timestamp — the broker's append time (see {@link HeartbeatTimestamps}); the gateway's own {@code ts}
 * is only compared with it, for a metric. Offline changes come from the {@link OfflineDetector} it schedules.
 */
final class PresenceProcessor implements Processor<String, Heartbeat, String, PresenceChange> {
    private static final Logger log = LoggerFactory.getLogger(PresenceProcessor.class);
    /** A gateway clock further than this from the broker's is counted as skewed. */
    private static final Duration CLOCK_SKEW_REPORTED = Duration.ofSeconds(1);

    private final PresenceSettings settings;
    /** This instance's threshold as gateways write it in their header: compared without allocating per record. */
    private final byte[] ownThresholdMs;

    private PresenceMachine machine;
    private TaskProgress progress;
    private TopologyMetrics metrics;
    private ProcessorContext<String, PresenceChange> context;
    private boolean thresholdMismatchLogged;

    PresenceProcessor(PresenceSettings settings) {
        this.settings = settings;
        this.ownThresholdMs = Long.toString(settings.rule().offlineAfterMs()).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void init(ProcessorContext<String, PresenceChange> context) {
        this.context = context;
        this.metrics = new TopologyMetrics(context.metrics(), context.taskId());
        PresenceState state = new PresenceState(context, metrics);
        this.machine = new PresenceMachine(settings.rule(), state, new DeadlineIndex(), state);
        int online = state.resumeOnlineUsers(machine);
        this.progress = settings.tasks().started(context.taskId().partition());
        progress.onlineUsers(online);
        log.info("Task {}: {} users online after restore", context.taskId(), online);
        context.schedule(
                settings.punctuationInterval(),
                PunctuationType.WALL_CLOCK_TIME,
                new OfflineDetector(context, machine, progress, settings.tasks().log(), metrics));
        state.markHistoryWritten(context.currentSystemTimeMs());
    }

    @Override
    public void process(Record<String, Heartbeat> record) {
        applyIfValid(record);
        // Published only once the state shows the record: queries on other threads trust what it says.
        context.recordMetadata().ifPresent(source -> progress.processed(source.offset(), record.timestamp()));
    }

    private void applyIfValid(Record<String, Heartbeat> record) {
        String userId = record.key();
        if (record.value() == null || !UserIds.isValid(userId)) {
            metrics.skipped();
            log.warn("Skipping a heartbeat record without a valid user id key in task {}", context.taskId());
            return;
        }
        long heartbeatMs = record.timestamp();
        if (Duration.between(record.value().ts(), Instant.ofEpochMilli(heartbeatMs))
                        .abs()
                        .compareTo(CLOCK_SKEW_REPORTED)
                > 0) {
            metrics.gatewayClockSkewed();
        }
        checkGatewayThreshold(record);
        machine.heartbeat(userId, heartbeatMs);
    }

    /**
     * A gateway configured with another {@code PRESENCE_OFFLINE_AFTER} tells clients to beat at the wrong pace (half of
     * a longer threshold means users flap offline here). Counted on every such record, logged once per task.
     */
    private void checkGatewayThreshold(Record<String, Heartbeat> record) {
        Header header = record.headers().lastHeader(Topics.OFFLINE_AFTER_HEADER);
        if (header == null || header.value() == null) {
            return;
        }
        if (Arrays.equals(header.value(), ownThresholdMs)) {
            return;
        }
        metrics.offlineAfterMismatch();
        if (!thresholdMismatchLogged) {
            thresholdMismatchLogged = true;
            // The header comes from whoever wrote the record: only digits reach the log.
            String gatewayMs = new String(header.value(), StandardCharsets.US_ASCII).replaceAll("[^0-9]", "?");
            log.warn(
                    "A gateway runs with PRESENCE_OFFLINE_AFTER={} ms but query-api with {} ms; set the same value"
                            + " on both (task {})",
                    gatewayMs.length() > 20 ? gatewayMs.substring(0, 20) + "..." : gatewayMs,
                    settings.rule().offlineAfterMs(),
                    context.taskId());
        }
    }

    @Override
    public void close() {
        if (progress != null) {
            settings.tasks().stopped(context.taskId().partition(), progress);
        }
    }
}
