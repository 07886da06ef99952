package io.presence.bench;

import io.presence.bench.kafka.GroupProgress;
import io.presence.bench.kafka.HeartbeatLoader;
import io.presence.bench.proc.Http;
import io.presence.event.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * The bytes query-api's changelog topics take on the broker once compacted: what a fresh instance reads to restore,
 * and what the broker keeps per user. The log cleaner compacts only closed segments, and a segment closes on the first
 * write after it is a minute old; so, as ordinary traffic would, a few new users beat once a minute after the stream
 * figures' last writes, and the size is read once the cleaner has stopped shrinking it.
 */
final class ChangelogSize {
    /** New users whose first heartbeat writes to every changelog partition. */
    static final int ROLLING_USERS = 1000;

    /** query-api's changelog segments roll a minute after they began, plus a margin. */
    private static final Duration SEGMENT_AGE = Duration.ofSeconds(65);

    /**
     * The cleaner works through one partition at a time and rests 15 s between rounds: a size that has shrunk and then
     * stayed unchanged over this many polls (20 s in the full profile) has settled.
     */
    private static final int STABLE_POLLS = 4;

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** query-api's Kafka Streams application id: its internal topics begin with it. */
    private static final String PRESENCE_APPLICATION = "presence";

    private final BenchRun run;

    ChangelogSize(BenchRun run) {
        this.run = run;
    }

    long awaitCompacted(PresenceLauncher.Process queryApi) {
        try (Admin admin = run.broker.admin()) {
            if (!run.profile.awaitCompaction()) {
                return bytes(admin);
            }
            rollSegments(admin, queryApi);
            long rolled = bytes(admin);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long size = rolled;
            int stable = 0;
            // Settled: smaller than when the segments closed (the cleaner has been through), then unchanged a while.
            while ((size >= rolled || stable < STABLE_POLLS) && System.nanoTime() < deadline) {
                Http.pause(run.profile.settlePoll());
                long now = bytes(admin);
                stable = now == size ? stable + 1 : 0;
                size = now;
            }
            if (size >= rolled) {
                run.report.note("Run " + run.index + ": the log cleaner had not compacted the changelogs " + TIMEOUT
                        + " after their segments closed; the changelog figure is before compaction");
            }
            return size;
        }
    }

    /** Waits until the stream figures' segments are a minute old, then makes every partition write once more. */
    private void rollSegments(Admin admin, PresenceLauncher.Process queryApi) {
        // The offline changes of the preloaded users come OFFLINE_AFTER after the stream caught up.
        Duration age = Duration.ofNanos(System.nanoTime() - run.streamCaughtUpNanos);
        Duration wait = SEGMENT_AGE.plus(run.profile.offlineAfter()).minus(age);
        if (!wait.isNegative()) {
            run.progress.step("waiting " + wait.toSeconds() + " s for the changelog segments to be a minute old");
            Http.pause(wait);
        }
        try (HeartbeatLoader loader = new HeartbeatLoader(
                run.broker.bootstrapServers(), run.profile.offlineAfter().toMillis())) {
            for (int user = 0; user < ROLLING_USERS; user++) {
                loader.write("c" + run.index + "-" + user);
            }
            loader.flush();
        }
        new GroupProgress(admin, PRESENCE_APPLICATION, Topics.HEARTBEATS)
                .awaitCaughtUp(Duration.ofMinutes(1), queryApi.jvm()::alive);
    }

    /** query-api's changelogs only: the minimal app's, on the same broker, are a baseline's and never compacted. */
    static boolean isPresenceChangelog(String topic) {
        return topic.startsWith(PRESENCE_APPLICATION + "-")
                && topic.endsWith("-changelog")
                && !isHistoryChangelog(topic);
    }

    /** The history's changelogs grow with sessions and minutes, not users: measured per session apart. */
    static boolean isHistoryChangelog(String topic) {
        return topic.equals(changelogOf(StateFiles.SESSIONS)) || topic.equals(changelogOf(StateFiles.ONLINE_MINUTES));
    }

    static String changelogOf(String store) {
        return PRESENCE_APPLICATION + "-" + store + "-changelog";
    }

    /** The bytes of one topic's partitions on the broker. */
    static long topicBytes(Admin admin, String topic) {
        return bytes(admin, topic::equals);
    }

    private static long bytes(Admin admin) {
        return bytes(admin, ChangelogSize::isPresenceChangelog);
    }

    private static long bytes(Admin admin, Predicate<String> topics) {
        try {
            Set<Integer> brokers = Set.of(
                    admin.describeCluster().nodes().get().iterator().next().id());
            Map<Integer, Map<String, LogDirDescription>> dirs =
                    admin.describeLogDirs(brokers).allDescriptions().get();
            return dirs.values().stream()
                    .flatMap(byPath -> byPath.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> topics.test(replica.getKey().topic()))
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
