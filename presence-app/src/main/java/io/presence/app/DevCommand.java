package io.presence.app;

import io.presence.auth.JwtSettings;
import io.presence.config.ConfigException;
import io.presence.config.Env;
import io.presence.gateway.GatewayApp;
import io.presence.gateway.GatewayConfig;
import io.presence.kafka.KafkaSettings;
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
 * data under {@code ./data/dev}. Ctrl-C stops everything, newest first.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Dev mode: start a real Kafka broker (from Maven artifacts), ingest-gateway and query-api; Ctrl-C stops all.")
final class DevCommand implements Callable<Integer> {
    private static final Path DATA = Path.of("data", "dev");
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

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

            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "presence-dev-shutdown"));
            System.out.println("Starting Kafka (KRaft, single node) on 127.0.0.1:" + kafkaPort + " ...");
            LocalKafkaCluster broker = LocalKafkaCluster.startSingleNode(DATA.resolve("kafka"), kafkaPort, kafkaPort + 1, BROKER_START_TIMEOUT);
            running.push(broker);

            overrides.put(KafkaSettings.BOOTSTRAP, broker.bootstrapServers());
            overrides.putIfAbsent("PRESENCE_STATE_DIR", env.string("PRESENCE_STATE_DIR", DATA.resolve("query-api").toString()));
            // One instance has nobody to keep standby copies; a second one started by hand can still ask for them.
            overrides.putIfAbsent("PRESENCE_STANDBY_REPLICAS", env.string("PRESENCE_STANDBY_REPLICAS", "0"));
            devEnv = env.withOverrides(overrides);
            QueryApiApp queryApi = QueryApiApp.start(QueryApiConfig.fromEnv(devEnv), Clock.systemUTC());
            running.push(queryApi);
            GatewayApp gateway = GatewayApp.start(GatewayConfig.fromEnv(devEnv), Clock.systemUTC());
            running.push(gateway);
            ChangeTail tail = new ChangeTail(broker.bootstrapServers());
            running.push(tail);
            tail.start();

            DevBanner.print(devEnv, broker.bootstrapServers(), gateway.port(), queryApi.port(), generatedSecret,
                    Duration.ofNanos(System.nanoTime() - startedAt));
            Foreground.waitForShutdown();
            return 0;
        } catch (ConfigException e) {
            System.err.println("presence dev: configuration error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("presence dev: cannot start: " + e.getMessage());
            return 1;
        }
    }

    private void stopAll() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("presence dev: a part did not stop cleanly: " + e);
            }
        }
        System.out.println("presence dev: stopped");
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
