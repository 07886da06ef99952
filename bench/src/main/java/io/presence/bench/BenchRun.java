package io.presence.bench;

import io.presence.auth.JwtSettings;
import io.presence.auth.TokenIssuer;
import io.presence.bench.kafka.BenchBroker;
import io.presence.bench.load.Wrk;
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
    static final Duration OFFLINE_AFTER = Duration.ofSeconds(10);

    final BenchProfile profile;
    final int index;
    final Path dir;
    final Report report;
    final Progress progress;
    final BenchBroker broker;
    final PresenceLauncher launcher;
    final Optional<Wrk> wrk;
    private final TokenIssuer tokens = new TokenIssuer(
            new JwtSettings(JWT_SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty()),
            Clock.systemUTC());

    private BenchRun(BenchProfile profile, int index, Path dir, Report report, Progress progress, Path presenceJar) {
        this.profile = profile;
        this.index = index;
        this.dir = dir;
        this.report = report;
        this.progress = progress;
        progress.step("starting a broker");
        this.broker = BenchBroker.start(dir.resolve("kafka"), profile.partitions());
        this.launcher = new PresenceLauncher(
                presenceJar, broker.bootstrapServers(), profile.partitions(), JWT_SECRET, dir.resolve("logs"));
        this.wrk = Wrk.installed() ? Optional.of(new Wrk(dir)) : Optional.empty();
    }

    static void execute(BenchProfile profile, int index, Path dir, Report report, Progress progress, Path jar) {
        BenchRun run = new BenchRun(profile, index, dir, report, progress, jar);
        try {
            StreamFigures.Result stream = new StreamFigures(run).measure();
            try (PresenceLauncher.Process queryApi = stream.queryApi()) {
                new QueryFigures(run).measure(queryApi);
                new LifecycleFigures(run).measure(queryApi, stream.stateDir());
            }
            new IngestFigures(run).measure();
        } finally {
            run.broker.close();
        }
    }

    String token(String userId, String... scopes) {
        return tokens.issue(userId, Set.of(scopes), Duration.ofHours(2));
    }
}
