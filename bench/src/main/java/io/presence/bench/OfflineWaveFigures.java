package io.presence.bench;

import io.presence.bench.kafka.ChangeWatcher;
import io.presence.bench.kafka.HeartbeatLoader;
import io.presence.bench.load.Latencies;
import io.presence.bench.proc.Http;
import io.presence.bench.proc.MetricSamples;
import io.presence.bench.report.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Users going silent in waves, once the users of earlier phases are offline: as many new users as the store holds beat
 * once, a wave a second, then all fall silent. For
 * each offline event: the instant it could be read minus {@code last_seen + threshold} (its lateness), events read
 * before that instant (early), users who never got one (missed), and the longest offline scan meanwhile.
 */
final class OfflineWaveFigures {
    private static final Duration WAVE_PERIOD = Duration.ofSeconds(1);
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofMinutes(1);

    private final BenchRun run;

    OfflineWaveFigures(BenchRun run) {
        this.run = run;
    }

    void measure(PresenceLauncher.Process queryApi) {
        awaitNobodyOnline(queryApi);
        String prefix = "w" + run.index + "-";
        int users = run.profile.users();
        int waves = run.profile.offlineWaves();
        try (ChangeWatcher changes = new ChangeWatcher(run.broker.bootstrapServers(), prefix);
                HeartbeatLoader loader = new HeartbeatLoader(
                        run.broker.bootstrapServers(),
                        run.profile.offlineAfter().toMillis())) {
            run.progress.step("offline waves: " + users + " users in " + waves + " waves, then silence");
            for (int wave = 0; wave < waves; wave++) {
                long started = System.nanoTime();
                for (int user = wave; user < users; user += waves) {
                    loader.write(prefix + user);
                }
                loader.flush();
                Http.pause(WAVE_PERIOD.minusNanos(Math.min(WAVE_PERIOD.toNanos(), System.nanoTime() - started)));
            }
            long deadline =
                    System.nanoTime() + run.profile.offlineAfter().plus(DRAIN).toNanos();
            while (changes.offlineCount() < users && System.nanoTime() < deadline) {
                Http.pause(Duration.ofMillis(500));
            }
            record(changes, users, queryApi);
        }
    }

    /**
     * The users of earlier phases go offline first, so that their transitions do not count against the waves; a count
     * that has not reached 0 after a minute is noted, and the waves go ahead.
     */
    private void awaitNobodyOnline(PresenceLauncher.Process queryApi) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        double online = onlineUsers(queryApi);
        while (online != 0 && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(500));
            online = onlineUsers(queryApi);
        }
        if (online != 0) {
            run.report.note(String.format(
                    "Run %d, offline waves: %.0f users of earlier phases still online when the waves began",
                    run.index, online));
        }
    }

    /** Users online in query-api's partitions, from its metrics; NaN when they cannot be read. */
    private static double onlineUsers(PresenceLauncher.Process queryApi) {
        try {
            List<Double> online = MetricSamples.of(queryApi.url("/metrics"), "presence_online_users", Map.of());
            return online.isEmpty() ? Double.NaN : online.get(0);
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    private void record(ChangeWatcher changes, int users, PresenceLauncher.Process queryApi) {
        long thresholdMs = run.profile.offlineAfter().toMillis();
        List<Double> lateness = new ArrayList<>();
        long early = 0;
        for (ChangeWatcher.Arrival arrival : changes.offlines().values()) {
            long dueMs = arrival.change().lastSeen().toEpochMilli() + thresholdMs;
            lateness.add((double) (arrival.readAtMs() - dueMs));
            if (arrival.readAtMs() < dueMs || arrival.change().at().toEpochMilli() < dueMs) {
                early++;
            }
        }
        Latencies late = Latencies.of(lateness);
        long missed = users - lateness.size();
        run.report.record(Figures.OFFLINE_LATENESS_P99, late.p99());
        run.report.record(Figures.OFFLINE_LATENESS_MAX, late.max());
        run.report.record(Figures.OFFLINE_MISSED, missed);
        run.report.record(Figures.OFFLINE_EARLY, early);
        double scan = longestScanMs(queryApi);
        if (!Double.isNaN(scan)) {
            run.report.record(Figures.LONGEST_PUNCTUATION, scan);
        }
        run.progress.step(String.format(
                "offline lateness %s; missed %d, early %d; longest offline scan %.1f ms", late, missed, early, scan));
    }

    /** The largest recent offline scan over the tasks, from query-api's metrics; NaN when it cannot be read. */
    private double longestScanMs(PresenceLauncher.Process queryApi) {
        try {
            return MetricSamples.of(
                            queryApi.url("/metrics"), "kafka_stream_presence_offline_scan_latency_max", Map.of())
                    .stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(Double.NaN);
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }
}
