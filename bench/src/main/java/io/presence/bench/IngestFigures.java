package io.presence.bench;

import io.presence.auth.Scope;
import io.presence.bench.baseline.BareJavalin;
import io.presence.bench.kafka.HeartbeatLoader;
import io.presence.bench.kafka.KafkaPerfTools;
import io.presence.bench.load.LuaScripts;
import io.presence.bench.load.Wrk;
import io.presence.bench.load.WrkResult;
import io.presence.bench.proc.ChildJvm;
import io.presence.bench.proc.Http;
import io.presence.bench.report.Figures;
import io.presence.localkafka.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The ingest figures next to their baselines: bare Javalin against {@code POST /heartbeat} at the same concurrency,
 * and {@code kafka-producer-perf-test} against {@code POST /heartbeats} with the same records.
 */
final class IngestFigures {
    static final int IDS_PER_BATCH = 1000;
    private static final int BATCH_BODIES = 200;
    private static final String PRODUCER_PERF_TOPIC = "bench.producer-perf";

    private final BenchRun run;

    IngestFigures(BenchRun run) {
        this.run = run;
    }

    void measure() {
        if (run.wrk.isEmpty()) {
            List.of(
                            Figures.JAVALIN_204_RPS,
                            Figures.HEARTBEAT_HTTP_RPS,
                            Figures.HEARTBEAT_HTTP_P50,
                            Figures.HEARTBEAT_HTTP_P99,
                            Figures.HEARTBEAT_BATCH,
                            Figures.GATEWAY_RSS)
                    .forEach(name -> run.report.unmeasured(name, "wrk is not installed"));
        } else {
            Wrk wrk = run.wrk.get();
            bareJavalin(wrk);
            gateway(wrk);
        }
        producerBaseline();
    }

    private void bareJavalin(Wrk wrk) {
        int port = FreePorts.find();
        try (ChildJvm javalin = ChildJvm.main(
                        System.getProperty("java.class.path"),
                        List.of(),
                        BareJavalin.class.getName(),
                        List.of(Integer.toString(port)),
                        run.dir.resolve("logs/bare-javalin.log"))
                .start()) {
            String base = "http://127.0.0.1:" + port;
            Http.awaitOk(base + "/health/ready", javalin, Duration.ofSeconds(30));
            String script = LuaScripts.emptyPost("/heartbeat", run.token("u0"));
            wrk.run("javalin-warm-up", base, script, run.profile.heartbeatConnections(), run.profile.warmUp());
            WrkResult result = wrk.run(
                    "javalin-204", base, script, run.profile.heartbeatConnections(), run.profile.httpDuration());
            check(result, "bare Javalin 204");
            run.report.record(Figures.JAVALIN_204_RPS, result.requestsPerSecond());
        }
    }

    private void gateway(Wrk wrk) {
        try (PresenceLauncher.Process gateway = run.launcher.gateway().start()) {
            gateway.awaitReady(Duration.ofMinutes(1));
            String base = gateway.url("");
            // Each token is one user; the rate limiter allows a user 10 heartbeats per threshold, so the load is spread
            // over more users than the gateway answers per second.
            String single = LuaScripts.heartbeats("/heartbeat", tokenFile());
            wrk.run("heartbeat-warm-up", base, single, run.profile.heartbeatConnections(), run.profile.warmUp());
            WrkResult beats =
                    wrk.run("heartbeat", base, single, run.profile.heartbeatConnections(), run.profile.httpDuration());
            check(beats, "POST /heartbeat");
            run.report.record(Figures.HEARTBEAT_HTTP_RPS, beats.requestsPerSecond());
            run.report.record(Figures.HEARTBEAT_HTTP_P50, beats.p50Ms());
            run.report.record(Figures.HEARTBEAT_HTTP_P99, beats.p99Ms());

            String relay =
                    LuaScripts.relayedBatches("/heartbeats", run.token("bench-relay", Scope.WRITE), bodyFile(run));
            wrk.run("batch-warm-up", base, relay, run.profile.batchConnections(), run.profile.warmUp());
            WrkResult batches =
                    wrk.run("batch", base, relay, run.profile.batchConnections(), run.profile.httpDuration());
            check(batches, "POST /heartbeats");
            run.report.record(Figures.HEARTBEAT_BATCH, batches.requestsPerSecond() * IDS_PER_BATCH);

            double rss = gateway.jvm().rssMb();
            run.report.record(Figures.GATEWAY_RSS, rss);
            run.progress.step(String.format("gateway RSS %.0f MB", rss));
        }
    }

    private void producerBaseline() {
        try (var admin = run.broker.admin()) {
            admin.createTopics(List.of(new NewTopic(PRODUCER_PERF_TOPIC, run.profile.partitions(), (short) 1)))
                    .all()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not create " + PRODUCER_PERF_TOPIC, e);
        }
        Path payloads = KafkaPerfTools.writePayloads(run.dir.resolve("payloads.txt"), run.profile.users(), 10_000);
        double rate = new KafkaPerfTools(run.broker.bootstrapServers(), run.dir)
                .producerRecordsPerSecond(
                        PRODUCER_PERF_TOPIC, payloads, run.profile.producerPerfRecords(), run.profile.users());
        run.report.record(Figures.PRODUCER_PERF, rate);
        run.progress.step(String.format("kafka-producer-perf-test: %.0f records/s", rate));
    }

    private void check(WrkResult result, String what) {
        run.progress.step(what + ": " + result);
        if (!result.clean()) {
            run.report.note("Run " + run.index + ", " + what + ": " + result);
        }
    }

    /** One token per line, for users {@code u0}… */
    private Path tokenFile() {
        return write(
                run,
                "tokens.txt",
                IntStream.range(0, run.profile.tokens()).mapToObj(i -> run.token(HeartbeatLoader.userId(i))));
    }

    /**
     * Relay bodies that cycle through a population of users as clients beating every {@code period} at
     * {@code heartbeatsPerSecond} would: ids {@code u0}… in order, 1,000 a body; sent in turn, each user beats once a
     * period.
     */
    static List<String> rotation(double heartbeatsPerSecond, Duration period) {
        int population = (int) Math.max(IDS_PER_BATCH, heartbeatsPerSecond * period.toMillis() / 1000);
        return IntStream.range(0, (population + IDS_PER_BATCH - 1) / IDS_PER_BATCH)
                .mapToObj(body -> IntStream.range(body * IDS_PER_BATCH, (body + 1) * IDS_PER_BATCH)
                        .mapToObj(i -> "\"" + HeartbeatLoader.userId(i) + "\"")
                        .collect(Collectors.joining(",", "{\"user_ids\":[", "]}")))
                .toList();
    }

    /** Relay bodies of 1,000 random ids each, one per line. */
    static Path bodyFile(BenchRun run) {
        Random random = new Random(run.index);
        return write(
                run,
                "batches.txt",
                IntStream.range(0, BATCH_BODIES)
                        .mapToObj(b -> IntStream.range(0, IDS_PER_BATCH)
                                .mapToObj(
                                        i -> "\"" + HeartbeatLoader.userId(random.nextInt(run.profile.users())) + "\"")
                                .collect(Collectors.joining(",", "{\"user_ids\":[", "]}"))));
    }

    private static Path write(BenchRun run, String name, Stream<String> lines) {
        try {
            return Files.write(run.dir.resolve(name), (Iterable<String>) lines::iterator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
