package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.presence.config.Env;
import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.replay.ReplayCommand;
import io.presence.stream.EngineSettings;
import io.presence.testkit.SharedKafka;
import io.presence.testkit.TempDirs;
import io.presence.testkit.TopicReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The history three ways over a real broker: what the live topology published on {@code presence.changes}, what a
 * replay of {@code presence.heartbeats} decides for the same interval, and what {@code /history} and {@code ?at=}
 * answer. A generated workload of many users with gaps just under and just over the threshold, spread over the
 * partitions, with query-api restarted in the middle; all three must agree exactly.
 */
@ExtendWith(SharedKafka.class)
class HistoryAgreementIT {
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(2);
    private static final int USERS = 40;
    private static final int BEATS_PER_USER = 8;
    /** Gaps between a user's heartbeats: just under, at about and just over the threshold, and well past it. */
    private static final long[] GAPS_MS = {300, 1_700, 1_900, 2_100, 2_400, 3_500};

    private static SharedKafka.Broker broker;
    private static PresenceSystem system;
    private static final Path WORK = TempDirs.create("presence-it-replay-");

    @BeforeAll
    static void start(SharedKafka.Broker sharedBroker) {
        broker = sharedBroker;
        system = new PresenceSystem(broker.bootstrapServers(), OFFLINE_AFTER);
    }

    @AfterAll
    static void stop() {
        system.close();
        TempDirs.delete(WORK);
    }

    @Test
    void theLiveChangesTheReplayAndTheHistoryQueriesAgree() throws Exception {
        String prefix = "agree-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Instant from = Instant.now();
        runWorkloadRestartingQueryApiHalfway(prefix);
        Map<String, List<String>> live = awaitEveryoneOffline(prefix);
        Instant to = Instant.now();

        Map<String, List<String>> replayed = byUser(replay(from, to, "changes"), prefix, HistoryAgreementIT::change);
        assertThat(replayed).isEqualTo(live);

        Map<String, List<String>> sessions = byUser(replay(from, to, "sessions"), prefix, HistoryAgreementIT::session);
        assertThat(sessions.keySet()).hasSize(USERS);
        int sessionCount = sessions.values().stream().mapToInt(List::size).sum();
        assertThat(sessionCount)
                .as("some gaps ended sessions, others did not")
                .isGreaterThan(USERS)
                .isLessThan(USERS * BEATS_PER_USER);
        sessions.forEach(
                (user, expected) -> assertThat(history(user, from, to)).as(user).isEqualTo(expected));
        sessions.entrySet().stream().limit(8).forEach(e -> assertStatusAtEdges(e.getKey(), e.getValue()));
    }

