package io.presence.query.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.presence.http.Readiness;
import io.presence.query.QueryApiConfig;
import io.presence.stream.HeartbeatLogWatcher;
import io.presence.stream.LastSeen;
import io.presence.stream.LocalTasks;
import io.presence.stream.PresenceSettings;
import io.presence.stream.PresenceStreamsConfig;
import io.presence.stream.PresenceTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
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
 * key lives, and the last-seen store of one local partition, looked up anew for every request. Every failure to reach
 * Kafka Streams surfaces as a {@code StreamsException} (mostly {@code InvalidStateStoreException}), which query-api
 * answers with 503 in one place.
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
    private final Clock clock;
    private final HeartbeatLogWatcher heartbeatLog;
    private final LocalTasks tasks;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile boolean metricsBound;
    private volatile StoreLags lags;

    public PresenceStreams(QueryApiConfig config, MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.heartbeatLog = HeartbeatLogWatcher.start(config.kafka().bootstrapServers(), PresenceStreamsConfig.APPLICATION_ID, clock);
        this.tasks = new LocalTasks(heartbeatLog, clock::millis);
    }

    /** Starts processing; {@code self} is the address other instances use to reach this one. */
    public void start(HostInfo self) {
        this.self = self;
        KafkaStreams created = new KafkaStreams(
                PresenceTopology.build(new PresenceSettings(config.rule(), tasks)), properties(self));
        created.setUncaughtExceptionHandler(new ThreadFailures(clock));
        created.setGlobalStateRestoreListener(new RestoreLog());
        exportMetrics(created);
        this.streams = created;
        this.lags = new StoreLags(created::allLocalStorePartitionLags);
        created.start();
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
        Gauge.builder("presence.online.users", this, PresenceStreams::onlineUsersHere)
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
        return running().queryMetadataForKey(PresenceTopology.LAST_SEEN_STORE, userId, Serdes.String().serializer());
    }

    /**
     * What the copies hosted here know of these users. The active task of a partition answers, and may prove offline
     * once it has caught up; with {@code allowStandby}, a standby or restoring copy answers too, but only while it lags
     * its changelog by at most {@value #MAX_STANDBY_LAG} records, and it proves nothing offline.
     * Throws {@code InvalidStateStoreException} when a partition cannot answer here.
     */
    public Map<String, Seen> lastSeenHere(Map<Integer, List<String>> idsByPartition, boolean allowStandby) {
        Map<String, Seen> found = new HashMap<>();
        idsByPartition.forEach((partition, ids) -> {
            ReadOnlyKeyValueStore<String, LastSeen> store = lastSeenStore(partition, allowStandby);
            boolean offlineProvable = !allowStandby && tasks.notServingBecause(partition).isEmpty();
            for (String id : ids) {
                LastSeen seen = store.get(id);
                found.put(id, new Seen(seen == null ? null : seen.lastSeenMs(), offlineProvable));
            }
        });
        return found;
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

    /** Users online in the partitions whose tasks are active here; 0 when there are none. */
    public long onlineUsersHere() {
        return tasks.onlineUsers().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every instance of the application, this one included. */
    public List<HostInfo> allInstances() {
        return running().metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo).toList();
    }

    /** Kafka Streams, if it can be asked now; otherwise the exception every query answers 503 for. */
    private KafkaStreams running() {
        KafkaStreams current = streams;
        if (current == null) {
            throw new StreamsNotStartedException("Kafka Streams has not started yet");
        }
        KafkaStreams.State state = current.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new InvalidStateStoreException("Kafka Streams is " + state);
        }
        return current;
    }

    /** Live unless Kafka Streams has stopped for good (repeated thread failures): only a restart helps then. */
    public Optional<String> deadBecause() {
        KafkaStreams current = streams;
        if (current != null && (current.state() == KafkaStreams.State.ERROR
                || current.state() == KafkaStreams.State.NOT_RUNNING)) {
            return Optional.of("Kafka Streams has stopped (" + current.state() + ") and does not process heartbeats");
        }
        return Optional.empty();
    }

    /**
     * Ready when Kafka Streams runs and every partition whose task is active here can answer any query now, offline
     * included: its task processes (restore done) and has caught up with the heartbeat log (and not fallen far behind
     * since). How fresh offline decisions are is a metric, not a readiness condition.
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
        return partitionsNotServing(current);
    }

    private Optional<String> partitionsNotServing(KafkaStreams current) {
        List<String> behind = current.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().partition())
                .sorted()
                .flatMap(partition -> tasks.notServingBecause(partition).map(why -> "partition " + partition + " " + why).stream())
                .toList();
        return behind.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", behind));
    }

    @Override
    public void close() {
        KafkaStreams current = streams;
        if (current != null) {
            lags.close();
            boolean closed = current.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            if (closed) {
                log.info("Kafka Streams closed cleanly and left the group");
            } else {
                log.warn("Kafka Streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        }
        heartbeatLog.close();
    }
}
