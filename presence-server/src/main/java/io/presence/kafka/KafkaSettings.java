package io.presence.kafka;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import io.presence.event.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the Kafka cluster is and how our topics are created in it.
 *
 * @param bootstrapServers   {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param partitions         {@code PRESENCE_PARTITIONS}, used only when a topic is created
 * @param replication        {@code PRESENCE_REPLICATION}, for our topics and Kafka Streams' internal ones; 3 unless set
 * @param heartbeatRetention {@code PRESENCE_HEARTBEATS_RETENTION}, how long heartbeat history stays replayable
 * @param changeRetention    {@code PRESENCE_CHANGES_RETENTION}, how long change history stays replayable
 * @param clientSecurity     how every Kafka client authenticates (see {@link KafkaSecurity}); empty for PLAINTEXT
 */
public record KafkaSettings(
        String bootstrapServers,
        int partitions,
        short replication,
        Duration heartbeatRetention,
        Duration changeRetention,
        Map<String, String> clientSecurity) {
    public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String REPLICATION = "PRESENCE_REPLICATION";
    /** Copies of each record unless {@code PRESENCE_REPLICATION} says otherwise: survives one broker down. */
    public static final short DURABLE_REPLICATION = 3;
    /** History shorter than an hour is no history; longer than ten years, a typo. */
    private static final Duration MIN_RETENTION = Duration.ofHours(1);

    private static final Duration MAX_RETENTION = Duration.ofDays(3_650);

    public KafkaSettings {
        clientSecurity = Map.copyOf(clientSecurity);
    }

    /** A cluster that takes PLAINTEXT clients, as a local one does. */
    public KafkaSettings(
            String bootstrapServers,
            int partitions,
            short replication,
            Duration heartbeatRetention,
            Duration changeRetention) {
        this(bootstrapServers, partitions, replication, heartbeatRetention, changeRetention, Map.of());
    }

    public static KafkaSettings fromEnv(Env env) {
        String bootstrap = env.string(BOOTSTRAP, DEFAULT_BOOTSTRAP);
        if (!bootstrap.matches("[^\\s,]+:\\d{1,5}(,[^\\s,]+:\\d{1,5})*")) {
            throw new ConfigException(
                    BOOTSTRAP, "'" + bootstrap + "' is not a list of host:port, e.g. broker1:9092,broker2:9092");
        }
        return new KafkaSettings(
                bootstrap,
                env.intInRange("PRESENCE_PARTITIONS", 12, 1, 10_000),
                replication(env),
                env.durationInRange("PRESENCE_HEARTBEATS_RETENTION", Duration.ofDays(7), MIN_RETENTION, MAX_RETENTION),
                env.durationInRange("PRESENCE_CHANGES_RETENTION", Duration.ofDays(30), MIN_RETENTION, MAX_RETENTION),
                KafkaSecurity.fromEnv(env));
    }

    /** Three copies unless chosen otherwise: fewer only when asked for (and {@link TopicProvisioner} warns). */
    private static short replication(Env env) {
        return (short) env.intInRange(REPLICATION, DURABLE_REPLICATION, 1, 32);
    }

    /** What every Kafka client of this process starts from: where the cluster is, who asks, and how it logs in. */
    public Map<String, Object> clientConfig(String clientId) {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", partitions=" + partitions + ", replication="
                + replication + ", heartbeatRetention=" + heartbeatRetention + ", changeRetention=" + changeRetention
                + ", clientSecurity=" + KafkaSecurity.redacted(clientSecurity) + "]";
    }

    /** "1 copy", "3 copies": for the messages about replication. */
    static String copies(int count) {
        return count + (count == 1 ? " copy" : " copies");
    }

    /** See {@link Topics#minInSyncReplicas}. */
    public int minInSyncReplicas() {
        return Topics.minInSyncReplicas(replication);
    }
}
