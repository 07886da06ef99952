package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.presence.auth.Scope;
import io.presence.testkit.PrometheusText;
import io.presence.testkit.SharedKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hundreds of hostile connections to each process, kept open for the whole test (a closed one is reopened at once):
 * clients with a valid token that promise a body and trickle it a byte a second, the same without a token, and
 * clients that trickle their headers. Meanwhile every ordinary heartbeat and status query is answered within 2 s.
 */
@ExtendWith(SharedKafka.class)
class SlowClientsIT {
    private static final int PER_KIND_AND_PROCESS = 150;
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(2);
    private static final Duration UNDER_ATTACK = Duration.ofSeconds(10);

    private static PresenceSystem system;

    @BeforeAll
    static void start(SharedKafka.Broker broker) {
        system = new PresenceSystem(broker.bootstrapServers(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void shouldAnswerOrdinaryRequestsWhileHundredsOfClientsTrickle() {
        String writer = system.token("trickler", Set.of(Scope.WRITE));
        List<Trickler> tricklers = new ArrayList<>();
        for (String base : List.of(system.gatewayUrl(""), system.queryUrl(""))) {
            int port = URI.create(base).getPort();
            String path = base.equals(system.gatewayUrl("")) ? "/heartbeats" : "/status/users";
            IntStream.range(0, PER_KIND_AND_PROCESS).forEach(i -> {
                tricklers.add(new Trickler(port, bodyHead(path, writer)));
                tricklers.add(new Trickler(port, bodyHead(path, null)));
                tricklers.add(new Trickler(port, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
            });
        }
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            tricklers.forEach(Trickler::open);
            trickle.scheduleWithFixedDelay(() -> tricklers.forEach(Trickler::sendOneByte), 1, 1, TimeUnit.SECONDS);

            String reader = system.token("reader");
            long slowestMs = 0;
            int pairs = 0;
            long until = System.nanoTime() + UNDER_ATTACK.toNanos();
            while (System.nanoTime() < until) {
                String user = "ordinary-" + pairs;
                long started = System.nanoTime();
                HttpResponse<String> heartbeat = system.heartbeat(user);
                HttpResponse<String> batch =
                        system.post(system.gatewayUrl("/heartbeats"), writer, "{\"user_ids\":[\"" + user + "-b\"]}");
                HttpResponse<String> status = system.get(system.queryUrl("/status/user/" + user), reader);
                HttpResponse<String> statuses =
                        system.post(system.queryUrl("/status/users"), reader, "{\"ids\":[\"" + user + "\"]}");
                slowestMs = Math.max(slowestMs, (System.nanoTime() - started) / 1_000_000);
                assertThat(heartbeat.statusCode()).isEqualTo(202);
                assertThat(batch.statusCode()).isEqualTo(202);
                assertThat(status.statusCode()).isEqualTo(200);
                assertThat(statuses.statusCode()).isEqualTo(200);
                pairs++;
            }
            int reopened = tricklers.stream().mapToInt(Trickler::reopened).sum();
            double cutOff = slowBodies(system.gatewayUrl("/metrics")) + slowBodies(system.queryUrl("/metrics"));
            System.out.printf(
                    "Slow clients: %d trickling connections held open (%d reopened after the server closed them);"
                            + " %d rounds of 4 ordinary requests, slowest round %d ms; %.0f slow bodies cut off"
                            + " or turned away%n",
                    tricklers.size(), reopened, pairs, slowestMs, cutOff);
            assertThat(slowestMs)
                    .as("slowest round of heartbeat, batch, status, batch status while trickled")
                    .isLessThan(ANSWERED_WITHIN.toMillis());
            assertThat(pairs).isGreaterThan(10);
            assertThat(reopened)
                    .as("trickling connections the servers gave up on")
                    .isGreaterThan(0);
            assertThat(cutOff)
                    .as("slow bodies cut off or turned away, by the metrics")
                    .isGreaterThan(0);
        } finally {
            trickle.shutdownNow();
            tricklers.forEach(Trickler::close);
        }
    }

    private static String bodyHead(String path, String token) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{";
    }

    /** The sum of {@code presence_http_slow_bodies_total} over its outcomes. */
    private static double slowBodies(String metricsUrl) {
        return PrometheusText.sum(system.get(metricsUrl, null).body(), "presence_http_slow_bodies_total");
    }

    /** One hostile connection: sends {@code head}, then a byte a second; reopened when the server closes it. */
    private static final class Trickler {
        private final int port;
        private final String head;
        private final AtomicInteger reopened = new AtomicInteger();
        private Socket socket;

        Trickler(int port, String head) {
            this.port = port;
            this.head = head;
        }

        void open() {
            try {
                socket = new Socket("127.0.0.1", port);
                write(head);
            } catch (IOException e) {
                throw new IllegalStateException("could not open a trickling connection to port " + port, e);
            }
        }

        void sendOneByte() {
            try {
                write(" ");
            } catch (IOException closedByServer) {
                close();
                reopened.incrementAndGet();
                open();
            }
        }

        private void write(String text) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        int reopened() {
            return reopened.get();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
