package io.presence.stream;

import io.presence.user.PresenceRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How one {@link PresenceEngine} runs.
 *
 * @param bootstrapServers where the Kafka cluster is
 * @param stateDir         where the local state (RocksDB) lives; two instances on one machine need two
 * @param replication      replication of Kafka Streams' internal topics
 * @param standbyReplicas  warm copies of each partition's state on other instances
 * @param rule             the presence rule
 * @param clientSecurity   Kafka client settings for authenticating to the brokers ({@code security.protocol}, SASL,
 *                         TLS); empty for PLAINTEXT
 * @param stateMemoryBytes the off-heap memory all RocksDB stores of the instance share (block cache and memtables)
 * @param historyRetention how long sessions and online counts are kept, and their changelogs with them
 */
public record EngineSettings(
        String bootstrapServers,
        Path stateDir,
        short replication,
        int standbyReplicas,
        PresenceRule rule,
        Map<String, String> clientSecurity,
        long stateMemoryBytes,
        Duration historyRetention) {
    /**
     * The RocksDB budget when none is configured: what the bench measured with a million users per instance (README,
     * "Performance"); an instance that holds more users needs more.
     */
    public static final long DEFAULT_STATE_MEMORY_BYTES = 128L << 20;
    /** The history kept when {@code PRESENCE_HISTORY_RETENTION} is not set: a week. */
    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(7);

    public EngineSettings {
        clientSecurity = Map.copyOf(clientSecurity);
    }

    /** Settings with the default RocksDB budget and history retention. */
    public EngineSettings(
            String bootstrapServers,
            Path stateDir,
            short replication,
            int standbyReplicas,
            PresenceRule rule,
            Map<String, String> clientSecurity) {
        this(
                bootstrapServers,
                stateDir,
                replication,
                standbyReplicas,
                rule,
                clientSecurity,
                DEFAULT_STATE_MEMORY_BYTES,
                DEFAULT_HISTORY_RETENTION);
    }

    /** Settings for a cluster that takes PLAINTEXT clients. */
    public EngineSettings(
            String bootstrapServers, Path stateDir, short replication, int standbyReplicas, PresenceRule rule) {
        this(bootstrapServers, stateDir, replication, standbyReplicas, rule, Map.of());
    }

    @Override
    public String toString() {
        return "EngineSettings[bootstrapServers=" + bootstrapServers + ", stateDir=" + stateDir + ", replication="
                + replication + ", standbyReplicas=" + standbyReplicas + ", rule=" + rule + ", clientSecurity="
                + clientSecurity.keySet() + ", stateMemoryBytes=" + stateMemoryBytes
                + ", historyRetention=" + historyRetention + "]";
    }
}
