package io.presence.query.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.presence.http.Readiness;
import io.presence.query.QueryApiConfig;
import io.presence.stream.LastSeen;
import io.presence.stream.PresenceSettings;
import io.presence.stream.PresenceStreamsConfig;
import io.presence.stream.PresenceTopology;
import java.time.Duration;
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

    private final QueryApiConfig config;
    private final MeterRegistry metrics;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile boolean metricsBound;

    public PresenceStreams(QueryApiConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Starts processing; {@code self} is the address other instances use to reach this one. */
    public void start(HostInfo self) {
        this.self = self;
        KafkaStreams created = new KafkaStreams(PresenceTopology.build(new PresenceSettings(config.offlineAfter())), properties(self));
        created.setUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(created);
        created.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING && !metricsBound) {
                // Bound once tasks exist, so that task, store and RocksDB metrics are exported at once rather than
                // after the binder's next refresh.
                metricsBound = true;
                streamsMetrics.bindTo(metrics);
            }
        });
        Gauge.builder("presence.online.users", this, PresenceStreams::onlineUsersHere)
                .description("Users online in the partitions this instance hosts (RocksDB estimate)")
                .register(metrics);
        created.start();
        this.streams = created;
    }

    private Properties properties(HostInfo self) {
        Properties props = PresenceStreamsConfig.base(config.kafka().bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replication());
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

    /** The last-seen store of one partition hosted here; throws {@code InvalidStateStoreException} while it moves. */
    public ReadOnlyKeyValueStore<String, LastSeen> lastSeenStore(int partition) {
        return running().store(StoreQueryParameters
                .fromNameAndType(PresenceTopology.LAST_SEEN_STORE, QueryableStoreTypes.<String, LastSeen>keyValueStore())
                .withPartition(partition));
    }

    private KafkaStreams running() {
        KafkaStreams current = streams;
        if (current == null) {
            throw new org.apache.kafka.streams.errors.StreamsNotStartedException("Kafka Streams has not started yet");
        }
        return current;
    }

    private double onlineUsersHere() {
        try {
            return running().store(StoreQueryParameters.fromNameAndType(
                    PresenceTopology.ONLINE_USERS_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())).approximateNumEntries();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

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
        return Optional.empty();
    }

    @Override
    public void close() {
        KafkaStreams current = streams;
        if (current != null) {
            current.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
    }
}
