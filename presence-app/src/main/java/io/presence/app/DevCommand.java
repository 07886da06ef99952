package io.presence.app;

import io.presence.auth.JwtSettings;
import io.presence.config.ConfigException;
import io.presence.config.Env;
import io.presence.gateway.GatewayApp;
import io.presence.gateway.GatewayConfig;
import io.presence.kafka.KafkaSettings;
import io.presence.lifecycle.ProcessLauncher;
import io.presence.localkafka.FreePorts;
import io.presence.localkafka.LocalKafkaCluster;
import io.presence.query.QueryApiApp;
import io.presence.query.QueryApiConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./presence dev}: a real single-node KRaft broker, ingest-gateway and query-api in the foreground, with their
 * data under {@code ./data/dev}. Ctrl-C or SIGTERM stops everything, newest first: the gateway, then query-api (Kafka
 * Streams closes and writes its checkpoints, so the next start restores nothing), then the broker, which ignores the
 * terminal's Ctrl-C itself and stops on its own if dev mode dies.
 */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        description = "Dev mode: start a real Kafka broker (from Maven artifacts), ingest-gateway and query-api;"
                + " Ctrl-C stops all.")
final class DevCommand implements Callable<Integer> {
    private static final Path DATA = Path.of("data", "dev");
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);

    private final Deque<Part> running = new ArrayDeque<>();
    /** Ctrl-C or SIGTERM: a clean stop of everything is a success (exit 0), where the JVM would report 130 or 143. */
    private final Thread shutdownHook =
            new Thread(() -> ProcessLauncher.halt(stopAll() ? 0 : 1), "presence-dev-shutdown");

    /** One running part of dev mode, named for the stop messages. */
    private record Part(String name, AutoCloseable part) {}

    @Override
    public Integer call() {
        long startedAt = System.nanoTime();
        Env env = Env.system();
        try {
            int kafkaPort = env.port("PRESENCE_DEV_KAFKA_PORT", 9092);
            Map<String, String> overrides = new HashMap<>();
            boolean generatedSecret = env.optional(JwtSettings.SECRET).isEmpty();
            if (generatedSecret) {
                overrides.put(JwtSettings.SECRET, randomSecret());
            }
            Env devEnv = env.withOverrides(overrides);
            JwtSettings.fromEnv(devEnv);

            Runtime.getRuntime().addShutdownHook(shutdownHook);
            System.out.println("Starting Kafka (KRaft, single node) on 127.0.0.1:" + kafkaPort + " ...");
            // The controller listens next to the broker, unless something else holds that port right now.
            int controllerPort = FreePorts.isFree(kafkaPort + 1) ? kafkaPort + 1 : FreePorts.find();
            LocalKafkaCluster broker = LocalKafkaCluster.startSingleNode(
                    DATA.resolve("kafka"), kafkaPort, controllerPort, BROKER_START_TIMEOUT);
            running.push(new Part("Kafka", broker));

            overrides.put(KafkaSettings.BOOTSTRAP, broker.bootstrapServers());
            overrides.putIfAbsent(
                    "PRESENCE_STATE_DIR",
                    env.string("PRESENCE_STATE_DIR", DATA.resolve("query-api").toString()));
            // One broker holds one copy: dev mode chooses it explicitly, as anyone running a single broker must.
            overrides.putIfAbsent(KafkaSettings.REPLICATION, env.string(KafkaSettings.REPLICATION, "1"));
            // One instance has nobody to keep standby copies; a second one started by hand can still ask for them.
            overrides.putIfAbsent("PRESENCE_STANDBY_REPLICAS", env.string("PRESENCE_STANDBY_REPLICAS", "0"));
            devEnv = env.withOverrides(overrides);
            QueryApiApp queryApi = QueryApiApp.start(QueryApiConfig.fromEnv(devEnv), Clock.systemUTC());
            running.push(new Part("query-api", queryApi));
            GatewayApp gateway = GatewayApp.start(GatewayConfig.fromEnv(devEnv), Clock.systemUTC());
            running.push(new Part("ingest-gateway", gateway));
            ChangeTail tail = new ChangeTail(broker.bootstrapServers());
            running.push(new Part("change tail", tail));
            tail.start();

            DevBanner.print(
                    devEnv,
                    broker.bootstrapServers(),
                    gateway.port(),
                    queryApi.port(),
                    generatedSecret,
                    Duration.ofNanos(System.nanoTime() - startedAt));
            Foreground.waitForShutdown();
            return 0;
        } catch (ConfigException e) {
            System.err.println("presence dev: configuration error: " + e.getMessage());
            return failedStart(2);
        } catch (RuntimeException e) {
            System.err.println("presence dev: cannot start: " + e.getMessage());
            return failedStart(1);
        }
    }

    /** Stops what did start, and leaves the exit status to the caller. */
    private int failedStart(int status) {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        stopAll();
        return status;
    }

    /** Stops every part, newest first; true when every one stopped cleanly. */
    private boolean stopAll() {
        boolean clean = true;
        while (!running.isEmpty()) {
            Part part = running.pop();
            long started = System.nanoTime();
            try {
                part.part().close();
                System.out.println("presence dev: stopped " + part.name() + " ("
                        + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)");
            } catch (Exception e) {
                clean = false;
                System.err.println("presence dev: " + part.name() + " did not stop cleanly: " + e);
            }
        }
        System.out.println("presence dev: stopped");
        System.out.flush();
        return clean;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
