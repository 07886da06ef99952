package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.presence.auth.Scope;
import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.testkit.SharedKafka;
import io.presence.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input against the real processes and broker: every rejection has the exact status and a problem+json body,
 * and no rejected request writes a record to {@code presence.heartbeats}.
 */
@ExtendWith(SharedKafka.class)
class HostileInputIT {
    private static SharedKafka.Broker broker;
    private static PresenceSystem system;
    /** Generated requests per run, 10,000 in all: well-formed HTTP with bad content, and raw malformed HTTP. */
    private static final int CLIENT_REQUESTS = 6_000;

    private static final int RAW_REQUESTS = 4_000;
    /** Every user a rejected request named; none of them may appear in the topic. */
    private static final Set<String> MUST_NOT_BE_WRITTEN = new HashSet<>();

    @BeforeAll
    static void start(SharedKafka.Broker sharedBroker) {
        broker = sharedBroker;
        system = new PresenceSystem(broker.bootstrapServers(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void checkNothingWasWrittenAndStop() {
        try {
            Set<String> written = TopicReader.readAll(
                            broker.bootstrapServers(),
                            Topics.HEARTBEATS,
                            JsonSerde.heartbeats(),
                            record -> MUST_NOT_BE_WRITTEN.contains(record.key()))
                    .stream()
                    .map(r -> r.key())
                    .collect(Collectors.toSet());
            assertThat(written).as("records written for rejected requests").isEmpty();
        } finally {
            system.close();
        }
    }

    @Test
    void shouldRefuseEveryBadTokenWith401() {
        String user = victim();
        byte[] secret = system.secret();
        Instant in10Minutes = Instant.now().plusSeconds(600);
        String forged = JWT.create()
                .withSubject(user)
                .withExpiresAt(in10Minutes)
                .sign(Algorithm.HMAC256("some-other-secret-of-at-least-32-bytes"));
        String expired = JWT.create()
                .withSubject(user)
                .withExpiresAt(Instant.now().minusSeconds(120))
                .sign(Algorithm.HMAC256(secret));
        String noExp = JWT.create().withSubject(user).sign(Algorithm.HMAC256(secret));
        String hs512 = JWT.create().withSubject(user).withExpiresAt(in10Minutes).sign(Algorithm.HMAC512(secret));
        String withKid = JWT.create()
                .withSubject(user)
                .withKeyId("k1")
                .withExpiresAt(in10Minutes)
                .sign(Algorithm.HMAC256(secret));
        String notYet = JWT.create()
                .withSubject(user)
                .withNotBefore(in10Minutes)
                .withExpiresAt(in10Minutes.plusSeconds(60))
                .sign(Algorithm.HMAC256(secret));
        String badSub = JWT.create()
                .withSubject("bad id/../" + user)
                .withExpiresAt(in10Minutes)
                .sign(Algorithm.HMAC256(secret));
        String none = base64("{\"alg\":\"none\"}") + "."
                + base64("{\"sub\":\"" + user + "\",\"exp\":" + in10Minutes.getEpochSecond() + "}") + ".";
        // Signed with the right key, but the sub is a JSON number: it must not become the user "…digits…".
        long numericUser = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        MUST_NOT_BE_WRITTEN.add(Long.toString(numericUser));
        String numericSub = JWT.create()
                .withPayload(Map.of("sub", numericUser, "exp", in10Minutes.getEpochSecond()))
                .sign(Algorithm.HMAC256(secret));

        for (String token : new String[] {
            forged, expired, noExp, hs512, withKid, notYet, badSub, none, numericSub, "garbage", "a.b.c"
        }) {
            HttpResponse<String> heartbeat = system.post(system.gatewayUrl("/heartbeat"), token, "");
            assertProblem(heartbeat, 401);
            assertThat(heartbeat.headers().firstValue("WWW-Authenticate")).isPresent();
            assertProblem(system.get(system.queryUrl("/status/user/" + user), token), 401);
        }
        assertProblem(system.post(system.gatewayUrl("/heartbeat"), null, ""), 401);
        assertProblem(system.get(system.queryUrl("/status/users?ids=a"), null), 401);
    }

    @Test
    void shouldRefuseHeartbeatBodiesThatAreNotOneSmallJsonObject() {
        String user = victim();
        String token = system.token(user);
        for (String body : new String[] {"[]", "null", "1", "\"x\"", "{", "{}{}", "{} x", "{\"a\":}", "\u0000\u0001"}) {
            assertProblem(system.post(system.gatewayUrl("/heartbeat"), token, body), 400);
        }
        byte[] invalidUtf8 = {'{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}'};
        assertProblem(system.request("POST", system.gatewayUrl("/heartbeat"), token, invalidUtf8, Map.of()), 400);
        // A fresh user: the rejections above count against the first one's rate limit.
        assertProblem(
                system.post(
                        system.gatewayUrl("/heartbeat"),
                        system.token(victim()),
                        "{\"pad\":\"" + "x".repeat(5_000) + "\"}"),
                413);
    }

    @Test
    void shouldRefuseBadBatchesWholeAndWithoutWriteScope() {
        String writer = system.token("relay-" + UUID.randomUUID(), Set.of(Scope.WRITE));
        String a = victim();
        String b = victim();
        String list = "[\"" + a + "\",\"" + b + "\"";

        assertProblem(
                system.post(system.gatewayUrl("/heartbeats"), system.token(a), "{\"user_ids\":" + list + "]}"), 403);
        for (String bad : new String[] {"é", "../etc/passwd", "x".repeat(129), "", "a b", "用户"}) {
            assertProblem(
                    system.post(
                            system.gatewayUrl("/heartbeats"), writer, "{\"user_ids\":" + list + ",\"" + bad + "\"]}"),
                    400);
        }
        String thousandAndOne =
                IntStream.range(0, 1001).mapToObj(i -> "\"" + a + "\"").collect(Collectors.joining(",", "[", "]"));
        assertProblem(
                system.post(system.gatewayUrl("/heartbeats"), writer, "{\"user_ids\":" + thousandAndOne + "}"), 400);
        assertProblem(system.post(system.gatewayUrl("/heartbeats"), writer, "{\"user_ids\":[]}"), 400);
        assertProblem(system.post(system.gatewayUrl("/heartbeats"), writer, "{\"user_ids\":\"" + a + "\"}"), 400);
        assertProblem(system.post(system.gatewayUrl("/heartbeats"), writer, "[\"" + a + "\"]"), 400);
    }

    @Test
    void shouldRefuseInvalidIdsAndListsOnStatusQueries() {
        String token = system.token("reader");
        for (String bad : new String[] {"%C3%A9", "x".repeat(129), "..%2F..%2Fetc", "a%20b", "%00"}) {
            assertProblem(system.get(system.queryUrl("/status/user/" + bad), token), 400);
        }
        for (String ids : new String[] {
            "",
            "a,,b",
            ",",
            "a,%C3%A9",
            IntStream.range(0, 1001).mapToObj(i -> "u" + i).collect(Collectors.joining(","))
        }) {
            assertProblem(system.get(system.queryUrl("/status/users?ids=" + ids), token), 400);
        }
        assertProblem(system.get(system.queryUrl("/status/users"), token), 400);
        assertProblem(system.post(system.queryUrl("/status/users"), token, "{\"ids\":\"a\"}"), 400);
        assertProblem(system.post(system.queryUrl("/status/users"), token, "not json"), 400);
    }

    @Test
    void shouldAnswerUnknownPathsAndWrongMethodsWithProblems() {
        String token = system.token("reader");
        assertProblem(system.get(system.gatewayUrl("/nowhere"), token), 404);
        assertProblem(system.get(system.queryUrl("/status"), token), 404);
        HttpResponse<String> wrongMethod = system.get(system.gatewayUrl("/heartbeat"), token);
        assertProblem(wrongMethod, 405);
        assertThat(wrongMethod.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertProblem(system.request("DELETE", system.queryUrl("/status/users"), token, new byte[0], Map.of()), 405);
        assertProblem(system.request("PUT", system.gatewayUrl("/heartbeats"), token, new byte[0], Map.of()), 405);
    }

    @Test
    void shouldDescribeExactlyTheRoutesEachProcessServes() {
        assertThat(documentedRoutes(system.gatewayUrl("/openapi.json")))
                .isEqualTo(system.gateway().routes());
        // The /internal/ endpoints serve query-api instances only and are left out of the public document on purpose.
        Set<String> publicQueryRoutes = system.queryApi().routes().stream()
                .filter(route -> !route.contains(" /internal/"))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(documentedRoutes(system.queryUrl("/openapi.json"))).isEqualTo(publicQueryRoutes);
    }

    /**
     * Thousands of generated requests — any method, known and made-up paths, good, bad and missing tokens, random
     * bytes, broken JSON, odd headers — must never get a 5xx, and both processes must still be live afterwards.
     */
    @Test
    void shouldNeverAnswer5xxToThousandsOfRandomRequests() {
        long seed = Long.getLong("presence.fuzz.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        String[] methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
        String[] paths = {
            "/heartbeat",
            "/heartbeats",
            "/status/user/",
            "/status/users",
            "/status/users?ids=",
            "/health/ready",
            "/metrics",
            "/openapi.json",
            "/",
            "/status/user/%00",
            "/heartbeat/../status",
            "/%2e%2e/",
            "/status/users?ids=a,,b",
            "/history/user/",
            "/history/user/u1?from=",
            "/status/user/u1?at=",
            "/stats/online?step=",
            "/internal/history?id=",
            "/internal/online-curve?points=",
            "/ws",
            "/cluster",
            "/subscribe?last_event_id=",
            "/presence.js"
        };
        String[] tokens = {
            null,
            "garbage",
            system.token("fuzz-" + seed),
            system.token("fuzz-w", Set.of(Scope.WRITE)),
            JWT.create().withSubject("fuzz").sign(Algorithm.HMAC256(system.secret()))
        };
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        String previous = "";
        for (int i = 0; i < CLIENT_REQUESTS; i++) {
            String base = random.nextBoolean() ? system.gatewayUrl("") : system.queryUrl("");
            String path = paths[random.nextInt(paths.length)] + randomText(random, random.nextInt(3) == 0 ? 20 : 0);
            String method = methods[random.nextInt(methods.length)];
            String token = tokens[random.nextInt(tokens.length)];
            byte[] body = randomBody(random);
            Map<String, String> headers = randomHeaders(random);
            HttpResponse<String> response;
            try {
                response = sendOnceOrRetry(method, base + path, token, body, headers, statuses);
            } catch (java.io.UncheckedIOException e) {
                if (refusedByJettyAsAmbiguous(base + path)) {
                    // Jetty refuses an ambiguous URL (an encoded NUL, '..' or '/') at the protocol level with a 400 and
                    // closes at once; with a large body still unread, the close becomes a reset before the client
                    // reads the 400. Not a 5xx, not a crash; counted below.
                    statuses.merge(-1, 1, Integer::sum);
                    continue;
                }
                throw new AssertionError(
                        "connection failed twice: seed " + seed + ", request " + i + ": " + method + " " + base + path
                                + " body " + body.length + ", after " + previous,
                        e);
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            previous = method + " " + path + " body " + body.length + " → " + response.statusCode() + " "
                    + response.headers().map();
            assertThat(response.statusCode())
                    .as("seed " + seed + ", request " + i + " " + path + " → " + response.body())
                    .isLessThan(500);
        }
        assertThat(system.get(system.gatewayUrl("/health/live"), null).statusCode())
                .isEqualTo(200);
        assertThat(system.get(system.queryUrl("/health/live"), null).statusCode())
                .isEqualTo(200);
        System.out.println("Random requests (seed " + seed
                + ") by status (-1: reset after a protocol-level 400, -2: retried once): " + statuses);
    }

    @Test
    void shouldNeverAnswer5xxToThousandsOfMalformedRawRequests() throws IOException {
        long seed = Long.getLong("presence.fuzz.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        int[] ports = {
            URI.create(system.gatewayUrl("")).getPort(),
            URI.create(system.queryUrl("")).getPort()
        };
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < RAW_REQUESTS; i++) {
            byte[] request = MalformedRequests.generate(random);
            int port = ports[random.nextInt(ports.length)];
            int status = MalformedRequests.send(port, request);
            statuses.merge(status, 1, Integer::sum);
            assertThat(status)
                    .as("seed " + seed + ", raw request " + i + ": "
                            + new String(request, java.nio.charset.StandardCharsets.ISO_8859_1)
                                    .lines()
                                    .findFirst()
                                    .orElse(""))
                    .isLessThan(500);
        }
        assertThat(system.get(system.gatewayUrl("/health/live"), null).statusCode())
                .isEqualTo(200);
        assertThat(system.get(system.queryUrl("/health/live"), null).statusCode())
                .isEqualTo(200);
        System.out.println(
                "Malformed raw requests (seed " + seed + ") by status (0: closed without answer): " + statuses);
    }

    /** One retry on a connection failure: a pooled keep-alive connection may have been closed just before reuse. */
    private HttpResponse<String> sendOnceOrRetry(
            String method,
            String url,
            String token,
            byte[] body,
            Map<String, String> headers,
            Map<Integer, Integer> statuses) {
        try {
            return system.request(method, url, token, body, headers);
        } catch (java.io.UncheckedIOException first) {
            statuses.merge(-2, 1, Integer::sum);
            return system.request(method, url, token, body, headers);
        }
    }

    private static boolean refusedByJettyAsAmbiguous(String url) {
        try {
            return org.eclipse.jetty.http.HttpURI.from(url).hasViolations();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static byte[] randomBody(java.util.Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> randomBytes(random, random.nextInt(64));
            case 2 -> "{\"user_ids\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8);
            case 3 ->
                ("{\"ids\":[" + "\"x\",".repeat(random.nextInt(1_100)) + "\"y\"]}").getBytes(StandardCharsets.UTF_8);
            case 4 -> randomText(random, random.nextInt(6_000)).getBytes(StandardCharsets.UTF_8);
            default -> "{\"a\":[{\"b\":".repeat(random.nextInt(2_000)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Map<String, String> randomHeaders(java.util.Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Map.of("Content-Type", "application/json");
            case 1 -> Map.of("Content-Type", "text/plain; charset=" + randomText(random, 5));
            case 2 -> Map.of("X-Junk", randomText(random, random.nextInt(200)));
            default -> Map.of();
        };
    }

    private static byte[] randomBytes(java.util.Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** URL- and header-safe junk: letters, digits, id punctuation and escapes that mean something to parsers. */
    private static String randomText(java.util.Random random, int length) {
        String[] pieces = {
            "a", "b", "X", "Z", "0", "9", "_", ".", ":", "@", "-", ",", "%2F", "%25", "%C3%A9", "%00", "%7B"
        };
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private Set<String> documentedRoutes(String url) {
        JsonNode document = PresenceSystem.json(system.get(url, null));
        assertThat(document.get("openapi").asText()).startsWith("3.");
        Set<String> routes = new java.util.TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(method ->
                                routes.add(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        return routes;
    }

    private static String victim() {
        String user = "hostile-" + UUID.randomUUID();
        MUST_NOT_BE_WRITTEN.add(user);
        return user;
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as(response.uri() + " → " + response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = PresenceSystem.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.presence");
    }

    private static String base64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
