package io.presence.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presence.auth.JwtSettings;
import io.presence.auth.PeerTokens;
import io.presence.auth.TokenIssuer;
import io.presence.event.EventJson;
import io.presence.gateway.GatewayApp;
import io.presence.gateway.GatewayConfig;
import io.presence.kafka.KafkaSettings;
import io.presence.query.QueryApiApp;
import io.presence.query.QueryApiConfig;
import io.presence.stream.EngineSettings;
import io.presence.testkit.PrometheusText;
import io.presence.testkit.TempDirs;
import io.presence.user.PresenceRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ingest-gateway and query-api running in this JVM against a real broker, with HTTP helpers for tests. */
final class PresenceSystem implements AutoCloseable {
    static final ObjectMapper JSON = EventJson.mapper();

    private final JwtSettings jwt = new JwtSettings(
            "integration-test-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Optional.empty());
    private final HttpClient client = HttpClient.newHttpClient();
    private final TokenIssuer tokens = new TokenIssuer(jwt, Clock.systemUTC());
    private final Path stateDir = TempDirs.create("presence-it-state-");
    private final QueryApiConfig queryApiConfig;
    private final Duration offlineAfter;
    private QueryApiApp queryApi;
    private final GatewayApp gateway;

    PresenceSystem(String bootstrapServers, Duration offlineAfter) {
        this.offlineAfter = offlineAfter;
        KafkaSettings kafka = new KafkaSettings(bootstrapServers, 6, (short) 1, Duration.ofDays(1), Duration.ofDays(1));
        queryApiConfig = new QueryApiConfig(
                "127.0.0.1",
                0,
                new PresenceRule(offlineAfter),
                jwt,
                kafka,
                stateDir,
                "127.0.0.1",
                0,
                QueryApiConfig.DEFAULT_STATE_MEMORY_MB,
                EngineSettings.DEFAULT_HISTORY_RETENTION);
        queryApi = QueryApiApp.start(queryApiConfig, Clock.systemUTC());
        gateway = GatewayApp.start(new GatewayConfig("127.0.0.1", 0, offlineAfter, jwt, kafka), Clock.systemUTC());
        awaitQueryApiReady();
    }

    /** Stops query-api cleanly and starts it again on the same state, as an operator's restart would. */
    void restartQueryApi() {
        queryApi.close();
        queryApi = QueryApiApp.start(queryApiConfig, Clock.systemUTC());
        awaitQueryApiReady();
    }

    private void awaitQueryApiReady() {
        await("query-api ready")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get(queryUrl("/health/ready"), null).statusCode() == 200);
    }

    String token(String userId) {
        return tokens.issue(userId, Set.of(), Duration.ofMinutes(10));
    }

    String token(String userId, Set<String> scopes) {
        return tokens.issue(userId, scopes, Duration.ofMinutes(10));
    }

    /** A token query-api instances present to each other. */
    String peerToken() {
        return new PeerTokens(jwt, Clock.systemUTC()).issue();
    }

    /** The secret the processes verify tokens with, for tests that forge their own. */
    byte[] secret() {
        return jwt.secret();
    }

    GatewayApp gateway() {
        return gateway;
    }

    QueryApiApp queryApi() {
        return queryApi;
    }

    String gatewayUrl(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    String queryUrl(String path) {
        return "http://127.0.0.1:" + queryApi.port() + path;
    }

    /** Sends one heartbeat as {@code userId} and returns the response. */
    HttpResponse<String> heartbeat(String userId) {
        return post(gatewayUrl("/heartbeat"), token(userId), "");
    }

    /** How often the gateway writes a heartbeat for a user with open sockets: half the threshold. */
    Duration beatEvery() {
        return offlineAfter.dividedBy(2);
    }

    /** Relays heartbeats for {@code userIds} (up to 1000) in one request, as a backend would. */
    HttpResponse<String> heartbeats(List<String> userIds) {
        String body = JSON.createObjectNode()
                .set("user_ids", JSON.valueToTree(userIds))
                .toString();
        return post(gatewayUrl("/heartbeats"), token("relay", Set.of("presence:write")), body);
    }

    /** The sum of a query-api metric's samples; NaN when the metric is absent. */
    double queryMetric(String series) {
        return PrometheusText.sum(get(queryUrl("/metrics"), null).body(), series);
    }

    /** The status of one user as query-api answers it. */
    JsonNode status(String userId) {
        HttpResponse<String> response = get(queryUrl("/status/user/" + userId), token("reader"));
        if (response.statusCode() != 200) {
            throw new AssertionError("status query answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    HttpResponse<String> get(String url, String token) {
        return send(request(url, token).GET().build());
    }

    HttpResponse<String> post(String url, String token, String body) {
        return send(request(url, token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Any method, raw body bytes and extra headers: for hostile and random requests. */
    HttpResponse<String> request(String method, String url, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(url, token).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        queryApi.close();
        TempDirs.delete(stateDir);
    }
}
