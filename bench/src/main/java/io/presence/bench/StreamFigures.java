package io.presence.bench;

import io.presence.bench.baseline.MinimalStreamsApp;
import io.presence.bench.kafka.GroupProgress;
import io.presence.bench.kafka.HeartbeatLoader;
import io.presence.bench.kafka.KafkaPerfTools;
import io.presence.bench.proc.ChildJvm;
import io.presence.bench.report.Figures;
import io.presence.event.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * The stream figures on the same preloaded heartbeats: Kafka's consumer perf tool, the minimal Kafka Streams app, then
 * query-api's topology, which is left running with every user in its stores for the figures that follow.
 */
final class StreamFigures {
    /** The share of the input left out of a rate as warm-up: cold JIT, first RocksDB writes, task assignment. */
    private static final double WARM_UP_SHARE = 0.2;

    private final BenchRun run;

    StreamFigures(BenchRun run) {
        this.run = run;
    }

    /** The query-api still running, and its state directory. */
    record Result(PresenceLauncher.Process queryApi, Path stateDir) {}

    Result measure() {
        long total = preload();
        consumerBaseline(total);
        minimalBaseline(total);
        return presence(total);
    }

    private long preload() {
        run.progress.step(
                "preloading " + run.profile.heartbeats() + " heartbeats of " + run.profile.users() + " users");
        try (HeartbeatLoader loader = new HeartbeatLoader(
                run.broker.bootstrapServers(), run.profile.offlineAfter().toMillis())) {
            return loader.load(run.profile.users(), run.profile.heartbeatsPerUser());
        }
    }

    private void consumerBaseline(long total) {
        double rate = new KafkaPerfTools(run.broker.bootstrapServers(), run.dir)
                .consumerRecordsPerSecond(Topics.HEARTBEATS, total);
        run.report.record(Figures.CONSUMER_PERF, rate);
        run.progress.step(String.format("kafka-consumer-perf-test: %.0f records/s", rate));
    }

    private void minimalBaseline(long total) {
        String applicationId = "bench-minimal-streams";
        try (ChildJvm app = ChildJvm.main(
                                System.getProperty("java.class.path"),
                                List.of(),
                                MinimalStreamsApp.class.getName(),
                                List.of(
                                        run.broker.bootstrapServers(),
                                        applicationId,
                                        run.dir.resolve("minimal-state").toString(),
                                        Topics.HEARTBEATS),
                                run.dir.resolve("logs/minimal-streams.log"))
                        .start();
                Admin admin = run.broker.admin()) {
            double rate = new GroupProgress(admin, applicationId, Topics.HEARTBEATS)
                    .awaitRate(total, WARM_UP_SHARE, timeout(total), app::alive);
            run.report.record(Figures.KSTREAMS_MINIMAL, rate);
            run.progress.step(String.format("minimal Kafka Streams app: %.0f records/s", rate));
        }
    }

    private Result presence(long total) {
        Path stateDir = run.dir.resolve("query-api-state");
        PresenceLauncher.Process queryApi = run.launcher.queryApi(stateDir).start();
        try (Admin admin = run.broker.admin()) {
            double rate = new GroupProgress(admin, "presence", Topics.HEARTBEATS)
                    .awaitRate(total, WARM_UP_SHARE, timeout(total), queryApi.jvm()::alive);
            run.streamCaughtUpNanos = System.nanoTime();
            run.report.record(Figures.STREAM, rate);
            run.progress.step(String.format("query-api's topology: %.0f heartbeats/s", rate));
            queryApi.awaitReady(Duration.ofMinutes(2));
            return new Result(queryApi, stateDir);
        } catch (RuntimeException e) {
            queryApi.close();
            throw e;
        }
    }

    /** Generous: a run at a tenth of the expected rate still finishes, and a stuck one ends. */
    private static Duration timeout(long records) {
        return Duration.ofSeconds(60 + records / 5_000);
    }
}
