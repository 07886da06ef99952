package io.presence.kafka;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import java.time.Duration;

/**
 * Where the Kafka cluster is and how our topics are created in it.
 *
 * @param bootstrapServers   {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param partitions         {@code PRESENCE_PARTITIONS}, used only when a topic is created
 * @param replication        {@code PRESENCE_REPLICATION}, for our topics and Kafka Streams' internal ones
 * @param heartbeatRetention {@code PRESENCE_HEARTBEATS_RETENTION}, how long heartbeat history stays replayable
 * @param changeRetention    {@code PRESENCE_CHANGES_RETENTION}, how long change history stays replayable
 */
public record KafkaSettings(
        String bootstrapServers,
        int partitions,
        short replication,
        Duration heartbeatRetention,
        Duration changeRetention) {
    public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** History shorter than an hour is no history; longer than ten years, a typo. */
    private static final Duration MIN_RETENTION = Duration.ofHours(1);

    private static final Duration MAX_RETENTION = Duration.ofDays(3_650);

    public static KafkaSettings fromEnv(Env env) {
        String bootstrap = env.string(BOOTSTRAP, DEFAULT_BOOTSTRAP);
        if (!bootstrap.matches("[^\\s,]+:\\d{1,5}(,[^\\s,]+:\\d{1,5})*")) {
            throw new ConfigException(
                    BOOTSTRAP, "'" + bootstrap + "' is not a list of host:port, e.g. broker1:9092,broker2:9092");
        }
        return new KafkaSettings(
                bootstrap,
                env.intInRange("PRESENCE_PARTITIONS", 12, 1, 10_000),
                (short) env.intInRange("PRESENCE_REPLICATION", 1, 1, 32),
                env.durationInRange("PRESENCE_HEARTBEATS_RETENTION", Duration.ofDays(7), MIN_RETENTION, MAX_RETENTION),
                env.durationInRange("PRESENCE_CHANGES_RETENTION", Duration.ofDays(30), MIN_RETENTION, MAX_RETENTION));
    }

    /** With replication 3 a write survives one broker down: two in-sync copies are required. */
    public int minInSyncReplicas() {
        return Math.max(1, replication - 1);
    }
}
