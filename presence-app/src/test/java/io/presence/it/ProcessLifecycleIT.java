package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.localkafka.FreePorts;
import io.presence.testkit.SharedKafka;
import io.presence.testkit.Tokens;
import io.presence.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processes as production runs them ({@code java -jar presence.jar gateway|query-api}): a bad configuration stops
 * them with one line naming the variable; a real SIGTERM under load stops them cleanly with status 0, and every
 * heartbeat answered 202 is in the topic.
 */
@ExtendWith(SharedKafka.class)
class ProcessLifecycleIT {
    private static final Path JAR = Path.of("target", "presence.jar");
    private static final String SECRET = "sigterm-test-secret-of-at-least-32-bytes";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Logs and state of the processes a test starts; JUnit deletes it afterwards. */
    @TempDir
    Path work;

    @Test
    void gatewayShouldExitZeroOnSigtermAndLoseNoAcceptedHeartbeat(SharedKafka.Broker broker) throws Exception {
        int port = FreePorts.find();
        Process gateway = launch("gateway", broker, Map.of("PRESENCE_GATEWAY_PORT", Integer.toString(port)));
        awaitReady(port);
        String runId = Long.toString(System.nanoTime(), 36);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger acceptedAfterSigterm = new AtomicInteger();
        AtomicBoolean sigtermSent = new AtomicBoolean();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicInteger sequence = new AtomicInteger();
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (sending.get()) {
                    String user = "sigterm-" + runId + "-" + sequence.incrementAndGet();
                    try {
                        HttpResponse<String> response =
                                client.send(heartbeatRequest(port, user), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            accepted.add(user);
                            if (sigtermSent.get()) {
                                acceptedAfterSigterm.incrementAndGet();
                            }
                        } else if (response.statusCode() >= 500 && response.statusCode() != 503) {
                            // 503 is how a stopping gateway refuses new requests; anything else is a failure
                            serverErrors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // Refused once the gateway stops accepting, or an idle keep-alive connection closed under a
                        // request that never reached it. A request that did reach it and was aborted instead of
                        // drained would be in the topic without its 202: the assertions below catch that.
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 200);

        sigtermSent.set(true);
        gateway.destroy(); // SIGTERM
        boolean exited = gateway.waitFor(30, TimeUnit.SECONDS);
        sending.set(false);
        clients.shutdown();
        clients.awaitTermination(15, TimeUnit.SECONDS);

        assertThat(exited).as("gateway exits after SIGTERM").isTrue();
        assertThat(gateway.exitValue()).isZero();
        assertThat(Files.readString(work.resolve("gateway.log")))
                .as("one copy, chosen explicitly, is said out loud")
                .contains("PRESENCE_REPLICATION=1: each record has 1 copy");
        assertThat(serverErrors).hasValue(0);
        Set<String> written = TopicReader.readAll(
                        broker.bootstrapServers(),
                        Topics.HEARTBEATS,
                        JsonSerde.heartbeats(),
                        record -> record.key().startsWith("sigterm-" + runId + "-"))
                .stream()
                .map(ConsumerRecord::key)
                .collect(Collectors.toSet());
        assertThat(written).as("every 202'd heartbeat is in the topic").containsAll(accepted);
        assertThat(accepted)
                .as("every heartbeat in the topic was answered 202: no request was aborted mid-way")
                .containsAll(written);
        assertThat(acceptedAfterSigterm)
                .as("requests in flight at SIGTERM were drained, not dropped")
                .hasPositiveValue();
    }

    @Test
    void queryApiShouldCloseKafkaStreamsAndExitZeroOnSigterm(SharedKafka.Broker broker) throws Exception {
        int port = FreePorts.find();
        Path state = Files.createDirectories(work.resolve("sigterm-state"));
        Process queryApi = launch(
                "query-api",
                broker,
                Map.of("PRESENCE_QUERY_PORT", Integer.toString(port), "PRESENCE_STATE_DIR", state.toString()));
        awaitReady(port);

        queryApi.destroy(); // SIGTERM

        assertThat(queryApi.waitFor(60, TimeUnit.SECONDS))
                .as("query-api exits after SIGTERM")
                .isTrue();
        assertThat(queryApi.exitValue()).isZero();
        assertThat(Files.readString(state.resolve("query-api.log")))
                .contains("Kafka Streams closed cleanly and left the group");
    }

    @Test
    void shouldRefuseToStartWithOneLineNamingTheBadVariable(SharedKafka.Broker broker) throws Exception {
        Map<String, String> badValues = Map.of(
                "PRESENCE_OFFLINE_AFTER", "ten seconds",
                "PRESENCE_GATEWAY_PORT", "80000",
                "PRESENCE_JWT_SECRET", "short",
                "KAFKA_BOOTSTRAP_SERVERS", "not a host list",
                "PRESENCE_PARTITIONS", "0");
        for (Map.Entry<String, String> bad : badValues.entrySet()) {
            Path output = work.resolve("bad-config-" + bad.getKey() + ".log");
            Process gateway = launch("gateway", broker, Map.of(bad.getKey(), bad.getValue()), output);

            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.exitValue()).as(bad.getKey()).isEqualTo(2);
            assertThat(Files.readAllLines(output))
                    .as(bad.getKey())
                    .singleElement()
                    .asString()
                    .startsWith("ingest-gateway: configuration error: " + bad.getKey() + ":");
        }
    }

    @Test
    void shouldRefuseFewerBrokersThanCopiesUnlessReplicationIsChosen(SharedKafka.Broker broker) throws Exception {
        Path output = work.resolve("replication-default.log");
        // Blank is unset: the default of three copies meets the shared single broker.
        Process gateway = launch("gateway", broker, Map.of("PRESENCE_REPLICATION", ""), output);

        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(output))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("ingest-gateway: configuration error: PRESENCE_REPLICATION: 3 copies of each"
                                + " record need 3 brokers, and the cluster at " + broker.bootstrapServers()
                                + " has 1; add brokers, or set PRESENCE_REPLICATION=1"));
    }

    @Test
    void shouldNameThePortVariableWhenThePortIsTaken(SharedKafka.Broker broker) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Path output = work.resolve("port-taken.log");
            Process queryApi = launch(
                    "query-api",
                    broker,
                    Map.of(
                            "PRESENCE_QUERY_PORT",
                            Integer.toString(taken.getLocalPort()),
                            "PRESENCE_STATE_DIR",
                            Files.createDirectories(work.resolve("port-taken-state"))
                                    .toString()),
                    output);

            assertThat(queryApi.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(queryApi.exitValue()).isEqualTo(2);
            assertThat(Files.readString(output))
                    .contains("query-api: configuration error: PRESENCE_QUERY_PORT: port " + taken.getLocalPort());
        }
    }

    private Process launch(String command, SharedKafka.Broker broker, Map<String, String> env) throws IOException {
        Path log = env.containsKey("PRESENCE_STATE_DIR")
                ? Path.of(env.get("PRESENCE_STATE_DIR"), "query-api.log")
                : work.resolve(command + ".log");
        return launch(command, broker, env, log);
    }

    private Process launch(String command, SharedKafka.Broker broker, Map<String, String> env, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        builder.environment().put("PRESENCE_JWT_SECRET", SECRET);
        builder.environment().put("PRESENCE_PARTITIONS", "6");
        builder.environment().put("PRESENCE_REPLICATION", "1");
        builder.environment().putAll(env);
        return builder.start();
    }

    private void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> client.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    private static HttpRequest heartbeatRequest(int port, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/heartbeat"))
                .header("Authorization", "Bearer " + Tokens.sign(SECRET, user))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
