package io.presence.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Limits and errors that Jetty handles before any route: they must still be problem+json, never HTML or a 5xx. */
class HttpServersTest {
    private Javalin server;

    @BeforeEach
    void start() {
        server = HttpServers.start(
                "127.0.0.1", 0, "TEST_PORT", io.presence.metrics.ProcessMetrics.create("test"), config -> {
                    config.routes.get("/hello", ctx -> ctx.result("hi"));
                    config.routes.post("/echo", ctx -> ctx.result(ctx.body()));
                    config.routes.get("/boom", ctx -> {
                        throw new IllegalStateException("secret internals");
                    });
                });
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void shouldAnswerOversizedHeadersWith431Problem() throws IOException {
        String response = raw("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431");
        assertProblemBody(response, 431);
    }

    @Test
    void shouldAnswerOverlongUrlsWithAProblem() throws IOException {
        String response = raw("GET /hello?ids=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response).matches("(?s)HTTP/1.1 (414|431).*");
        assertThat(response).contains("application/problem+json");
    }

    @Test
    void shouldAnswerGarbageWith400Problem() throws IOException {
        String response = raw("\u0001\u0002 NOT HTTP\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertProblemBody(response, 400);
    }

    @Test
    void shouldHideInternalsOfUnexpectedFailures() throws IOException {
        String response = raw("GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 500");
        assertProblemBody(response, 500);
        assertThat(response).doesNotContain("secret internals").doesNotContain("IllegalStateException");
    }

    @Test
    void shouldNotAdvertiseTheServerSoftware() throws IOException {
        String response = raw("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Server: Jetty");
    }

    @Test
    void shouldExposeRequestMetricsByRouteAndStatusInPrometheusFormat() throws IOException {
        raw("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        raw("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        String metrics = raw("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(metrics).startsWith("HTTP/1.1 200").contains("text/plain");
        assertThat(metrics)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*route=\"/hello\"[^}]*status=\"200\"[^}]*\\} 1");
        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_count\\{[^}]*problem=\"not-found\""
                        + "[^}]*route=\"unmatched\"[^}]*status=\"404\"");
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldCountOpenConnectionsAgainstTheLimit() throws IOException {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(new Socket("127.0.0.1", server.port()));
            }
            String metrics = raw("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertThat(gauge(metrics, "presence_http_connections")).isGreaterThanOrEqualTo(6);
            assertThat(gauge(metrics, "presence_http_connections_max")).isEqualTo(HttpServers.MAX_CONNECTIONS);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private static double gauge(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(name).isTrue();
        return Double.parseDouble(value.group(1));
    }

    /**
     * An answer given before the body is read (404, 405) still reaches the client: the unread body is dropped first,
     * so closing the connection does not reset it under the answer.
     */
    @Test
    void shouldDeliverEarlyAnswersToRequestsWithLargeBodies() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Random random = new Random(42);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            String path = random.nextBoolean() ? "/nowhere" : "/hello";
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .method("PUT", HttpRequest.BodyPublishers.ofByteArray(new byte[random.nextInt(60_000)]))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
        }

        assertThat(statuses.keySet()).containsExactly(404, 405);
    }

    @Test
    void shouldAnswerBodiesOverTheServerLimitWith413Problem() throws IOException {
        String body = "x".repeat((int) HttpServers.MAX_REQUEST_BYTES + 1);
        String response = raw("POST /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);

        assertThat(response).startsWith("HTTP/1.1 413");
        assertProblemBody(response, 413);
    }

    @Test
    void shouldAnswerRequestsWithAnUnknownCharset() throws IOException {
        String body = "{\"ids\":[" + "\"x\",".repeat(700) + "\"y\"]}";
        String response = raw("PATCH /nowhere HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain; charset=%7B%00b\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(response).startsWith("HTTP/1.1 404");
    }

    private static void assertProblemBody(String response, int status) {
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"status\":" + status).contains("\"detail\":");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "bad chunk size            | POST /echo HTTP/1.1~Host: x~Transfer-Encoding: chunked~~ZZ~abc~0~~",
                "absolute-form target      | POST http://evil.example/echo HTTP/1.1~Host: x~Content-Length: 0~~",
                "empty target              | GET  HTTP/1.1~Host: x~~",
                "target without slash      | GET hello HTTP/1.1~Host: x~~",
                "unknown version           | GET /hello HTTP/9.9~Host: x~~",
                "no version (HTTP/0.9)     | GET /hello~~",
                "folded header             | GET /hello HTTP/1.1~Host: x~X-A: a~  folded~~",
                "two Content-Length        | POST /echo HTTP/1.1~Host: x~Content-Length: 3~Content-Length: 4~~abcd",
                "CL + chunked | POST /echo HTTP/1.1~Host: x~Content-Length: 3~Transfer-Encoding: chunked~~3~abc~0~~",
                "negative Content-Length   | POST /echo HTTP/1.1~Host: x~Content-Length: -1~~",
                "bad percent-encoding      | GET /%zz HTTP/1.1~Host: x~~",
                "path traversal            | GET /../../etc/passwd HTTP/1.1~Host: x~~",
                "two Host headers          | GET /hello HTTP/1.1~Host: x~Host: y~~",
                "no Host header            | GET /hello HTTP/1.1~~",
                "unknown transfer coding   | POST /echo HTTP/1.1~Host: x~Transfer-Encoding: gzip~~abc",
            })
    void shouldAnswerMalformedHttpWith400NeverA5xx(String name, String request) throws IOException {
        String response = raw(request.replace("~", "\r\n"));

        assertThat(response).as(name).startsWith("HTTP/1.1 400");
        assertProblemBody(response, 400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "OPTIONS *     | OPTIONS * HTTP/1.1~Host: x~~",
                "CONNECT       | CONNECT evil.example:443 HTTP/1.1~Host: evil.example:443~~",
                "unknown method| BREW /hello HTTP/1.1~Host: x~~",
            })
    void shouldAnswerOddRequestsWithA4xxAndAnyBodyAsAProblem(String name, String request) throws IOException {
        String response = raw(request.replace("~", "\r\n"));

        assertThat(response).as(name).matches("(?s)HTTP/1.1 4\\d\\d .*");
        if (!response.contains("Content-Length: 0")) {
            assertThat(response).contains("application/problem+json");
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketException e) {
                // the server may reset after answering a bad request; what arrived is the answer
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean complete(String response) {
        int headerEnd = response.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return false;
        }
        Matcher length = Pattern.compile("(?i)Content-Length: (\\d+)").matcher(response);
        return length.find() && response.length() - headerEnd - 4 >= Integer.parseInt(length.group(1));
    }
}
