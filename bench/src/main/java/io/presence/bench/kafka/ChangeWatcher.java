package io.presence.bench.kafka;

import io.presence.event.JsonSerde;
import io.presence.event.PresenceChange;
import io.presence.event.PresenceStatus;
import io.presence.event.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code presence.changes} as another service would ({@code read_committed}, from the end at start), and notes
 * when each change of the users it watches (by id prefix) arrived: the moment a consumer could act on it.
 */
public final class ChangeWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String idPrefix;
    private final Map<String, Arrival> online = new ConcurrentHashMap<>();
    private final Map<String, Arrival> offline = new ConcurrentHashMap<>();
    private final Thread thread;

    /** One change and the wall-clock instant (epoch ms) it was read. */
    public record Arrival(PresenceChange change, long readAtMs) {}

    public ChangeWatcher(String bootstrapServers, String idPrefix) {
        this.idPrefix = idPrefix;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        10),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHANGES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::consume, "change-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void consume() {
        try (JsonSerde<PresenceChange> json = JsonSerde.presenceChanges()) {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && record.key().startsWith(idPrefix)) {
                        long now = System.currentTimeMillis();
                        PresenceChange change = json.deserialize(record.topic(), record.value());
                        Map<String, Arrival> arrivals = change.status() == PresenceStatus.ONLINE ? online : offline;
                        arrivals.putIfAbsent(change.userId(), new Arrival(change, now));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public Optional<Arrival> online(String userId) {
        return Optional.ofNullable(online.get(userId));
    }

    public Map<String, Arrival> offlines() {
        return Map.copyOf(offline);
    }

    public int offlineCount() {
        return offline.size();
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
