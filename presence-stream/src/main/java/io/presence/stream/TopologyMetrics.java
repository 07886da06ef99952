package io.presence.stream;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The topology's own meters, registered with Kafka Streams so that they are exported with its metrics
 * ({@code stream-presence-metrics}): changes published by status, skipped records, heartbeats whose gateway clock
 * disagreed with the broker's, the duration of each offline scan and how far offline decisions trail the wall clock.
 */
final class TopologyMetrics {
    private static final String SCOPE = "presence";

    private final Sensor onlineChanges;
    private final Sensor offlineChanges;
    private final Sensor skippedRecords;
    private final Sensor gatewayClockSkew;
    private final Sensor offlineAfterMismatch;
    private final Sensor offlineScan;
    private final Sensor decisionsBehind;

    TopologyMetrics(StreamsMetrics metrics, TaskId task) {
        String entity = "task-" + task;
        this.onlineChanges = metrics.addRateTotalSensor(SCOPE, entity, "online-changes", Sensor.RecordingLevel.INFO);
        this.offlineChanges = metrics.addRateTotalSensor(SCOPE, entity, "offline-changes", Sensor.RecordingLevel.INFO);
        this.skippedRecords =
                metrics.addRateTotalSensor(SCOPE, entity, "skipped-heartbeats", Sensor.RecordingLevel.INFO);
        this.gatewayClockSkew =
                metrics.addRateTotalSensor(SCOPE, entity, "gateway-clock-skewed", Sensor.RecordingLevel.INFO);
        this.offlineAfterMismatch =
                metrics.addRateTotalSensor(SCOPE, entity, "offline-after-mismatch", Sensor.RecordingLevel.INFO);
        this.offlineScan = metrics.addLatencyRateTotalSensor(SCOPE, entity, "offline-scan", Sensor.RecordingLevel.INFO);
        this.decisionsBehind = metrics.addLatencyRateTotalSensor(
                SCOPE, entity, "offline-decisions-behind", Sensor.RecordingLevel.INFO);
    }

    void onlineChange() {
        onlineChanges.record();
    }

    void offlineChange() {
        offlineChanges.record();
    }

    void skipped() {
        skippedRecords.record();
    }

    void gatewayClockSkewed() {
        gatewayClockSkew.record();
    }

    void offlineAfterMismatch() {
        offlineAfterMismatch.record();
    }

    void offlineScanTook(long nanos) {
        offlineScan.record(nanos / 1_000_000.0);
    }

    /** How far (ms) the instant up to which offline is decided trails the wall clock: the freshness of decisions. */
    void decisionsBehindWallClock(long ms) {
        decisionsBehind.record(ms);
    }
}
