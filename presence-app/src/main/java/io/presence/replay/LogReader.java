package io.presence.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a {@link LogRange} with a few fetcher threads, each with a consumer of its own and a share of the partitions,
 * and hands the records to the calling thread in batches: fetching and parsing, Kafka's share of the work, overlap what
 * the caller does with the records. Each partition's records arrive in offset order.
 */
final class LogReader {
    private static final Duration POLL = Duration.ofMillis(500);
    /** Polled batches waiting for the caller: enough to keep every thread busy, few enough to bound memory. */
    private static final int BATCHES_IN_FLIGHT = 6;
    /** No batch: a fetcher has read its share. */
    private static final List<ConsumerRecord<byte[], byte[]>> DONE = List.of();

    private final Supplier<KafkaConsumer<byte[], byte[]>> consumers;
    private final int fetchers;

    LogReader(Supplier<KafkaConsumer<byte[], byte[]>> consumers, int fetchers) {
        this.consumers = consumers;
        this.fetchers = fetchers;
    }

    /** Hands every record of the range to {@code batch}, on this thread; returns how many there were. */
    long read(LogRange range, Consumer<List<ConsumerRecord<byte[], byte[]>>> batch) {
        List<Map<TopicPartition, Long>> shares = shares(range);
        BlockingQueue<List<ConsumerRecord<byte[], byte[]>>> batches = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Map<TopicPartition, Long> share : shares) {
            Thread thread = new Thread(() -> fetch(share, range, batches, failure), "replay-fetcher-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long records = 0;
        try {
            for (int done = 0; done < threads.size(); ) {
                List<ConsumerRecord<byte[], byte[]>> next = batches.take();
                if (next == DONE) {
                    done++;
                } else {
                    batch.accept(next);
                    records += next.size();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return records;
    }

    /** The partitions with records to read, dealt round-robin to the fetchers. */
    private List<Map<TopicPartition, Long>> shares(LogRange range) {
        List<Map<TopicPartition, Long>> shares = new ArrayList<>();
        int next = 0;
        for (Map.Entry<TopicPartition, Long> start : range.start().entrySet()) {
            if (start.getValue() >= range.stop().get(start.getKey())) {
                continue;
            }
            if (shares.size() < fetchers) {
                shares.add(new HashMap<>());
            }
            shares.get(next++ % shares.size()).put(start.getKey(), start.getValue());
        }
        return shares;
    }

    /** One fetcher: its share of the partitions, each from its start to its stop, then {@link #DONE}. */
    private void fetch(
            Map<TopicPartition, Long> share,
            LogRange range,
            BlockingQueue<List<ConsumerRecord<byte[], byte[]>>> batches,
            AtomicReference<RuntimeException> failure) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumers.get()) {
            Set<TopicPartition> unfinished = new HashSet<>(share.keySet());
            consumer.assign(share.keySet());
            share.forEach(consumer::seek);
            while (!unfinished.isEmpty()) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(polled.count());
                for (TopicPartition partition : polled.partitions()) {
                    long stop = range.stop().get(partition);
                    for (ConsumerRecord<byte[], byte[]> record : polled.records(partition)) {
                        if (record.offset() >= stop) {
                            break;
                        }
                        batch.add(record);
                    }
                }
                for (TopicPartition partition : Set.copyOf(unfinished)) {
                    if (consumer.position(partition) >= range.stop().get(partition)) {
                        unfinished.remove(partition);
                        consumer.pause(Set.of(partition));
                    }
                }
                if (!batch.isEmpty()) {
                    batches.put(batch);
                }
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                batches.put(DONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
