package io.presence.bench;

import io.presence.bench.proc.ChildJvm;
import io.presence.bench.proc.Http;
import io.presence.localkafka.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts ingest-gateway and query-api from {@code presence.jar}, configured by environment as production is. */
final class PresenceLauncher {
    private final Path jar;
    private final String bootstrapServers;
    private final int partitions;
    private final String jwtSecret;
    private final Path logs;

    PresenceLauncher(Path jar, String bootstrapServers, int partitions, String jwtSecret, Path logs) {
        this.jar = jar;
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
        return ChildJvm.jar(jar, List.of(), List.of(command), env, logs.resolve(command + ".log"));
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
