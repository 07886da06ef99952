package io.presence.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presence.metrics.ProcessMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow requests against a real server with tight limits: a first head still trickling at its deadline closes the
 * connection; a body that trickles or never comes is answered 408 once late, only two may be awaited at a time, an
 * unauthenticated one costs only the quick window, and none holds up a stop.
 */
class ReadLimitsTest {
    private static final ReadLimits LIMITS = new ReadLimits(
            Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(1), 1024, Duration.ofSeconds(2), 2);

    private final List<Socket> sockets = new ArrayList<>();
    private PrometheusMeterRegistry metrics;
    private Javalin server;

    @BeforeEach
    void start() {
        metrics = ProcessMetrics.create("test");
        server = HttpServers.start(
                "127.0.0.1",
                0,
                "TEST_PORT",
                metrics,
                config -> config.routes.post("/echo", ctx -> {
                    if (ctx.header("Authorization") == null) {
                        throw ProblemException.unauthorized("send a token");
                    }
                    ctx.result(ctx.body());
                }),
                LIMITS);
    }

    @AfterEach
    void stop() throws IOException {
        long stopping = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping))
                .as("graceful stop with slow clients around")
                .isLessThan(Duration.ofSeconds(5));
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void shouldCloseAConnectionWhoseFirstHeadIsNotInByTheDeadline() throws IOException {
        Socket socket = open();
        send(socket, "POST /echo HTTP/1.1\r\nHost: x\r\nX-Slow: a");

        assertThat(answerWithin(socket, Duration.ofSeconds(5)))
                .as("closed without an answer")
                .isEmpty();
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() ->
                        assertThat(metrics.scrape()).containsPattern("presence_http_slow_heads_total\\{[^}]*} 1.0"));
    }

    @Test
    void shouldLetARequestWhoseHeadCameInTimeFinishItsBodyAfterTheHeadDeadline() throws Exception {
        Socket socket = open();
        send(socket, head(20, true) + "0123456789");
        // The body's second half comes after the head deadline, still within the body's grace.
        ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
        try {
            client.schedule(
                            () -> {
                                send(socket, "abcdefghij");
                                return null;
                            },
                            LIMITS.headDeadline().plusMillis(300).toMillis(),
                            TimeUnit.MILLISECONDS)
                    .get();

            assertThat(answer(socket)).startsWith("HTTP/1.1 200").endsWith("0123456789abcdefghij");
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    void shouldEchoABodyThatArrivesInPiecesAtAGoodRate() throws IOException {
        Socket socket = open();
        send(socket, head(10, true) + "01234");
        send(socket, "56789");

        assertThat(answer(socket)).startsWith("HTTP/1.1 200").endsWith("0123456789");
    }

    @Test
    void shouldAnswer408WhenTheBodyStopsComing() throws IOException {
        Socket socket = open();
        long started = System.nanoTime();
        send(socket, head(100, true) + "{");

        String answer = answer(socket);

        assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
        assertThat(answer).contains("request-body-too-slow").containsIgnoringCase("Connection: close");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMITS.deadline());
        assertThat(metrics.scrape())
                .containsPattern("presence_http_slow_bodies_total\\{outcome=\"too-slow\"[^}]*} 1.0");
    }

    @Test
    void shouldAnswer408WhenTheBodyTricklesBelowTheRate() throws IOException {
        Socket socket = open();
        send(socket, head(100, true));
        String answer = null;
        for (int i = 0; i < 100 && answer == null; i++) {
            send(socket, " ");
            answer = answerWithin(socket, Duration.ofMillis(100));
        }

        assertThat(answer).startsWith("HTTP/1.1 408").contains("request-body-too-slow");
    }

    @Test
    void shouldTurnAwayBodiesBeyondTheNumberAwaitedAtATime() throws IOException {
        List<Socket> holders = takeEveryPermit();

        Socket third = open();
        send(third, head(100, true));

        String answer = answer(third);
        assertThat(answer).startsWith("HTTP/1.1 503").contains("busy-receiving").contains("Retry-After: 1");
        assertThat(metrics.scrape())
                .containsPattern("presence_http_slow_bodies_total\\{outcome=\"turned-away\"[^}]*} 1.0");
        for (Socket holder : holders) {
            assertThat(answer(holder)).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void shouldSpendOnlyTheQuickWindowAndNoPermitOnAnUnauthenticatedBody() throws IOException {
        takeEveryPermit();

        Socket unauthenticated = open();
        long started = System.nanoTime();
        send(unauthenticated, head(100_000, false) + "{");

        assertThat(answer(unauthenticated)).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMITS.grace());
    }

    @Test
    void shouldKeepTheConnectionAfterAnEarlyAnswerByDiscardingTheUnreadBody() throws IOException {
        Socket socket = open();
        send(socket, head(50_000, false) + "x".repeat(50_000));

        assertThat(answer(socket)).startsWith("HTTP/1.1 401");
        send(socket, head(2, true) + "ok");
        assertThat(answer(socket)).as("the next request on the same connection").startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldStopAtOnceWhileBodiesAreAwaited() throws IOException {
        Socket withToken = open();
        Socket withoutToken = open();
        send(withToken, head(100, true) + "{");
        send(withoutToken, head(100, false) + "{");
        assertThat(answer(withoutToken)).startsWith("HTTP/1.1 401");
        awaitWaitingBodies(withToken);

        long stopping = System.nanoTime();
        server.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - stopping))
                .as("stop while a body is awaited and another discarded")
                .isLessThan(LIMITS.deadline().dividedBy(2));
    }

    /**
     * Bodies that arrive right around the end of the quick window race the timer that takes a permit for them; however
     * the race goes, every permit is given back once the requests are answered.
     */
    @Test
    void shouldGiveBackEveryPermitWhenBodiesArriveAtTheEndOfTheQuickWindow() throws Exception {
        ScheduledExecutorService bodies = Executors.newScheduledThreadPool(4);
        try {
            List<Socket> clients = new ArrayList<>();
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 200; i++) {
                Socket socket = open();
                send(socket, head(4, true));
                long delayMs = LIMITS.quickWindow().toMillis() - 40 + random.nextInt(80);
                bodies.schedule(() -> sendQuietly(socket, "ping"), delayMs, TimeUnit.MILLISECONDS);
                clients.add(socket);
            }
            for (Socket socket : clients) {
                assertThat(answer(socket)).matches("(?s)HTTP/1.1 (200|503) .*");
            }

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(metrics.scrape())
                            .containsPattern("presence_http_slow_bodies_awaited\\{[^}]*} 0.0"));
        } finally {
            bodies.shutdownNow();
        }
    }

    private static void sendQuietly(Socket socket, String text) {
        try {
            send(socket, text);
        } catch (IOException e) {
            // answered and closed already (503): nothing to send
        }
    }

    @Test
    void shouldFreeThePermitOnceABodyIsIn() throws IOException {
        for (int i = 0; i < 5; i++) {
            Socket socket = open();
            send(socket, head(4, true));
            send(socket, "ping");
            assertThat(answer(socket))
                    .as("request %d", i)
                    .startsWith("HTTP/1.1 200")
                    .endsWith("ping");
        }
    }

    /** Connections whose bodies are awaited past the quick window, one per permit. */
    private List<Socket> takeEveryPermit() throws IOException {
        List<Socket> holders = new ArrayList<>();
        for (int i = 0; i < LIMITS.permits(); i++) {
            Socket holder = open();
            send(holder, head(100, true));
            holders.add(holder);
        }
        awaitWaitingBodies(holders.toArray(Socket[]::new));
        return holders;
    }

    /**
     * Waits until the bodies are being awaited: the server holds them past the moment a complete request would have
     * been answered.
     */
    private static void awaitWaitingBodies(Socket... waiting) throws IOException {
        for (Socket socket : waiting) {
            assertThat(answerWithin(socket, Duration.ofMillis(100))).isNull();
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    private static String head(int contentLength, boolean withToken) {
        return "POST /echo HTTP/1.1\r\nHost: x\r\n" + (withToken ? "Authorization: Bearer t\r\n" : "")
                + "Content-Type: text/plain\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Everything the server sent until it closed the connection or a complete answer arrived. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[8192];
        int read;
        while (!complete(received) && (read = in.read(buffer)) > 0) {
            received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
        }
        return received.toString();
    }

    /** The answer if one starts within {@code wait}, else null. */
    private static String answerWithin(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int first = socket.getInputStream().read();
            if (first < 0) {
                return "";
            }
            socket.setSoTimeout(10_000);
            return (char) first + answer(socket);
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private static boolean complete(StringBuilder received) {
        int end = received.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = received.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length: ");
        if (at < 0) {
            return false;
        }
        int length = Integer.parseInt(
                head.substring(at + 16).lines().findFirst().orElse("0").trim());
        return received.length() - end - 4 >= length;
    }
}
