package io.presence.gateway.heartbeat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presence.auth.JwtSettings;
import io.presence.auth.Scope;
import io.presence.auth.TokenIssuer;
import io.presence.auth.TokenVerifier;
import io.presence.event.EventJson;
import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.http.HttpServers;
import io.presence.metrics.ProcessMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of the heartbeat endpoints, over a real server and client, with Kafka's own MockProducer. */
class HeartbeatRoutesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T02:20:00.123Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final JwtSettings JWT = new JwtSettings(
            "a-test-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Optional.empty());
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(10);

    private final TokenIssuer tokens = new TokenIssuer(JWT, CLOCK);
    private final HttpClient client = HttpClient.newHttpClient();
    private MockProducer<String, Heartbeat> producer;
    private Javalin server;

    private void startGateway(boolean autoAcknowledge) {
        producer = new MockProducer<>(autoAcknowledge, null, new StringSerializer(), JsonSerde.heartbeats());
        PrometheusMeterRegistry metrics = ProcessMetrics.create("test");
        HeartbeatRoutes routes = new HeartbeatRoutes(
                new TokenVerifier(JWT, CLOCK),
                new HeartbeatPublisher(producer, OFFLINE_AFTER),
                metrics,
                CLOCK,
                OFFLINE_AFTER);
        server = HttpServers.start("127.0.0.1", 0, "TEST_PORT", metrics, routes::install);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldAcceptHeartbeatAndWriteItKeyedByUser() throws Exception {
        startGateway(true);

        HttpResponse<String> response = post("/heartbeat", tokenFor("alice"), "");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("user_id").asText()).isEqualTo("alice");
        assertThat(body.get("accepted_at").asText()).isEqualTo("2026-12-01T02:20:00.123Z");
        assertThat(body.get("next_heartbeat_ms").asLong()).isEqualTo(5000);
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("presence.heartbeats");
            assertThat(record.key()).isEqualTo("alice");
            assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
            assertThat(record.value()).isEqualTo(new Heartbeat("alice", NOW));
            assertThat(new String(
                            record.headers()
                                    .lastHeader("presence-offline-after-ms")
                                    .value(),
                            UTF_8))
                    .as("the gateway's threshold, for the stream to compare with its own")
                    .isEqualTo("10000");
        });
    }

    @Test
    void shouldAcceptAnyJsonObjectBodyAndIgnoreItsFields() throws Exception {
        startGateway(true);

        assertThat(post("/heartbeat", tokenFor("alice"), "{}").statusCode()).isEqualTo(202);
        assertThat(post("/heartbeat", tokenFor("alice"), "{\"device\":\"phone\",\"n\":[1,2]}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void shouldAnswer202OnlyOnceKafkaHasAcknowledged() throws Exception {
        startGateway(false);

        CompletableFuture<HttpResponse<String>> response = postAsync("/heartbeat", tokenFor("alice"), "");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> producer.history().size() == 1);
        assertThat(response).isNotDone();

        producer.completeNext();

        assertThat(response.get().statusCode()).isEqualTo(202);
    }

    @Test
    void shouldLetRequestsInFlightFinishWhenTheServerStops() throws Exception {
        startGateway(false);
        CompletableFuture<HttpResponse<String>> inFlight = postAsync("/heartbeat", tokenFor("alice"), "");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> producer.history().size() == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        org.awaitility.Awaitility.await()
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !stopping.isDone());
        producer.completeNext();
        stopping.get(15, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(inFlight.get().statusCode()).isEqualTo(202);
        server = null;
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaDoesNotTakeTheHeartbeat() throws Exception {
        startGateway(false);

        CompletableFuture<HttpResponse<String>> response = postAsync("/heartbeat", tokenFor("alice"), "");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> producer.history().size() == 1);
        producer.errorNext(new TimeoutException("no broker"));

        assertProblem(response.get(), 503);
        assertThat(response.get().headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void shouldRefuseMissingOrMalformedTokensWith401() throws Exception {
        startGateway(true);

        for (String header : new String[] {null, "", "Bearer", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt"}) {
            HttpResponse<String> response = post("/heartbeat", header, "");
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .get()
                    .asString()
                    .startsWith("Bearer");
        }
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseExpiredForgedAndUnsignedTokens() throws Exception {
        startGateway(true);
        TokenIssuer longAgo = new TokenIssuer(JWT, Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC));
        TokenIssuer otherKey = new TokenIssuer(
                new JwtSettings(
                        "another-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        Optional.empty()),
                CLOCK);
        String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64Url("{\"sub\":\"alice\",\"exp\":" + (NOW.getEpochSecond() + 3600) + "}") + ".";

        assertProblem(post("/heartbeat", "Bearer " + longAgo.issue("alice", Set.of(), Duration.ofHours(1)), ""), 401);
        assertProblem(post("/heartbeat", "Bearer " + otherKey.issue("alice", Set.of(), Duration.ofHours(1)), ""), 401);
        assertProblem(post("/heartbeat", "Bearer " + unsigned, ""), 401);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseBodiesThatAreNotOneJsonObject() throws Exception {
        startGateway(true);

        for (String body : new String[] {"[]", "null", "42", "\"text\"", "{", "{} {}", "{}x", "not json"}) {
            assertProblem(post("/heartbeat", tokenFor("alice"), body), 400);
        }
        assertProblem(
                send("/heartbeat", tokenFor("alice"), new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}), 400);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseBodiesOver4KiBWith413() throws Exception {
        startGateway(true);

        String big = "{\"pad\":\"" + "x".repeat(5000) + "\"}";

        assertProblem(post("/heartbeat", tokenFor("alice"), big), 413);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldAnswerUnknownPathsWith404AndOtherMethodsWith405() throws Exception {
        startGateway(true);

        assertProblem(get("/nowhere"), 404);
        HttpResponse<String> wrongMethod = get("/heartbeat");
        assertProblem(wrongMethod, 405);
        assertThat(wrongMethod.headers().firstValue("Allow")).get().asString().contains("POST");
    }

    @Test
    void shouldAnswer429WithRetryAfterToAUserSendingFarTooOften() throws Exception {
        startGateway(true);
        for (int i = 0; i < HeartbeatRateLimiter.MAX_PER_WINDOW; i++) {
            assertThat(post("/heartbeat", tokenFor("chatty"), "").statusCode()).isEqualTo(202);
        }

        HttpResponse<String> limited = post("/heartbeat", tokenFor("chatty"), "");

        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(post("/heartbeat", tokenFor("calm"), "").statusCode())
                .as("other users are not affected")
                .isEqualTo(202);
        assertThat(producer.history()).hasSize(HeartbeatRateLimiter.MAX_PER_WINDOW + 1);
    }

    @Test
    void shouldCountAcceptedAndRejectedHeartbeatsInMetrics() throws Exception {
        startGateway(true);
        post("/heartbeat", tokenFor("alice"), "");
        post("/heartbeat", null, "");
        post("/heartbeat", tokenFor("alice"), "[]");

        String metrics = get("/metrics").body();

        assertThat(metrics).containsPattern("presence_heartbeats_total\\{[^}]*outcome=\"accepted\"[^}]*\\} 1.0");
        assertThat(metrics).containsPattern("presence_heartbeats_total\\{[^}]*outcome=\"unauthorized\"[^}]*\\} 1.0");
        assertThat(metrics).containsPattern("presence_heartbeats_total\\{[^}]*outcome=\"invalid-body\"[^}]*\\} 1.0");
    }

    @Test
    void shouldRelayABatchForAWriterAndCountDistinctUsers() throws Exception {
        startGateway(true);

        HttpResponse<String> response = post("/heartbeats", writerToken(), "{\"user_ids\":[\"u1\",\"u2\",\"u1\"]}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(2);
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("u1", "u2");
    }

    @Test
    void shouldRefuseABatchFromATokenWithoutWriteScope() throws Exception {
        startGateway(true);

        assertProblem(post("/heartbeats", tokenFor("alice"), "{\"user_ids\":[\"u1\"]}"), 403);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseTheWholeBatchWhenAnyIdIsInvalidOrThereAreTooMany() throws Exception {
        startGateway(true);
        String tooMany = IntStream.range(0, 1001)
                .mapToObj(i -> "\"u" + i + "\"")
                .collect(Collectors.joining(",", "{\"user_ids\":[", "]}"));

        assertProblem(post("/heartbeats", writerToken(), "{\"user_ids\":[\"u1\",\"bad id\"]}"), 400);
        assertProblem(post("/heartbeats", writerToken(), "{\"user_ids\":[]}"), 400);
        assertProblem(post("/heartbeats", writerToken(), "{\"user_ids\":[\"u1\",7]}"), 400);
        assertProblem(post("/heartbeats", writerToken(), tooMany), 400);
        assertThat(producer.history()).isEmpty();
    }

    private String tokenFor(String userId) {
        return "Bearer " + tokens.issue(userId, Set.of(), Duration.ofMinutes(5));
    }

    private String writerToken() {
        return "Bearer " + tokens.issue("relay-service", Set.of(Scope.WRITE), Duration.ofMinutes(5));
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        return send(path, authorization, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String path, String authorization, byte[] body) throws Exception {
        return client.send(
                request(path, authorization)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String path, String authorization, String body) {
        return client.sendAsync(
                request(path, authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path, tokenFor("alice")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null && !authorization.isEmpty()) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
