package io.presence.bench;

import io.presence.bench.kafka.BenchBroker;
import io.presence.bench.kafka.HeartbeatLoader;
import io.presence.bench.kafka.KafkaPerfTools;
import io.presence.bench.load.Latencies;
import io.presence.bench.proc.ChildJvm;
import io.presence.bench.proc.Http;
import io.presence.bench.proc.MetricSamples;
import io.presence.bench.report.Figures;
import io.presence.event.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * The history figures, each on a broker of its own: the replay command on millions of heartbeats next to Kafka's
 * consumer perf tool reading the same topic, then {@code /history} for users with a week's worth of sessions and what
 * those sessions cost on disk and on the broker.
 */
final class HistoryFigures {
    /** A heavy user's week: 20 sessions a day. Played fast, with a 1 s threshold: the store holds the same shape. */
    private static final Duration FAST_THRESHOLD = Duration.ofSeconds(1);
    /** One round, one session per user: a heartbeat, then silence past the threshold and the reorder allowance. */
    private static final Duration ROUND = Duration.ofMillis(1_700);

    private static final Pattern REPLAYED = Pattern.compile("replayed ([0-9,]+) records in ([0-9.]+) s");

    private final BenchRun run;
    private final Scale scale;

    /** How much history: users and sessions for the queries, heartbeats for the replay. */
    record Scale(int users, int sessionsPerUser, int queries, int replayUsers, int replayRounds) {
        static Scale of(BenchProfile profile) {
            return profile.name().equals("full")
                    ? new Scale(2_000, 140, 2_000, 1_000_000, 10)
                    : new Scale(100, 8, 200, 20_000, 10);
        }
    }

    HistoryFigures(BenchRun run) {
        this.run = run;
        this.scale = Scale.of(run.profile);
    }

    void measure() {
        replay(run.dir.resolve("history-replay"));
        sessions(run.dir.resolve("history-sessions"));
    }

    private void replay(Path dir) {
        run.progress.step("history: preloading " + (long) scale.replayUsers() * scale.replayRounds()
                + " heartbeats for the replay");
        try (BenchBroker kafka = BenchBroker.start(dir.resolve("kafka"), run.profile.partitions())) {
            Instant from = Instant.now();
            long total;
            try (HeartbeatLoader loader = new HeartbeatLoader(kafka.bootstrapServers(), 10_000)) {
                total = loader.load(scale.replayUsers(), scale.replayRounds());
            }
            Instant to = Instant.now().plusMillis(1);
            double consumer = new KafkaPerfTools(kafka.bootstrapServers(), dir)
                    .consumerRecordsPerSecond(Topics.HEARTBEATS, total);
            run.report.record(Figures.REPLAY_CONSUMER_PERF, consumer);
            double replay = replayRate(kafka, dir, from, to, total);
            run.report.record(Figures.REPLAY, replay);
            run.progress.step(String.format(
                    "replay: %.0f records/s, kafka-consumer-perf-test %.0f records/s (%.2f×)",
                    replay, consumer, replay / consumer));
        }
    }

