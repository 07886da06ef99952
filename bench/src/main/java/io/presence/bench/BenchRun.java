package io.presence.bench;

import io.presence.auth.JwtSettings;
import io.presence.auth.TokenIssuer;
import io.presence.bench.kafka.BenchBroker;
import io.presence.bench.load.Wrk;
import io.presence.bench.report.Figures;
import io.presence.bench.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One run of every figure on a broker of its own: the stream figures on preloaded heartbeats first (they need the
 * heartbeat topic to themselves), then queries and restarts on the state they built, then the HTTP ingest figures.
 */
final class BenchRun {
    static final String JWT_SECRET = "presence-bench-secret-of-at-least-32-bytes";

    final BenchProfile profile;
    final int index;
    final Path dir;
    final Report report;
    final Progress progress;
    final BenchBroker broker;
    final PresenceLauncher launcher;
    final Optional<Wrk> wrk;
    final Path presenceJar;
    /** When query-api had processed every preloaded heartbeat: the changelogs' last big write follows. */
    volatile long streamCaughtUpNanos = System.nanoTime();

    private final TokenIssuer tokens = new TokenIssuer(
            new JwtSettings(JWT_SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty()),
            Clock.systemUTC());

    private BenchRun(BenchProfile profile, int index, Path dir, Report report, Progress progress, Path presenceJar) {
        this.profile = profile;
        this.index = index;
        this.dir = dir;
        this.report = report;
        this.progress = progress;
        this.presenceJar = presenceJar.toAbsolutePath();
        progress.step("starting a broker");
        this.broker = BenchBroker.start(dir.resolve("kafka"), profile.partitions());
        this.launcher = launcherOn(broker, profile.offlineAfter(), dir.resolve("logs"));
        this.wrk = Wrk.installed() ? Optional.of(new Wrk(dir)) : Optional.empty();
    }

    static void execute(BenchProfile profile, int index, Path dir, Report report, Progress progress, Path jar) {
        BenchRun run = new BenchRun(profile, index, dir, report, progress, jar);
        Set<BenchPhase> phases = profile.phases();
        try {
            if (phases.stream()
                    .anyMatch(phase -> phase != BenchPhase.INGEST
                            && phase != BenchPhase.HISTORY
                            && phase != BenchPhase.REALTIME)) {
                StreamFigures.Result stream = new StreamFigures(run).measure();
                try (PresenceLauncher.Process queryApi = stream.queryApi()) {
                    if (phases.contains(BenchPhase.QUERIES)) {
                        new QueryFigures(run).measure(queryApi);
                    }
                    if (phases.contains(BenchPhase.LIFECYCLE)) {
                        new LifecycleFigures(run).measure(queryApi, stream.stateDir());
                    }
                }
                if (phases.contains(BenchPhase.LIVE)) {
                    run.live(stream.stateDir());
                }
            }
            if (phases.contains(BenchPhase.INGEST)) {
                new IngestFigures(run).measure();
            }
            if (phases.contains(BenchPhase.HISTORY)) {
                new HistoryFigures(run).measure();
            }
            if (phases.contains(BenchPhase.REALTIME)) {
                new RealtimeFigures(run).measure();
            }
        } finally {
            run.broker.close();
        }
    }

    /**
     * The figures of a working system, gateway and query-api together: the sustained pipeline (stepping up from half
     * the stream figure of this run), freshness at half of it, and offline waves.
     */
    private void live(Path stateDir) {
        try (PresenceLauncher.Process queryApi = launcher.queryApi(stateDir).start();
                PresenceLauncher.Process gateway = launcher.gateway().start()) {
            queryApi.awaitReady(Duration.ofMinutes(3));
            gateway.awaitReady(Duration.ofMinutes(1));
            double streamRate = report.figure(Figures.STREAM).samples().get(index - 1);
            Optional<Double> sustained = new PipelineFigures(this).measure(gateway, queryApi, streamRate / 2);
            new FreshnessFigures(this).measure(gateway, queryApi, sustained.orElse(streamRate / 2) / 2);
            new OfflineWaveFigures(this).measure(queryApi);
        }
    }

    /** Presence processes against {@code kafka}, with this threshold, logging into {@code logs}. */
    PresenceLauncher launcherOn(BenchBroker kafka, Duration offlineAfter, Path logs) {
        return new PresenceLauncher(
                presenceJar,
                jvmOptionsDir(),
                kafka.bootstrapServers(),
                profile.partitions(),
                JWT_SECRET,
                offlineAfter,
                logs);
    }

    /** The JVM options file {@code ./presence} uses for {@code command}. */
    Path jvmOptions(String command) {
        return jvmOptionsDir().resolve(command + ".options");
    }

    private Path jvmOptionsDir() {
        return presenceJar.getParent().resolve("../../config/jvm").normalize();
    }

    String token(String userId, String... scopes) {
        return tokens.issue(userId, Set.of(scopes), Duration.ofHours(2));
    }
}
