package io.presence.bench;

import io.presence.bench.proc.ChildJvm;
import io.presence.bench.proc.Http;
import io.presence.localkafka.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts ingest-gateway and query-api from {@code presence.jar} as {@code ./presence} does: configured by environment,
 * with the JVM options of {@code config/jvm}.
 */
final class PresenceLauncher {
    private final Path jar;
    private final Path jvmOptions;
    private final String bootstrapServers;
    private final int partitions;
    private final String jwtSecret;
    private final Duration offlineAfter;
    private final Path logs;

    PresenceLauncher(
            Path jar,
            Path jvmOptions,
            String bootstrapServers,
            int partitions,
            String jwtSecret,
            Duration offlineAfter,
            Path logs) {
        this.jar = jar;
        this.offlineAfter = offlineAfter;
        this.jvmOptions = jvmOptions;
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.jwtSecret = jwtSecret;
        this.logs = logs;
    }

    /** A query-api on a free port with its state in {@code stateDir}; not started yet. */
    Process queryApi(Path stateDir) {
        int port = FreePorts.find();
        Map<String, String> env = Map.of(
                "PRESENCE_QUERY_PORT", Integer.toString(port),
                "PRESENCE_STATE_DIR", stateDir.toString());
        return new Process(port, process("query-api", env));
    }

    /** An ingest-gateway on a free port; not started yet. */
    Process gateway() {
        int port = FreePorts.find();
        return new Process(port, process("gateway", Map.of("PRESENCE_GATEWAY_PORT", Integer.toString(port))));
    }

    private ChildJvm process(String command, Map<String, String> own) {
        Map<String, String> env = new HashMap<>(own);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("PRESENCE_PARTITIONS", Integer.toString(partitions));
        env.put("PRESENCE_REPLICATION", "1");
        env.put("PRESENCE_JWT_SECRET", jwtSecret);
        env.put("PRESENCE_OFFLINE_AFTER", offlineAfter.toMillis() + "ms");
        env.put("MALLOC_ARENA_MAX", "2");
        return ChildJvm.jar(jar, jvmOptions(command), List.of(command), env, logs.resolve(command + ".log"));
    }

    /** As ./presence and the image start it: the command's options file, and a profile when one is asked for. */
    private List<String> jvmOptions(String command) {
        List<String> options = new ArrayList<>();
        Path file = jvmOptions.resolve(command + ".options");
        if (Files.isRegularFile(file)) {
            options.add("@" + file.toAbsolutePath());
        }
        options.addAll(profiling(command));
        return options;
    }

    /**
     * With {@code BENCH_JFR_DIR} set, each process records a JDK Flight Recorder profile there, written when it
     * stops: where the time goes, for the engineering the report calls for.
     */
    private static List<String> profiling(String command) {
        String dir = System.getenv("BENCH_JFR_DIR");
        if (dir == null || dir.isBlank()) {
            return List.of();
        }
        // One file per start, so that a restarted process does not overwrite the recording of the one before.
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir + "/" + command
                + "-{start}.jfr");
    }

    /** A Presence process and the port it serves on. */
    record Process(int port, ChildJvm jvm) implements AutoCloseable {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        Process start() {
            jvm.start();
            return this;
        }

        /** Start → {@code /health/ready} 200, in seconds. */
        double awaitReady(Duration timeout) {
            return Http.awaitOk(url("/health/ready"), jvm, timeout);
        }

        @Override
        public void close() {
            jvm.close();
        }
    }
}
