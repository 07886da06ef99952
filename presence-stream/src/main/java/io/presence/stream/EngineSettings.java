package io.presence.stream;

import io.presence.user.PresenceRule;
import java.nio.file.Path;

/**
 * How one {@link PresenceEngine} runs.
 *
 * @param bootstrapServers where the Kafka cluster is
 * @param stateDir         where the local state (RocksDB) lives; two instances on one machine need two
 * @param replication      replication of Kafka Streams' internal topics
 * @param standbyReplicas  warm copies of each partition's state on other instances
 * @param rule             the presence rule
 */
public record EngineSettings(
        String bootstrapServers, Path stateDir, short replication, int standbyReplicas, PresenceRule rule) {}
