package io.presence.stream;

import io.presence.user.PresenceRule;
import java.nio.file.Path;
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
 */
public record EngineSettings(
        String bootstrapServers,
        Path stateDir,
        short replication,
        int standbyReplicas,
        PresenceRule rule,
        Map<String, String> clientSecurity,
        long stateMemoryBytes) {
    /**
     * The RocksDB budget when none is configured: what the bench measured with a million users per instance (README,
     * "Performance"); an instance that holds more users needs more.
     */
    public static final long DEFAULT_STATE_MEMORY_BYTES = 128L << 20;

    public EngineSettings {
        clientSecurity = Map.copyOf(clientSecurity);
    }

    /** Settings with the default RocksDB budget. */
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
                DEFAULT_STATE_MEMORY_BYTES);
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
                + clientSecurity.keySet() + ", stateMemoryBytes=" + stateMemoryBytes + "]";
    }
}
