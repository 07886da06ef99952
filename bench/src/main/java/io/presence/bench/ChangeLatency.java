package io.presence.bench;

import io.presence.bench.proc.Http;
import io.presence.event.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The subscribers' baseline: a plain {@code read_committed} consumer of {@code presence.changes}, as another service
 * reads it, timing each online change from its heartbeat ({@code at}) to the moment it is read.
 */
final class ChangeLatency implements AutoCloseable {
    static final Pattern ONLINE_AT = Pattern.compile("\"status\":\"online\",\"at\":\"([^\"]+)\"");

    private final KafkaConsumer<String, String> consumer;
    private final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    private ChangeLatency(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = partitionsOnceCreated();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::consume, "change-latency");
        thread.setDaemon(true);
    }

    /** The partitions of presence.changes, waiting for query-api to create the topic when it is not there yet. */
    private List<TopicPartition> partitionsOnceCreated() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHANGES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (!partitions.isEmpty() || System.nanoTime() > deadline) {
                return partitions;
            }
            Http.pause(Duration.ofMillis(200));
        }
    }

    static ChangeLatency start(String bootstrapServers) {
        ChangeLatency reader = new ChangeLatency(bootstrapServers);
        reader.thread.start();
        return reader;
    }

    private void consume() {
        try {
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    record(latencies, record.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Adds the latency of an online change, read now; other events are not timed. */
    static void record(ConcurrentLinkedQueue<Double> into, String change) {
        Matcher online = ONLINE_AT.matcher(change);
        if (online.find()) {
            into.add((double)
                    (System.currentTimeMillis() - Instant.parse(online.group(1)).toEpochMilli()));
        }
    }

    void reset() {
        latencies.clear();
    }

    List<Double> latencies() {
        return List.copyOf(latencies);
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
