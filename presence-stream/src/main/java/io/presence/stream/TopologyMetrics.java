package io.presence.stream;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The topology's own meters, registered with Kafka Streams so that they are exported with its metrics
 * ({@code stream-presence-metrics}): changes published by status, and the latency of each offline scan.
 */
final class TopologyMetrics {
    private static final String SCOPE = "presence";

    private final Sensor onlineChanges;
    private final Sensor offlineChanges;
    private final Sensor offlineScan;

    TopologyMetrics(StreamsMetrics metrics, TaskId task) {
        String entity = "task-" + task;
        this.onlineChanges = metrics.addRateTotalSensor(SCOPE, entity, "online-changes", Sensor.RecordingLevel.INFO);
        this.offlineChanges = metrics.addRateTotalSensor(SCOPE, entity, "offline-changes", Sensor.RecordingLevel.INFO);
        this.offlineScan = metrics.addLatencyRateTotalSensor(SCOPE, entity, "offline-scan", Sensor.RecordingLevel.INFO);
    }

    void onlineChange() {
        onlineChanges.record();
    }

    void offlineChange() {
        offlineChanges.record();
    }

    void offlineScanTook(long nanos) {
        offlineScan.record(nanos / 1_000_000.0);
    }
}
