package io.presence.query.subscribe;

import io.presence.event.Topics;
import io.presence.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, for a resuming subscriber, the changes between its last event id and the feed position it joined at, with a
 * short-lived consumer of its own on a small pool, so a resume never slows the live feed.
 */
final class CatchUp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    /** Missed events a resume delivers at most; a client further behind starts afresh from the current statuses. */
    static final int MAX_MISSED = 10_000;
    /** Why a subscriber whose resume could not be gap-free was dropped. */
    static final String CANNOT_RESUME = "cannot-resume";
    /** How long a resume may take to read what was missed. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final ExecutorService readers = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "subscription-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    CatchUp(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /** Delivers to {@code subscriber} its followed changes in {@code [from, to)}, then lets its live events flow. */
    void start(Subscriber subscriber, FeedPosition from, FeedPosition to) {
        readers.execute(() -> {
            try {
                read(subscriber, from, to);
            } catch (KafkaException | MissedTooMuch e) {
                log.info("A subscriber could not resume: {}", e.getMessage());
                subscriber.drop(CANNOT_RESUME, e.getMessage(), false);
            }
        });
    }

    private void read(Subscriber subscriber, FeedPosition from, FeedPosition to) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ChangeFeed.readCommitted(kafka, "query-api-catch-up"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = from.next().keySet().stream()
                    .map(p -> new TopicPartition(Topics.CHANGES, p))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> earliest = consumer.beginningOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long resumeAt = from.next().get(tp.partition());
                if (resumeAt < earliest.get(tp)) {
                    throw new MissedTooMuch("changes after the last event id were deleted by the topic's retention");
                }
                consumer.seek(tp, resumeAt);
            }
            subscriber.resumed(missed(consumer, subscriber, partitions, to));
        }
    }

    private static List<ChangeEvent> missed(
            KafkaConsumer<String, byte[]> consumer,
            Subscriber subscriber,
            List<TopicPartition> partitions,
            FeedPosition to) {
        List<ChangeEvent> missed = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!caughtUp(consumer, partitions, to)) {
            if (System.nanoTime() > deadline) {
                throw new MissedTooMuch("reading the missed changes took longer than " + DEADLINE.toSeconds() + " s");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                boolean beforeJoin = record.offset() < to.next().getOrDefault(record.partition(), 0L);
                if (beforeJoin && record.key() != null && subscriber.interest().follows(record.key())) {
                    missed.add(new ChangeEvent(
                            record.partition(),
                            record.offset(),
                            record.key(),
                            new String(record.value(), StandardCharsets.UTF_8)));
                }
            }
            if (missed.size() > MAX_MISSED) {
                throw new MissedTooMuch("more than " + MAX_MISSED + " changes were missed; start afresh");
            }
        }
        return missed;
    }

    private static boolean caughtUp(
            KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, FeedPosition to) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < to.next().getOrDefault(tp.partition(), 0L)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }

    /** A resume that cannot be gap-free within the bounds; the client is told to start afresh. */
    private static final class MissedTooMuch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissedTooMuch(String message) {
            super(message, null, false, false);
        }
    }
}