    @Test
    void theHistoryChangelogsAreKeptForTheHistoryRetentionPlusADay() throws Exception {
        long expected = EngineSettings.DEFAULT_HISTORY_RETENTION.plusDays(1).toMillis();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            for (String store : List.of("sessions", "online-minutes")) {
                ConfigResource topic =
                        new ConfigResource(ConfigResource.Type.TOPIC, "presence-" + store + "-changelog");
                Config config = admin.describeConfigs(List.of(topic))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(topic);
                assertThat(config.get("retention.ms").value()).as(store).isEqualTo(Long.toString(expected));
                assertThat(config.get("cleanup.policy").value()).as(store).contains("delete");
            }
        }
    }

    /** Every user beats on its own schedule from one thread, in time order; query-api restarts meanwhile. */
    private static void runWorkloadRestartingQueryApiHalfway(String prefix) throws Exception {
        Random random = new Random(prefix.hashCode());
        TreeMap<Long, List<String>> schedule = new TreeMap<>();
        long start = System.nanoTime();
        for (int u = 0; u < USERS; u++) {
            String user = prefix + u;
            long at = TimeUnit.MILLISECONDS.toNanos(random.nextInt(1_000));
            for (int b = 0; b < BEATS_PER_USER; b++) {
                schedule.computeIfAbsent(start + at, k -> new ArrayList<>()).add(user);
                at += TimeUnit.MILLISECONDS.toNanos(GAPS_MS[random.nextInt(GAPS_MS.length)]);
            }
        }
        long halfway = start + (schedule.lastKey() - start) / 2;
        CompletableFuture<Void> restart = null;
        try (KafkaProducer<String, Heartbeat> producer = producer()) {
            for (Map.Entry<Long, List<String>> due : schedule.entrySet()) {
                LockSupport.parkNanos(due.getKey() - System.nanoTime());
                if (restart == null && due.getKey() >= halfway) {
                    restart = CompletableFuture.runAsync(system::restartQueryApi);
                }
                for (String user : due.getValue()) {
                    producer.send(new ProducerRecord<>(Topics.HEARTBEATS, user, new Heartbeat(user, Instant.now())));
                }
            }
            producer.flush();
        }
        restart.get(120, TimeUnit.SECONDS);
    }

    /** The changes the live topology published for these users, once the last of them went offline. */
    private static Map<String, List<String>> awaitEveryoneOffline(String prefix) {
        List<Map<String, List<String>>> found = new ArrayList<>();
        await("every user offline on presence.changes")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, List<String>> changes = byUser(
                            TopicReader.readAll(
                                            broker.bootstrapServers(),
                                            Topics.CHANGES,
                                            JsonSerde.presenceChanges().deserializer(),
                                            r -> r.key().startsWith(prefix))
                                    .stream()
                                    .<JsonNode>map(r -> PresenceSystem.JSON.valueToTree(r.value()))
                                    .toList(),
                            prefix,
                            HistoryAgreementIT::change);
                    found.clear();
                    found.add(changes);
                    return changes.size() == USERS
                            && changes.values().stream()
                                    .allMatch(c -> c.get(c.size() - 1).startsWith("offline"));
                });
        return found.get(0);
    }

    private static List<JsonNode> replay(Instant from, Instant to, String emit) throws IOException {
        Path out = WORK.resolve(emit + ".jsonl");
        int exit = new CommandLine(new ReplayCommand(Env.of(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        broker.bootstrapServers(),
                        "PRESENCE_OFFLINE_AFTER",
                        OFFLINE_AFTER.toMillis() + "ms"))))
                .execute(
                        "--from",
                        from.toString(),
                        "--to",
                        to.toString(),
                        "--emit",
                        emit,
                        "--format",
                        "jsonl",
                        "--output",
                        out.toString(),
                        "--quiet");
        assertThat(exit).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(PresenceSystem.JSON.readTree(line));
        }
        return lines;
    }

    /** What {@code /history} answers for the interval, in the replay's terms. */
    private static List<String> history(String user, Instant from, Instant to) {
        HttpResponse<String> response = system.get(
                system.queryUrl("/history/user/" + user + "?from=" + encode(from) + "&to=" + encode(to)),
                system.token("analyst"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> sessions = new ArrayList<>();
        PresenceSystem.json(response).get("sessions").forEach(s -> sessions.add(session(s)));
        return sessions;
    }

    /** At each session's edges, and a millisecond outside them, {@code ?at=} says what the sessions say. */
    private static void assertStatusAtEdges(String user, List<String> sessions) {
        for (String session : sessions) {
            Instant start = Instant.parse(session.split(" ")[0]);
            Instant end = Instant.parse(session.split(" ")[1]);
            for (Instant at : List.of(start.minusMillis(1), start, end, end.plusMillis(1))) {
                assertThat(statusAt(user, at)).as(user + " at " + at).isEqualTo(expectedAt(sessions, at));
            }
        }
    }

    private static String expectedAt(List<String> sessions, Instant at) {
        boolean online = sessions.stream().anyMatch(s -> {
            Instant start = Instant.parse(s.split(" ")[0]);
            Instant end = Instant.parse(s.split(" ")[1]);
            return !at.isBefore(start) && !at.isAfter(end);
        });
        return online ? "online" : "offline";
    }

    private static String statusAt(String user, Instant at) {
        HttpResponse<String> response =
                system.get(system.queryUrl("/status/user/" + user + "?at=" + encode(at)), system.token("analyst"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PresenceSystem.json(response).get("status").asText();
    }

    private static Map<String, List<String>> byUser(
            List<JsonNode> lines, String prefix, java.util.function.Function<JsonNode, String> describe) {
        return lines.stream()
                .filter(line -> line.get("user_id").asText().startsWith(prefix))
                .collect(Collectors.groupingBy(
                        line -> line.get("user_id").asText(),
                        TreeMap::new,
                        Collectors.mapping(describe, Collectors.toList())));
    }

    private static String change(JsonNode change) {
        return change.get("status").asText() + " " + change.get("at").asText() + " "
                + change.get("last_seen").asText();
    }

    private static String session(JsonNode session) {
        return session.get("start").asText() + " " + session.get("end").asText();
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, Heartbeat> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new StringSerializer(),
                JsonSerde.heartbeats());
    }
}
