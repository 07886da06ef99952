package io.presence.bench;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How big a bench invocation is: users in the store, heartbeats per user, runs, and the length and concurrency of the
 * HTTP loads. {@link #FULL} is the seed's scale, with the product's 10 s threshold; {@link #SMOKE} the smallest
 * configuration (and a 3 s threshold, so that its users go offline sooner), run by the build so the bench cannot rot.
 */
public record BenchProfile(
        String name,
        int users,
        int heartbeatsPerUser,
        int runs,
        int partitions,
        Duration httpDuration,
        Duration warmUp,
        int heartbeatConnections,
        int tokens,
        int batchConnections,
        int queryConnections,
        long producerPerfRecords,
        Duration pipelineDuration,
        int pipelineSteps,
        int freshnessProbes,
        int offlineWaves,
        Duration settlePoll,
        boolean awaitCompaction,
        Duration offlineAfter,
        Set<BenchPhase> phases) {

    public static final BenchProfile FULL = new BenchProfile(
            "full",
            1_000_000,
            4,
            3,
            12,
            Duration.ofSeconds(15),
            Duration.ofSeconds(5),
            1000,
            100_000,
            16,
            32,
            2_000_000,
            Duration.ofSeconds(30),
            7,
            200,
            20,
            Duration.ofSeconds(5),
            true,
            Duration.ofSeconds(10),
            EnumSet.allOf(BenchPhase.class));

    public static final BenchProfile SMOKE = new BenchProfile(
            "smoke",
            20_000,
            3,
            1,
            4,
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            50,
            2_000,
            4,
            8,
            50_000,
            Duration.ofSeconds(3),
            2,
            20,
            4,
            Duration.ofSeconds(1),
            false,
            Duration.ofSeconds(3),
            EnumSet.allOf(BenchPhase.class));

    /** The same profile with another number of users and runs, and only some phases. */
    public BenchProfile with(int users, int runs, Set<BenchPhase> phases) {
        return new BenchProfile(
                name,
                users,
                heartbeatsPerUser,
                runs,
                partitions,
                httpDuration,
                warmUp,
                heartbeatConnections,
                tokens,
                batchConnections,
                queryConnections,
                producerPerfRecords,
                pipelineDuration,
                pipelineSteps,
                freshnessProbes,
                offlineWaves,
                settlePoll,
                awaitCompaction,
                offlineAfter,
                Set.copyOf(phases));
    }

    public long heartbeats() {
        return (long) users * heartbeatsPerUser;
    }

    /** The setup as the report states it. */
    public Map<String, Object> describe() {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("profile", name);
        setup.put("users", users);
        setup.put("heartbeats_per_user", heartbeatsPerUser);
        setup.put("runs", runs);
        setup.put("partitions", partitions);
        setup.put("http_seconds", httpDuration.toSeconds());
        setup.put("heartbeat_connections", heartbeatConnections);
        setup.put("heartbeat_tokens", tokens);
        setup.put("batch_connections", batchConnections);
        setup.put("query_connections", queryConnections);
        setup.put("pipeline_seconds", pipelineDuration.toSeconds());
        setup.put("freshness_probes", freshnessProbes);
        setup.put("offline_waves", offlineWaves);
        setup.put("offline_after", offlineAfter.toString());
        setup.put(
                "phases",
                phases.stream()
                        .sorted()
                        .map(phase -> phase.name().toLowerCase(Locale.ROOT))
                        .toList());
        return setup;
    }
}
