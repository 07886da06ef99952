package io.presence.bench;

import io.presence.bench.proc.Http;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * The bytes query-api's changelog topics take on the broker, read once the log cleaner has stopped shrinking them:
 * what a fresh instance reads to restore, and what the broker stores per user.
 */
final class ChangelogSize {
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final int STABLE_POLLS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final BenchRun run;

    ChangelogSize(BenchRun run) {
        this.run = run;
    }

    long awaitCompacted() {
        try (Admin admin = run.broker.admin()) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long size = bytes(admin);
            int stable = 0;
            while (stable < STABLE_POLLS && System.nanoTime() < deadline) {
                Http.pause(POLL);
                long now = bytes(admin);
                stable = now == size ? stable + 1 : 0;
                size = now;
            }
            return size;
        }
    }

    private static long bytes(Admin admin) {
        try {
            Set<Integer> brokers = Set.of(
                    admin.describeCluster().nodes().get().iterator().next().id());
            Map<Integer, Map<String, LogDirDescription>> dirs =
                    admin.describeLogDirs(brokers).allDescriptions().get();
            return dirs.values().stream()
                    .flatMap(byPath -> byPath.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().endsWith("-changelog"))
                    .mapToLong(replica -> replica.getValue().size())
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the changelog sizes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
