package io.presence.bench.kafka;

import io.presence.bench.proc.ChildJvm;
import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.gateway.heartbeat.HeartbeatPublisher;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own perf tools from {@code kafka-tools} ({@code kafka-producer-perf-test}, {@code kafka-consumer-perf-test}),
 * each in a child JVM on the classpath the build resolved for them: the baselines of the ingest figures.
 */
public final class KafkaPerfTools {
    private static final Pattern PRODUCED = Pattern.compile("records sent, ([0-9.]+) records/sec");
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);

    private final String bootstrapServers;
    private final Path workDir;

    public KafkaPerfTools(String bootstrapServers, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
    }

    /**
     * Records/s of {@code kafka-producer-perf-test} sending {@code records} values drawn from {@code payloads} (one
     * per line) with random keys among {@code keys}, with the gateway's producer settings. The last line the tool
     * prints covers the records after the warm-up.
     */
    public double producerRecordsPerSecond(String topic, Path payloads, long records, int keys) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--warmup-records",
                Long.toString(records / 5),
                "--throughput",
                "-1",
                "--payload-file",
                payloads.toString(),
                "--key-distribution",
                "random",
                "--record-key-range",
                Integer.toString(keys),
                "--command-property"));
        HeartbeatPublisher.DURABLE_BATCHES.forEach((key, value) -> args.add(key + "=" + value));
        String output = run("org.apache.kafka.tools.ProducerPerformance", args, "producer-perf");
        Matcher matcher = PRODUCED.matcher(output);
        double last = Double.NaN;
        while (matcher.find()) {
            last = Double.parseDouble(matcher.group(1));
        }
        if (Double.isNaN(last)) {
            throw new IllegalStateException("kafka-producer-perf-test printed no result:\n" + output);
        }
        return last;
    }

    /** Records/s of {@code kafka-consumer-perf-test} reading {@code records} records of {@code topic}. */
    public double consumerRecordsPerSecond(String topic, long records) {
        String output = run(
                "org.apache.kafka.tools.ConsumerPerformance",
                List.of(
                        "--bootstrap-server",
                        bootstrapServers,
                        "--topic",
                        topic,
                        "--num-records",
                        Long.toString(records),
                        "--group",
                        "bench-consumer-perf-" + System.nanoTime(),
                        "--timeout",
                        "60000"),
                "consumer-perf");
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        for (String line : output.lines().toList()) {
            String[] columns = line.split(",\\s*");
            if (columns.length >= 6 && columns[4].trim().matches("\\d+")) {
                return Double.parseDouble(columns[5].trim());
            }
        }
        throw new IllegalStateException("kafka-consumer-perf-test printed no result:\n" + output);
    }

    private String run(String mainClass, List<String> args, String name) {
        Path log = workDir.resolve(name + "-" + System.nanoTime() + ".log");
        ChildJvm tool = ChildJvm.main(toolsClasspath(), List.of("-Xmx512m"), mainClass, args, log)
                .start();
        int status = tool.awaitExit(TOOL_TIMEOUT);
        try {
            String output = Files.readString(log);
            if (status != 0) {
                tool.close();
                throw new IllegalStateException(name + " exited with " + status + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toolsClasspath() {
        try (InputStream in = KafkaPerfTools.class.getResourceAsStream("tools.classpath")) {
            if (in == null) {
                throw new IllegalStateException("tools.classpath is missing; build the bench module with Maven");
            }
            // The tools' own jars first, then ours for the Kafka client they share.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()
                    + File.pathSeparator
                    + System.getProperty("java.class.path");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heartbeat documents as the gateway writes them, one per line, for {@code --payload-file}. */
    public static Path writePayloads(Path file, int users, int count) {
        StringBuilder lines = new StringBuilder();
        Random random = new Random(1);
        try (JsonSerde<Heartbeat> json = JsonSerde.heartbeats()) {
            for (int i = 0; i < count; i++) {
                String userId = HeartbeatLoader.userId(random.nextInt(users));
                byte[] value = json.serialize(Topics.HEARTBEATS, new Heartbeat(userId, Instant.now()));
                lines.append(new String(value, StandardCharsets.UTF_8)).append('\n');
            }
        }
        try {
            return Files.writeString(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
