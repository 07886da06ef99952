package io.presence.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a replay reads each partition of a topic: from the first record at or after one instant to the first at or
 * after another, both found with Kafka's offsets-for-times, so that nothing before the interval is ever read.
 *
 * @param start the first offset to read, per partition
 * @param stop  the first offset not to read, per partition
 */
record LogRange(Map<TopicPartition, Long> start, Map<TopicPartition, Long> stop) {
    /** The partitions of {@code topic} (or only {@code partition}, when given) between the two instants. */
    static LogRange between(Consumer<?, ?> consumer, String topic, Set<Integer> partitions, long fromMs, long untilMs) {
        List<TopicPartition> chosen = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
            if (partitions.isEmpty() || partitions.contains(info.partition())) {
                chosen.add(new TopicPartition(topic, info.partition()));
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(chosen);
        return new LogRange(positions(consumer, chosen, fromMs, ends), positions(consumer, chosen, untilMs, ends));
    }

    /** The first offset at or after {@code atMs} on each partition; the end of the log where there is none yet. */
    private static Map<TopicPartition, Long> positions(
            Consumer<?, ?> consumer, List<TopicPartition> partitions, long atMs, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = partitions.stream().collect(Collectors.toMap(p -> p, p -> Math.max(0, atMs)));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            positions.put(partition, offset == null ? ends.get(partition) : offset.offset());
        }
        return positions;
    }

    /** How many records the range holds. */
    long records() {
        return start.entrySet().stream()
                .mapToLong(e -> Math.max(0, stop.get(e.getKey()) - e.getValue()))
                .sum();
    }
}
