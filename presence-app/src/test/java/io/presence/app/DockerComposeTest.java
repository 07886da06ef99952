package io.presence.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Docker deployment, read as files (no Docker engine here): brokers that can format their storage, containers that
 * report readiness, stop cleanly, size their heap to their limit and run as no root, and a Kafka that only presence
 * can reach.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** query-api's clean stop: 10 s to drain HTTP, then up to 30 s to close Kafka Streams and leave the group. */
    private static final Duration QUERY_API_SHUTDOWN_BUDGET = Duration.ofSeconds(40);

    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        compose = new Yaml(options).load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void shouldGiveEveryBrokerAValidKraftClusterId() {
        List<String> brokers = brokers();
        assertThat(brokers).contains("kafka", "kafka-1", "kafka-2", "kafka-3");
        for (String broker : brokers) {
            String clusterId = withDefaults(env(broker).get("CLUSTER_ID"));
            assertThat(clusterId).as(broker).matches("[A-Za-z0-9_-]{22}");
            assertThat(Base64.getUrlDecoder().decode(clusterId)).as(broker).hasSize(16);
        }
    }

    @Test
    void shouldKeepKafkaOnAnInternalNetworkWhereEveryConnectionLogsIn() {
        assertThat(map(map(compose.get("networks")).get("kafka")).get("internal"))
                .isEqualTo(true);
        for (String broker : brokers()) {
            assertThat(services.get(broker)).as(broker).doesNotContainKey("ports");
            assertThat(services.get(broker).get("networks")).as(broker).isEqualTo(List.of("kafka"));
            String protocols = String.valueOf(env(broker).get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"));
            assertThat(protocols.split(","))
                    .as(broker + " listeners")
                    .allSatisfy(listener -> assertThat(listener).contains(":SASL_"));
        }
        for (String service : presenceServices()) {
            assertThat(String.valueOf(env(service).get("KAFKA_SECURITY_PROTOCOL")))
                    .as(service)
                    .startsWith("SASL_");
            assertThat(env(service)).as(service).containsKeys("KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD");
        }
    }

    @Test
    void shouldCheckEveryPresenceContainersReadinessOnItsOwnPort() {
        for (String service : presenceServices()) {
            int port = service.contains("gateway") ? 8080 : 8081;
            Map<String, Object> healthcheck = map(services.get(service).get("healthcheck"));
            assertThat(healthcheck.get("test")).as(service).isEqualTo(List.of("CMD", "/app/healthcheck", "" + port));
        }
        for (String broker : brokers()) {
            assertThat(services.get(broker)).as(broker).containsKey("healthcheck");
        }
        assertThat(ROOT.resolve("config/docker/healthcheck")).isExecutable();
        assertThat(dockerfile()).contains("HEALTHCHECK").contains("COPY config/docker/healthcheck /app/healthcheck");
    }

    @Test
    void shouldGiveQueryApiTimeToStopCleanly() {
        for (String service : presenceServices()) {
            Duration grace = Duration.ofSeconds(
                    Long.parseLong(String.valueOf(services.get(service).get("stop_grace_period"))
                            .replace("s", "")));
            assertThat(grace).as(service).isGreaterThan(QUERY_API_SHUTDOWN_BUDGET);
        }
    }

    @Test
    void shouldRunAsNoRootWithTheHeapSetByTheSameOptionsAsTheLauncher() {
        String dockerfile = dockerfile();
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(dockerfile)
                .contains("COPY config/jvm /app/jvm")
                .containsPattern("(?m)^ENTRYPOINT \\[\"/app/entrypoint\"]$");
        for (String service : presenceServices()) {
            assertThat(services.get(service)).as(service).containsKey("mem_limit");
        }
        assertThat(ROOT.resolve("config/docker/entrypoint")).isExecutable();
        for (String command : List.of("gateway", "query-api")) {
            assertThat(ROOT.resolve("config/jvm/" + command + ".options"))
                    .as("the heap of " + command + ", for the image and ./presence alike")
                    .content()
                    .containsPattern("(?m)^-Xmx\\d+m$");
        }
    }

    @Test
    void shouldChooseFewerCopiesOnlyExplicitlyAndOnlyWhereThereIsOneBroker() {
        assertThat(env("ingest-gateway")).containsEntry("PRESENCE_REPLICATION", 1);
        assertThat(env("query-api")).containsEntry("PRESENCE_REPLICATION", 1);
        assertThat(env("gateway-cluster")).containsEntry("PRESENCE_REPLICATION", 3);
        assertThat(env("query-api-cluster")).containsEntry("PRESENCE_REPLICATION", 3);
    }

    private static List<String> brokers() {
        return services.keySet().stream()
                .filter(name -> name.startsWith("kafka"))
                .toList();
    }

    private static List<String> presenceServices() {
        return services.keySet().stream()
                .filter(name -> !name.startsWith("kafka"))
                .toList();
    }

    private static Map<String, Object> env(String service) {
        return map(services.get(service).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** {@code ${NAME:-default}} as Compose reads it with NAME unset. */
    private static String withDefaults(Object value) {
        return String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    private static String dockerfile() {
        try {
            return Files.readString(ROOT.resolve("Dockerfile"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
