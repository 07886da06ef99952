package io.presence.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices another instance advertising this one's address (several hosts left on the default, one copied
 * configuration). Kafka Streams merges the metadata of clients that share an address, so the partitions it lists for
 * ours include some that no thread here owns; queries for those users are then sent back here and cannot be answered.
 * Seen in two checks in a row (a rebalance can show it for a moment), it is logged once and metered until it ends.
 */
final class SharedAddressCheck implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedAddressCheck.class);
    private static final long PERIOD_MS = 5_000;

    private final KafkaStreams streams;
    private final Instance self;
    private final ScheduledExecutorService executor;
    private volatile Optional<String> conflict = Optional.empty();
    private Optional<String> seenLastTime = Optional.empty();

    SharedAddressCheck(KafkaStreams streams, Instance self, MeterRegistry metrics) {
        this.streams = streams;
        this.self = self;
        Gauge.builder("presence.advertised.address.shared", this, check -> check.conflict.isPresent() ? 1 : 0)
                .description("1 while another instance advertises this instance's address (PRESENCE_ADVERTISED_HOST)")
                .register(metrics);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shared-address-check");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::checkSafely, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** What is wrong, while another instance advertises this one's address. */
    Optional<String> conflict() {
        return conflict;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.debug("Advertised address not checked this time: {}", e.toString());
        }
    }

    private void check() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            seenLastTime = Optional.empty();
            return;
        }
        Set<TopicPartition> listedForSelf = streams.metadataForAllStreamsClients().stream()
                .filter(client -> client.hostInfo().host().equals(self.host())
                        && client.hostInfo().port() == self.port())
                .map(StreamsMetadata::topicPartitions)
                .flatMap(Set::stream)
                .collect(Collectors.toSet());
        Set<TopicPartition> ownedHere = streams.metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks)
                .flatMap(Set::stream)
                .flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
        Optional<String> now = conflict(self, listedForSelf, ownedHere);
        boolean confirmed = now.isPresent() && seenLastTime.isPresent();
        if (confirmed && conflict.isEmpty()) {
            log.warn("{}", now.get());
        } else if (now.isEmpty() && conflict.isPresent()) {
            log.info("No other instance advertises {} any more", self);
        }
        conflict = confirmed ? now : Optional.empty();
        seenLastTime = now;
    }

    /** The conflict, if the group lists partitions for this address that are not owned here. */
    static Optional<String> conflict(Instance self, Set<TopicPartition> listedForSelf, Set<TopicPartition> ownedHere) {
        Set<TopicPartition> elsewhere = new TreeSet<>(Comparator.comparing(TopicPartition::toString));
        elsewhere.addAll(listedForSelf);
        elsewhere.removeAll(ownedHere);
        if (elsewhere.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Another query-api instance advertises this one's address " + self + " (it owns "
                + elsewhere + "): queries for its users cannot be routed. Give each instance its own"
                + " PRESENCE_ADVERTISED_HOST (and PRESENCE_QUERY_PORT)");
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
