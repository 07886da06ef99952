package io.presence.query;

import io.presence.auth.JwtSettings;
import io.presence.config.Env;
import io.presence.config.OfflineAfter;
import io.presence.kafka.KafkaSettings;
import io.presence.stream.EngineSettings;
import io.presence.user.PresenceRule;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything query-api is configured with, read and validated once at start-up.
 *
 * @param host           interface to listen on ({@code PRESENCE_QUERY_HOST}, default all)
 * @param port           {@code PRESENCE_QUERY_PORT}, default 8081
 * @param rule           the presence rule, from {@code PRESENCE_OFFLINE_AFTER}
 * @param stateDir       {@code PRESENCE_STATE_DIR}, Kafka Streams' local state; two instances on one machine need two
 * @param advertisedHost {@code PRESENCE_ADVERTISED_HOST}, how other instances reach this one
 * @param standbyReplicas {@code PRESENCE_STANDBY_REPLICAS}, warm copies of each partition's state on other instances
 * @param stateMemoryMb  {@code PRESENCE_STATE_MEMORY_MB}, the off-heap memory (MiB) all RocksDB stores share
 * @param historyRetention {@code PRESENCE_HISTORY_RETENTION}, how long sessions and online counts are kept
 */
public record QueryApiConfig(
        String host,
        int port,
        PresenceRule rule,
        JwtSettings jwt,
        KafkaSettings kafka,
        Path stateDir,
        String advertisedHost,
        int standbyReplicas,
        int stateMemoryMb,
        Duration historyRetention) {
    public static final String PORT = "PRESENCE_QUERY_PORT";
    /** RocksDB's budget when {@code PRESENCE_STATE_MEMORY_MB} is not set. */
    public static final int DEFAULT_STATE_MEMORY_MB = (int) (EngineSettings.DEFAULT_STATE_MEMORY_BYTES >> 20);

    /** How the presence engine in this process runs. */
    public EngineSettings engine() {
        return new EngineSettings(
                kafka.bootstrapServers(),
                stateDir,
                kafka.replication(),
                standbyReplicas,
                rule,
                kafka.clientSecurity(),
                (long) stateMemoryMb << 20,
                historyRetention);
    }

    public static QueryApiConfig fromEnv(Env env) {
        int port = env.port(PORT, 8081);
        return new QueryApiConfig(
                env.host("PRESENCE_QUERY_HOST", "0.0.0.0"),
                port,
                new PresenceRule(OfflineAfter.fromEnv(env)),
                JwtSettings.fromEnv(env),
                KafkaSettings.fromEnv(env),
                env.writableDirectory("PRESENCE_STATE_DIR", "./data/query-api-" + port),
                env.host("PRESENCE_ADVERTISED_HOST", "127.0.0.1"),
                env.intInRange("PRESENCE_STANDBY_REPLICAS", 1, 0, 5),
                env.intInRange("PRESENCE_STATE_MEMORY_MB", DEFAULT_STATE_MEMORY_MB, 16, 1 << 20),
                env.durationInRange(
                        "PRESENCE_HISTORY_RETENTION",
                        EngineSettings.DEFAULT_HISTORY_RETENTION,
                        Duration.ofHours(1),
                        Duration.ofDays(3_650)));
    }
}