    /**
     * {@code ./presence replay} over the preloaded interval, as a user runs it (with its options file); its own
     * summary line has the time, from its start to the last line written.
     */
    private double replayRate(BenchBroker kafka, Path dir, Instant from, Instant to, long total) {
        Path log = dir.resolve("replay.log");
        List<String> args = List.of(
                "replay",
                "--from",
                from.toString(),
                "--to",
                to.toString(),
                "--no-progress",
                "--output",
                dir.resolve("sessions.csv").toString());
        Map<String, String> env =
                Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "PRESENCE_OFFLINE_AFTER", "10s");
        try (ChildJvm replay = ChildJvm.jar(run.presenceJar, List.of("@" + run.jvmOptions("replay")), args, env, log)
                .start()) {
            int status = replay.awaitExit(Duration.ofMinutes(15));
            String output = Files.readString(log);
            Matcher matcher = REPLAYED.matcher(output);
            if (status != 0 || !matcher.find()) {
                throw new IllegalStateException("the replay exited with " + status + ":\n" + output);
            }
            long records = Long.parseLong(matcher.group(1).replace(",", ""));
            if (records != total) {
                throw new IllegalStateException(
                        "the replay read " + records + " records, not the " + total + " loaded");
            }
            return records / Double.parseDouble(matcher.group(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sessions(Path dir) {
        run.progress.step("history: " + scale.users() + " users with " + scale.sessionsPerUser() + " sessions each");
        try (BenchBroker kafka = BenchBroker.start(dir.resolve("kafka"), run.profile.partitions())) {
            Path stateDir = dir.resolve("state");
            PresenceLauncher launcher = run.launcherOn(kafka, FAST_THRESHOLD, dir.resolve("logs"));
            try (PresenceLauncher.Process queryApi = launcher.queryApi(stateDir).start()) {
                queryApi.awaitReady(Duration.ofMinutes(2));
                playSessions(kafka);
                awaitEveryoneOffline(queryApi);
                queryLatencies(queryApi);
                queryApi.jvm().stop(Duration.ofSeconds(60));
            }
            double sessions = (double) scale.users() * scale.sessionsPerUser();
            double storeBytes = StateFiles.bytes(stateDir, StateFiles::isSessions) / sessions;
            run.report.record(Figures.SESSION_STORE_BYTES, storeBytes);
            try (Admin admin = kafka.admin()) {
                double changelogBytes =
                        ChangelogSize.topicBytes(admin, ChangelogSize.changelogOf(StateFiles.SESSIONS)) / sessions;
                double minuteBytes =
                        ChangelogSize.topicBytes(admin, ChangelogSize.changelogOf(StateFiles.ONLINE_MINUTES))
                                / (2 * sessions);
                run.report.record(Figures.SESSION_CHANGELOG_BYTES, changelogBytes);
                run.report.record(Figures.MINUTE_CHANGELOG_BYTES, minuteBytes);
                run.progress.step(String.format(
                        "sessions: store %.1f B/session, changelog %.1f B/session; online-minutes changelog %.1f"
                                + " B/transition",
                        storeBytes, changelogBytes, minuteBytes));
            }
        }
    }

    /** Round after round, every user beats once and falls silent: one session per user per round. */
    private void playSessions(BenchBroker kafka) {
        try (HeartbeatLoader loader = new HeartbeatLoader(kafka.bootstrapServers(), FAST_THRESHOLD.toMillis())) {
            for (int round = 0; round < scale.sessionsPerUser(); round++) {
                long roundStart = System.nanoTime();
                for (int user = 0; user < scale.users(); user++) {
                    loader.write(userId(user));
                }
                loader.flush();
                Duration left = ROUND.minusNanos(System.nanoTime() - roundStart);
                if (!left.isNegative()) {
                    Http.pause(left);
                }
            }
        }
    }

    private static void awaitEveryoneOffline(PresenceLauncher.Process queryApi) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (MetricSamples.of(queryApi.url("/metrics"), "presence_online_users", Map.of()).stream()
                        .mapToDouble(Double::doubleValue)
                        .sum()
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("users still online 3 minutes after their last heartbeat");
            }
            Http.pause(Duration.ofMillis(500));
        }
    }

    /** One query at a time over the whole week kept, each checked to hold every session of its user. */
    private void queryLatencies(PresenceLauncher.Process queryApi) {
        String token = run.token("analyst");
        String from = URLEncoder.encode(
                Instant.now().minus(Duration.ofDays(7)).plusSeconds(60).toString(), StandardCharsets.UTF_8);
        Random random = new Random(run.index);
        List<Double> latencies = new ArrayList<>();
        String expected = "\"end\"";
        for (int i = 0; i < scale.queries(); i++) {
            String url = queryApi.url("/history/user/" + userId(random.nextInt(scale.users())) + "?from=" + from);
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = Http.get(url, token);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            latencies.add((System.nanoTime() - start) / 1e6);
            int sessions = response.body().split(expected, -1).length - 1;
            if (response.statusCode() != 200 || sessions != scale.sessionsPerUser()) {
                throw new IllegalStateException("history answered " + response.statusCode() + " with " + sessions
                        + " sessions, not " + scale.sessionsPerUser() + ": " + response.body());
            }
        }
        Latencies measured = Latencies.of(latencies);
        run.report.record(Figures.HISTORY_QUERY_P50, measured.p50());
        run.report.record(Figures.HISTORY_QUERY_P99, measured.p99());
        run.progress.step("history queries over 7 days: " + measured);
    }

    private static String userId(int index) {
        return "h" + index;
    }
}
