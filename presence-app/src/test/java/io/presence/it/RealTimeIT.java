package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.presence.testkit.SharedKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real time on a real broker: sockets that keep users online ({@code GET /ws}) and subscriptions that follow changes
 * and resume without a gap ({@code GET /subscribe}).
 */
@ExtendWith(SharedKafka.class)
class RealTimeIT {
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(2);
    private static PresenceSystem system;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start(SharedKafka.Broker broker) {
        system = new PresenceSystem(broker.bootstrapServers(), OFFLINE_AFTER);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void shouldKeepASocketsUserOnlinePastSeveralThresholdsAndLetItGoOfflineAfterTheLastCloses() {
        String user = newUser();
        TestSocket socket = openSocket(user);
        await("online").atMost(Duration.ofSeconds(5)).until(() -> isOnline(user));
        Duration threeThresholds = OFFLINE_AFTER.multipliedBy(3);
        await("online for three thresholds while the socket is open")
                .during(threeThresholds)
                .atMost(threeThresholds.plusSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> isOnline(user));
        assertThat(socket.messages())
                .as("the socket hears each durable heartbeat")
                .anySatisfy(message -> assertThat(message).contains("\"type\":\"heartbeat\"", user));

        socket.close();
        Instant closedAt = Instant.now();
        await("offline after the threshold")
                .atMost(OFFLINE_AFTER.plusSeconds(4))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !isOnline(user));
        assertThat(Duration.between(closedAt, Instant.now()))
                .as("not offline before a threshold has passed since the last heartbeat")
                .isGreaterThan(OFFLINE_AFTER.minus(system.beatEvery()));
    }

    @Test
    void shouldKeepAUserWithTwoSocketsOnlineUntilTheLastClosesWithOneHeartbeatPerBeat() {
        String user = newUser();
        TestSocket first = openSocket(user);
        TestSocket second = openSocket(user);
        await("online").atMost(Duration.ofSeconds(5)).until(() -> isOnline(user));
        first.close();
        Duration twoThresholds = OFFLINE_AFTER.multipliedBy(2);
        await("still online on the second socket")
                .during(twoThresholds)
                .atMost(twoThresholds.plusSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> isOnline(user));
        long beats = second.messages().stream()
                .filter(m -> m.contains("\"heartbeat\""))
                .count();
        long beatsAtMost = first.messages().size() + twoThresholds.dividedBy(system.beatEvery()) + 2;
        assertThat(beats)
                .as("one heartbeat per beat for the user, however many sockets it holds")
                .isBetween(2L, beatsAtMost);
        second.close();
        await("offline once the last socket closed")
                .atMost(OFFLINE_AFTER.plusSeconds(4))
                .until(() -> !isOnline(user));
    }

    @Test
    void shouldCloseADeadConnectionAndTakeItsUserOffline() {
        String user = newUser();
        TestSocket socket = openSocket(user);
        await("online").atMost(Duration.ofSeconds(5)).until(() -> isOnline(user));
        socket.abort();
        await("offline after the dead connection is found")
                .atMost(OFFLINE_AFTER.multipliedBy(3).plusSeconds(5))
                .until(() -> !isOnline(user));
    }

