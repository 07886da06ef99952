package io.presence.stream;

import io.presence.event.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * The one place Kafka Streams is configured. The topology tests start from {@link #base} too, so exactly-once and the
 * error handling are never "only in production".
 */
final class StreamsSettings {
    static final String APPLICATION_ID = "presence";
    /** The record cache, for online-minutes alone: a few minutes of every task's counts fit many times over. */
    static final long ONLINE_MINUTES_CACHE_BYTES = 1L << 20;
    /** How fast the group notices an instance that died without leaving: the failover we promise. */
    private static final int SESSION_TIMEOUT_MS = 10_000;
    /** How often a changelog segment closes, so that the log cleaner can compact it. */
    static final String CHANGELOG_SEGMENT_MS = Long.toString(60_000);

    private StreamsSettings() {}

    /** What the topology's guarantees depend on, for any deployment and for the topology tests. */
    static Properties base(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Measured: record caching makes the per-user stores slower under exactly-once, so they turn it off; the cache
        // serves only online-minutes, a dozen hot keys whose writes it folds into one per commit.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, ONLINE_MINUTES_CACHE_BYTES);
        // A record that is not a heartbeat is logged and skipped: one bad producer must not stop presence for everyone.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // The same for a record that fails in processing: it is logged and skipped, and the thread does not die on it.
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        // A heartbeat's time is its record's (broker) timestamp; impossible ones are skipped, not fatal.
        props.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, HeartbeatTimestamps.class);
        // The default from Kafka 5.0 on; set now (by name, the constant is deprecated) so that behaviour does not
        // change.
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Changelogs get one update per heartbeat; the cleaner compacts only closed segments, and a segment closes at
        // 1 GiB by default. Rolled every minute, they are compacted within minutes, so that a restore reads about one
        // record per user rather than every heartbeat since the topic was made.
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG), CHANGELOG_SEGMENT_MS);
        return props;
    }

    /**
     * {@link #base} plus what one running instance adds: its state and the memory RocksDB may use for it, its address,
     * replication and failover speed.
     */
    static Properties forInstance(EngineSettings settings, Instance self, StateMemory memory) {
        Properties props = base(settings.bootstrapServers());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        props.put(StateMemory.CONFIG, memory);
        props.putAll(settings.clientSecurity());
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replication());
        // Changelogs and repartition topics are as durable as ours: an acknowledged state change has two copies.
        props.put(
                StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(Topics.minInSyncReplicas(settings.replication())));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 3);
        return props;
    }
}
