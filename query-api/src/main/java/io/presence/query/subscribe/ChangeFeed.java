package io.presence.query.subscribe;

import io.presence.event.Topics;
import io.presence.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one consumer of {@code presence.changes} in this instance. It reads every partition from the end it found at
 * start-up, committed records only (the topology writes changes in transactions), and hands each poll to
 * {@link Subscriptions}. No consumer group: every instance serves its own subscribers from the whole topic.
 */
final class ChangeFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How often idle subscribers hear the feed's position: below the 15 s after which an idle connection closes. */
    static final Duration KEEPALIVE = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    ChangeFeed(KafkaSettings kafka, Subscriptions subscriptions, Clock clock) {
        this.consumer = new KafkaConsumer<>(
                readCommitted(kafka, "query-api-change-feed"), new StringDeserializer(), new ByteArrayDeserializer());
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.thread = new Thread(this::run, "change-feed");
        this.thread.setDaemon(true);
    }

    /** Client settings for reading {@code presence.changes}: committed records only, no group, no auto-commit. */
    static Map<String, Object> readCommitted(KafkaSettings kafka, String clientId) {
        Map<String, Object> config = kafka.clientConfig(clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return config;
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHANGES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            long toldAt = clock.millis();
            subscriptions.dispatch(List.of(), position(partitions), false);
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                long now = clock.millis();
                boolean tell = now - toldAt >= KEEPALIVE.toMillis();
                if (tell) {
                    toldAt = now;
                }
                subscriptions.dispatch(events(records), position(partitions), tell);
            }
        } catch (WakeupException e) {
            // close() woke the poll: stopping.
        } catch (RuntimeException e) {
            log.error("The change feed stopped; subscriptions on this instance get no more changes", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private static List<ChangeEvent> events(ConsumerRecords<String, byte[]> records) {
        List<ChangeEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null && record.value() != null) {
                events.add(new ChangeEvent(
                        record.partition(),
                        record.offset(),
                        record.key(),
                        new String(record.value(), StandardCharsets.UTF_8)));
            }
        }
        return events;
    }

    private FeedPosition position(List<TopicPartition> partitions) {
        Map<Integer, Long> next = new HashMap<>();
        partitions.forEach(tp -> next.put(tp.partition(), consumer.position(tp)));
        return FeedPosition.of(next);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