    @Test
    void shouldRefuseSocketsWithoutATokenOrBeyondTheUsersLimit() {
        assertThatThrownBy(() -> TestSocket.open(client, socketUrl("not-a-token")))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    assertThat(refused.getResponse().statusCode()).isEqualTo(401);
                });
        String user = newUser();
        List<TestSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sockets.add(openSocket(user));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> system.gateway().openSockets() >= 8);
        assertThatThrownBy(() -> openSocket(user))
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    assertThat(refused.getResponse().statusCode()).isEqualTo(429);
                });
        sockets.forEach(TestSocket::close);
    }

    @Test
    void shouldSendStatusesThenChangesAndResumeAfterADisconnectWithExactlyTheMissedEvents() {
        String alice = newUser();
        String bob = newUser();
        String url = system.queryUrl("/subscribe?ids=" + alice + "," + bob);
        try (EventStream witness = EventStream.open(client, url, auth("witness"))) {
            EventStream first = EventStream.open(client, url, auth("watcher"));
            assertThat(first.status()).isEqualTo(200);
            await("the current statuses")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> first.events("status").size() == 2);
            assertThat(first.events("status"))
                    .allSatisfy(e -> assertThat(e.data()).contains("\"offline\""));

            system.heartbeat(alice);
            await("alice online, live")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> changes(first).contains(alice + " online"));
            first.close();
            String resumeFrom = first.lastEventId();

            // While away: bob comes online (and stays, on a socket), alice goes offline.
            TestSocket bobsSocket = openSocket(bob);
            await("both changes committed (a subscriber that stayed has them)")
                    .atMost(OFFLINE_AFTER.plusSeconds(20))
                    .until(() -> changes(witness).containsAll(List.of(bob + " online", alice + " offline")));

            Map<String, String> headers =
                    Map.of("Last-Event-ID", resumeFrom, "Authorization", "Bearer " + system.token("watcher"));
            try (EventStream resumed = EventStream.open(client, url, headers)) {
                await("the missed changes")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> changes(resumed).size() >= 2);
                assertThat(resumed.events("status"))
                        .as("a resume sends no statuses")
                        .isEmpty();
                assertThat(changes(resumed))
                        .as("exactly the missed events, each once")
                        .containsExactlyInAnyOrder(bob + " online", alice + " offline");

                system.heartbeat(alice);
                await("then live again")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> changes(resumed).size() == 3);
                assertThat(changes(resumed).get(2)).isEqualTo(alice + " online");
            }
            bobsSocket.close();
        }
    }

    @Test
    void shouldDropASlowSubscriberWithoutHurtingTheOthers() throws IOException {
        String reader = system.token("dashboard", Set.of("presence:read"));
        String prefix = "burst-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // Few users, many changes: the same 2,000 go online and offline again and again, so that the state every later
        // test restores stays small.
        int users = 2_000;
        int maxCycles = 15;
        // The other subscriber follows a hundred of the users; the slow one follows everyone and never reads.
        String followed =
                IntStream.range(0, 100).mapToObj(i -> prefix + (i * 20)).collect(Collectors.joining(","));
        try (Socket slow = new Socket();
                EventStream fast = EventStream.open(
                        client,
                        system.queryUrl("/subscribe?ids=" + followed),
                        Map.of("Authorization", "Bearer " + reader))) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", system.queryApi().port()));
            OutputStream request = slow.getOutputStream();
            request.write(("GET /subscribe?all=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                            + "Authorization: Bearer " + reader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !fast.events("open").isEmpty());
            double droppedBefore = system.queryMetric("presence_subscribers_dropped_total");

            // Never read by the slow client: each cycle's 4,000 changes fill its socket, then its queue.
            int cycles = 0;
            while (cycles < maxCycles && system.queryMetric("presence_subscribers_dropped_total") <= droppedBefore) {
                for (int from = 0; from < users; from += 1_000) {
                    List<String> ids = IntStream.range(from, from + 1_000)
                            .mapToObj(i -> prefix + i)
                            .toList();
                    assertThat(system.heartbeats(ids).statusCode()).isEqualTo(202);
                }
                cycles++;
                long expected = 200L * cycles;
                await("cycle " + cycles + ": the other subscriber sees its users go online and offline")
                        .atMost(OFFLINE_AFTER.plusSeconds(20))
                        .until(() -> changesOf(fast, prefix) >= expected);
            }
            await("the slow subscriber is dropped")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> system.queryMetric("presence_subscribers_dropped_total") > droppedBefore);
            assertThat(changesOf(fast, prefix))
                    .as("the other subscriber got every change of its users, each once")
                    .isEqualTo(200L * cycles);
            assertThat(fast.ended())
                    .as("the other subscriber is still connected")
                    .isFalse();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Test
    void shouldStreamTheSameEventsOverAWebSocket() {
        String user = newUser();
        TestSocket socket = TestSocket.open(
                client,
                system.queryUrl("/subscribe?ids=" + user + "&access_token=" + system.token("watcher"))
                        .replace("http:", "ws:"));
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.messages().size() >= 2);
        JsonNode status = PresenceSystem.json(socket.messages().get(1));
        assertThat(status.get("event").asText()).isEqualTo("status");
        assertThat(status.at("/data/user_id").asText()).isEqualTo(user);
        assertThat(status.has("id")).isTrue();

        system.heartbeat(user);
        await("the change")
                .atMost(Duration.ofSeconds(5))
                .until(() -> socket.messages().stream()
                        .map(PresenceSystem::json)
                        .anyMatch(m -> m.get("event").asText().equals("change")
                                && m.at("/data/status").asText().equals("online")));
        socket.close();
    }

    private static long changesOf(EventStream stream, String userPrefix) {
        return stream.events("change").stream()
                .filter(e -> e.data().contains(userPrefix))
                .count();
    }

    private static List<String> changes(EventStream stream) {
        return stream.events("change").stream()
                .map(e -> PresenceSystem.json(e.data()))
                .map(json ->
                        json.get("user_id").asText() + " " + json.get("status").asText())
                .collect(Collectors.toList());
    }

    private static TestSocket openSocket(String user) {
        return TestSocket.open(client, socketUrl(system.token(user)));
    }

    private static String socketUrl(String token) {
        return system.gatewayUrl("/ws?access_token=" + token).replace("http:", "ws:");
    }

    private static Map<String, String> auth(String user) {
        return Map.of("Authorization", "Bearer " + system.token(user));
    }

    private static boolean isOnline(String user) {
        return "online".equals(system.status(user).get("status").asText());
    }

    private static String newUser() {
        return "rt-" + UUID.randomUUID();
    }
}
