package io.presence.stream;

import io.presence.event.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the {@code presence.heartbeats} partitions every {@link HeartbeatLog#LOOK_EVERY} from its own thread, never
 * from a stream or request thread: their end offsets and the group's committed positions, each look stamped with the
 * wall-clock time it was asked at, and kept for {@link HeartbeatLog#HISTORY}. A partition whose leader cannot answer
 * gets no new look; its old looks stay true, only older, and tasks then stop answering {@code offline} for it.
 */
final class HeartbeatLogWatcher implements HeartbeatLog, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatLogWatcher.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String groupId;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Map<Integer, List<LogPosition>> recent = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, OffsetSpec> partitions = Map.of();

    private HeartbeatLogWatcher(Admin admin, String groupId, Clock clock) {
        this.admin = admin;
        this.groupId = groupId;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat-log-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching the heartbeat topic for the consumer group {@code groupId}. */
    static HeartbeatLogWatcher start(EngineSettings settings, String groupId, Clock clock) {
        Map<String, Object> config = new HashMap<>(settings.clientSecurity());
        config.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "presence-heartbeat-log-watcher",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis()));
        Admin admin = Admin.create(config);
        HeartbeatLogWatcher watcher = new HeartbeatLogWatcher(admin, groupId, clock);
        watcher.executor.scheduleWithFixedDelay(watcher::lookSafely, 0, LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** How many partitions {@code presence.heartbeats} has; 0 until the first look found them. */
    int partitionCount() {
        return partitions.size();
    }

    @Override
    public List<LogPosition> recent(int partition) {
        return recent.getOrDefault(partition, List.of());
    }

    private void lookSafely() {
        try {
            look();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Could not look at {} this time: {}", Topics.HEARTBEATS, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void look() throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            partitions = heartbeatPartitions();
        }
        long askedAtMs = clock.millis();
        ListOffsetsResult ends =
                admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) CALL_TIMEOUT.toMillis()));
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        for (TopicPartition partition : partitions.keySet()) {
            try {
                endOffsets.put(
                        partition,
                        ends.partitionResult(partition)
                                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                                .offset());
            } catch (ExecutionException | TimeoutException e) {
                log.debug("No look at {} this time: {}", partition, e.toString());
            }
        }
        // Asked after the end offsets, so every committed position is at least as new as the look it is paired with.
        Map<TopicPartition, OffsetAndMetadata> committed = committedPositions();
        endOffsets.forEach((partition, end) -> {
            OffsetAndMetadata position = committed.get(partition);
            remember(partition.partition(), new LogPosition(end, position == null ? 0 : position.offset(), askedAtMs));
        });
    }

    /** The group's committed positions; none (0, the safe lower bound) when the coordinator cannot say now. */
    private Map<TopicPartition, OffsetAndMetadata> committedPositions() throws InterruptedException {
        try {
            return admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        }
    }

    private void remember(int partition, LogPosition look) {
        List<LogPosition> kept = new ArrayList<>();
        for (LogPosition earlier : recent.getOrDefault(partition, List.of())) {
            if (look.observedAtMs() - earlier.observedAtMs() <= HISTORY.toMillis()) {
                kept.add(earlier);
            }
        }
        kept.add(look);
        recent.put(partition, List.copyOf(kept));
    }

    private Map<TopicPartition, OffsetSpec> heartbeatPartitions()
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin
                .describeTopics(List.of(Topics.HEARTBEATS))
                .allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(Topics.HEARTBEATS)
                .partitions()
                .stream()
                .map(TopicPartitionInfo::partition)
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.HEARTBEATS, p), p -> OffsetSpec.latest()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
