package io.presence.app;

import io.presence.event.JsonSerde;
import io.presence.event.PresenceChange;
import io.presence.event.Timestamps;
import io.presence.event.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Dev mode's window on {@code presence.changes}: prints every change as it is committed, like any other consumer would
 * see it.
 */
final class ChangeTail implements AutoCloseable {
    private final KafkaConsumer<String, PresenceChange> consumer;
    private final Thread thread;

    ChangeTail(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "presence-dev-tail-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                JsonSerde.presenceChanges());
        this.thread = new Thread(this::run, "presence-dev-change-tail");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.CHANGES));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, PresenceChange> record : consumer.poll(Duration.ofSeconds(1))) {
                    PresenceChange change = record.value();
                    System.out.printf(
                            "presence.changes  %-8s %-20s at %s (last seen %s)%n",
                            change.status().wireName(),
                            change.userId(),
                            Timestamps.format(change.at()),
                            Timestamps.format(change.lastSeen()));
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
