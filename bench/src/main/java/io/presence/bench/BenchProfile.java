package io.presence.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How big a bench invocation is: users in the store, heartbeats per user, runs, and the length and concurrency of the
 * HTTP loads. {@link #FULL} is the seed's scale; {@link #SMOKE} the smallest configuration, run by the build so the
 * bench cannot rot.
 */
public record BenchProfile(
        String name,
        int users,
        int heartbeatsPerUser,
        int runs,
        int partitions,
        Duration httpDuration,
        int heartbeatConnections,
        int tokens,
        int batchConnections,
        int queryConnections,
        long producerPerfRecords) {

    public static final BenchProfile FULL =
            new BenchProfile("full", 1_000_000, 4, 3, 12, Duration.ofSeconds(15), 1000, 100_000, 16, 32, 2_000_000);

    public static final BenchProfile SMOKE =
            new BenchProfile("smoke", 20_000, 3, 1, 4, Duration.ofSeconds(2), 50, 2_000, 4, 8, 50_000);

    /** The same profile with another number of users and runs. */
    public BenchProfile with(int users, int runs) {
        return new BenchProfile(
                name,
                users,
                heartbeatsPerUser,
                runs,
                partitions,
                httpDuration,
                heartbeatConnections,
                tokens,
                batchConnections,
                queryConnections,
                producerPerfRecords);
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
        return setup;
    }
}
