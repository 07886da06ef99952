package io.presence.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A consumer positioned at the end of a topic that notes when a record arrives, to measure publication delays. */
public final class LiveConsumer implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;

    public LiveConsumer(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-live-" + UUID.randomUUID(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        50,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The wall-clock time at which the first matching record was received. */
    public Instant awaitRecord(Predicate<ConsumerRecord<String, String>> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                if (wanted.test(record)) {
                    return Instant.now();
                }
            }
        }
        throw new AssertionError("no matching record within " + timeout);
    }

    /** A record and the wall-clock time it reached this consumer. */
    public record Received(ConsumerRecord<String, String> record, Instant at) {}

    /** Whatever arrives within {@code wait}, each with its arrival time. */
    public List<Received> poll(Duration wait) {
        List<Received> received = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            received.add(new Received(record, Instant.now()));
        }
        return received;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
