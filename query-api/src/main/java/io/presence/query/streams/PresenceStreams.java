package io.presence.query.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.presence.http.Readiness;
import io.presence.query.QueryApiConfig;
import io.presence.stream.BacklogProbe;
import io.presence.stream.ConsumerLagProbe;
import io.presence.stream.LastSeen;
import io.presence.stream.PresenceSettings;
import io.presence.stream.PresenceStreamsConfig;
import io.presence.stream.PresenceTopology;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence topology hosted in this process, and the only way the rest of query-api reaches Kafka Streams: where a
 * key lives, and the last-seen store of one local partition, looked up anew for every request.
 */
public final class PresenceStreams implements Readiness, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How fast the group notices an instance that died without leaving: the failover we promise. */
    private static final int SESSION_TIMEOUT_MS = 10_000;
    /** A standby copy answers queries only while it is at most this many records behind. */
    public static final long MAX_STANDBY_LAG = 100;

    private final QueryApiConfig config;
    private final MeterRegistry metrics;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile boolean metricsBound;
    private final StoreLags lags = new StoreLags(() -> running().allLocalStorePartitionLags());

    public PresenceStreams(QueryApiConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Starts processing; {@code self} is the address other instances use to reach this one. */
    public void start(HostInfo self) {
        this.self = self;
        KafkaStreams created = create(self);
        exportMetrics(created);
        this.streams = created;
        created.start();
    }

    private KafkaStreams create(HostInfo self) {
        BacklogProbe backlog = new ConsumerLagProbe(() -> streams == null ? Map.of() : streams.metrics());
        KafkaStreams created = new KafkaStreams(
                PresenceTopology.build(new PresenceSettings(config.offlineAfter(), backlog)), properties(self));
        created.setUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return created;
    }

    /** Kafka Streams' meters are bound once tasks exist, so that task, store and RocksDB meters are there at once. */
    private void exportMetrics(KafkaStreams created) {
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(created);
        created.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING && !metricsBound) {
                metricsBound = true;
                streamsMetrics.bindTo(metrics);
            }
        });
        Gauge.builder("presence.online.users", this, PresenceStreams::onlineUsersGauge)
                .description("Users online in the partitions this instance owns")
                .register(metrics);
    }

    private Properties properties(HostInfo self) {
        Properties props = PresenceStreamsConfig.base(config.kafka().bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replication());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 3);
        return props;
    }

    public HostInfo self() {
        return self;
    }

    /** Where the last-seen entry of this user lives, or {@code KeyQueryMetadata.NOT_AVAILABLE} while unknown. */
    public KeyQueryMetadata metadataFor(String userId) {
        KafkaStreams current = streams;
        if (current == null) {
            return KeyQueryMetadata.NOT_AVAILABLE;
        }
        return current.queryMetadataForKey(PresenceTopology.LAST_SEEN_STORE, userId, Serdes.String().serializer());
    }

    /**
     * What the copies hosted here know of these users. With {@code allowStandby}, a standby or restoring copy answers
     * too, but only while it lags the topic by at most {@value #MAX_STANDBY_LAG} records, and it decides nothing.
     * Throws {@code InvalidStateStoreException} when a partition cannot answer here.
     */
    public Map<String, Seen> lastSeenHere(Map<Integer, List<String>> idsByPartition, boolean allowStandby) {
        Map<String, Seen> found = new HashMap<>();
        idsByPartition.forEach((partition, ids) -> {
            ReadOnlyKeyValueStore<String, LastSeen> store = lastSeenStore(partition, allowStandby);
            long decidedUntil = allowStandby ? Seen.NOTHING_DECIDED : decidedUntil(partition);
            for (String id : ids) {
                LastSeen seen = store.get(id);
                found.put(id, new Seen(seen == null ? null : seen.lastSeenMs(), decidedUntil));
            }
        });
        return found;
    }

    private long decidedUntil(int partition) {
        Long horizon = running().store(StoreQueryParameters
                .fromNameAndType(PresenceTopology.PROGRESS_STORE, QueryableStoreTypes.<String, Long>keyValueStore())
                .withPartition(partition)).get(PresenceTopology.HORIZON_KEY);
        return horizon == null ? Seen.NOTHING_DECIDED : horizon;
    }

    private ReadOnlyKeyValueStore<String, LastSeen> lastSeenStore(int partition, boolean allowStandby) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, LastSeen>> query = StoreQueryParameters
                .fromNameAndType(PresenceTopology.LAST_SEEN_STORE, QueryableStoreTypes.<String, LastSeen>keyValueStore())
                .withPartition(partition);
        if (!allowStandby) {
            return running().store(query);
        }
        long lag = lags.offsetLag(partition);
        if (lag > MAX_STANDBY_LAG) {
            throw new InvalidStateStoreException("the copy of partition " + partition + " here lags by " + lag + " records");
        }
        return running().store(query.enableStaleStores());
    }

    /** Users online in the partitions this instance owns: one deadline-index entry per online user. */
    public long onlineUsersHere() {
        return running().store(StoreQueryParameters.fromNameAndType(
                PresenceTopology.DEADLINE_INDEX_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())).approximateNumEntries();
    }

    /** Every instance of the application, this one included. */
    public List<HostInfo> allInstances() {
        return running().metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo).toList();
    }

    private KafkaStreams running() {
        KafkaStreams current = streams;
        if (current == null) {
            throw new StreamsNotStartedException("Kafka Streams has not started yet");
        }
        return current;
    }

    private double onlineUsersGauge() {
        try {
            return onlineUsersHere();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Ready when Kafka Streams runs, the stores of the partitions it owns can be queried, and their offline decisions
     * are current — so that every query, an offline answer included, can be answered now.
     */
    @Override
    public Optional<String> notReadyBecause() {
        KafkaStreams current = streams;
        if (current == null) {
            return Optional.of("Kafka Streams has not started yet");
        }
        KafkaStreams.State state = current.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("Kafka Streams is " + state);
        }
        try {
            current.store(StoreQueryParameters.fromNameAndType(
                    PresenceTopology.LAST_SEEN_STORE, QueryableStoreTypes.<String, LastSeen>keyValueStore()));
            return partitionsCatchingUp(current);
        } catch (InvalidStateStoreException e) {
            return Optional.of("the last-seen stores are not queryable yet: " + e.getMessage());
        }
    }

    private Optional<String> partitionsCatchingUp(KafkaStreams current) {
        long now = System.currentTimeMillis();
        List<Integer> behind = current.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().partition())
                .filter(partition -> !Seen.isCurrent(decidedUntil(partition), now))
                .sorted().toList();
        return behind.isEmpty() ? Optional.empty()
                : Optional.of("partitions " + behind + " are still catching up on their heartbeats");
    }

    @Override
    public void close() {
        KafkaStreams current = streams;
        if (current != null) {
            boolean closed = current.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            if (closed) {
                log.info("Kafka Streams closed cleanly and left the group");
            } else {
                log.warn("Kafka Streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        }
    }
}
