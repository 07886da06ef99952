package io.presence.bench.kafka;

import io.presence.bench.proc.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast a consumer group (a Kafka Streams application) works through a topic, read from its committed offsets:
 * under exactly-once a commit every 100 ms, so a fine-grained and honest view of what is done. The rate is taken
 * between two fractions of the input, leaving out the cold start and the tail.
 */
public final class GroupProgress {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final String groupId;
    private final String topic;

    public GroupProgress(Admin admin, String groupId, String topic) {
        this.admin = admin;
        this.groupId = groupId;
        this.topic = topic;
    }

    /** One look: when, and how many records the group has committed. */
    private record Sample(long nanos, long committed) {}

    /**
     * Waits until the group has committed {@code total} records and returns its records/s between {@code fromShare}
     * and the end.
     *
     * @param alive false when the program behind the group has died: the wait ends with an error
     */
    public double awaitRate(long total, double fromShare, Duration timeout, BooleanSupplier alive) {
        List<Sample> samples = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long committed = committed();
            samples.add(new Sample(System.nanoTime(), committed));
            if (committed >= total) {
                return rate(samples, (long) (total * fromShare));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        groupId + " committed " + committed + " of " + total + " in " + timeout);
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(groupId + " died after committing " + committed + " of " + total);
            }
            Http.pause(POLL);
        }
    }

    private static double rate(List<Sample> samples, long from) {
        Sample first = samples.stream()
                .filter(sample -> sample.committed() >= from)
                .findFirst()
                .orElseThrow();
        Sample last = samples.get(samples.size() - 1);
        if (last.nanos() == first.nanos()) {
            throw new IllegalStateException("Too few records to measure a rate: make the run larger");
        }
        return (last.committed() - first.committed()) / ((last.nanos() - first.nanos()) / 1e9);
    }

    /** Waits until the group has committed everything the topic holds now (its backlog is worked off). */
    public void awaitCaughtUp(Duration timeout, BooleanSupplier alive) {
        if (!caughtUpWithin(timeout, alive)) {
            throw new IllegalStateException(groupId + " did not catch up with " + topic + " within " + timeout);
        }
    }

    /** Whether the group commits everything the topic holds now within {@code timeout}. */
    public boolean caughtUpWithin(Duration timeout, BooleanSupplier alive) {
        long end = endOffsets();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed() < end) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(groupId + " died while catching up with " + topic);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Http.pause(POLL);
        }
        return true;
    }

    /** The records in every partition of the topic: the sum of their end offsets. */
    public long endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> latest =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .collect(Collectors.toMap(
                                    partition -> new TopicPartition(topic, partition.partition()),
                                    partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Records committed by the group over every partition of the topic. */
    public long committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return offsets.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset())
                    .sum();
        } catch (ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
