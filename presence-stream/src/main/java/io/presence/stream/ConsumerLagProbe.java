package io.presence.stream;

import io.presence.kafka.Topics;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Reads the backlog of a task's heartbeat partition from the stream thread's own consumer ({@code records-lag} of
 * {@code consumer-fetch-manager-metrics}), through {@code KafkaStreams#metrics()}: the processor context only sees
 * Kafka Streams' own metrics, not its clients'. Unknown until the consumer's first fetch of that partition.
 */
public final class ConsumerLagProbe implements BacklogProbe {
    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String NAME = "records-lag";
    /** The consumer writes the topic tag with dots turned into underscores. */
    private static final String TOPIC_TAG = Topics.HEARTBEATS.replace('.', '_');

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    /** @param metrics every metric of the Kafka Streams instance, its clients' included */
    public ConsumerLagProbe(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public OptionalLong recordsBehind(TaskId task) {
        String partition = Integer.toString(task.partition());
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            MetricName name = entry.getKey();
            if (NAME.equals(name.name()) && GROUP.equals(name.group())
                    && isHeartbeatTopic(name.tags().get("topic")) && partition.equals(name.tags().get("partition"))
                    && !String.valueOf(name.tags().get("client-id")).endsWith("restore-consumer")) {
                Object value = entry.getValue().metricValue();
                if (value instanceof Number lag && !Double.isNaN(lag.doubleValue())) {
                    return OptionalLong.of(Math.max(0, lag.longValue()));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static boolean isHeartbeatTopic(String tag) {
        return TOPIC_TAG.equals(tag) || Topics.HEARTBEATS.equals(tag);
    }
}
