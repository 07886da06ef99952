package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.PresenceChange;
import io.presence.event.Timestamps;
import io.presence.event.Topics;
import io.presence.testkit.LiveConsumer;
import io.presence.testkit.SharedKafka;
import io.presence.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole path on a real broker: heartbeat over HTTP → Kafka → Kafka Streams → status query and presence.changes. */
@ExtendWith(SharedKafka.class)
class HeartbeatToStatusIT {
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(2);

    private static SharedKafka.Broker broker;
    private static PresenceSystem system;

    @BeforeAll
    static void start(SharedKafka.Broker sharedBroker) {
        broker = sharedBroker;
        system = new PresenceSystem(broker.bootstrapServers(), OFFLINE_AFTER);
        // One round trip first, so that the timed assertions below measure a warm path.
        String warmUp = newUser();
        system.heartbeat(warmUp);
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> "online".equals(system.status(warmUp).get("status").asText()));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void shouldShowAHeartbeatOnlineWithinOneSecondAndOfflineAfterTheThreshold() {
        String user = newUser();
        Instant acceptedAt = acceptedAt(system.heartbeat(user));

        await("online within 1 s")
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    JsonNode status = system.status(user);
                    assertThat(status.get("status").asText()).isEqualTo("online");
                    assertThat(status.get("last_seen").asText()).isEqualTo(Timestamps.format(acceptedAt));
                });
        Duration untilJustBeforeThreshold =
                Duration.between(Instant.now(), acceptedAt.plus(OFFLINE_AFTER).minusMillis(250));
        await("online all the way to the threshold")
                .during(untilJustBeforeThreshold)
                .atMost(untilJustBeforeThreshold.plusSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "online".equals(system.status(user).get("status").asText()));
        await("offline after the threshold")
                .atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "offline".equals(system.status(user).get("status").asText()));
        assertThat(Instant.now()).as("not offline before the threshold").isAfter(acceptedAt.plus(OFFLINE_AFTER));
    }

    @Test
    void shouldPublishOnlineThenOfflineOnceEachToPresenceChanges() {
        String user = newUser();
        Instant acceptedAt = acceptedAt(system.heartbeat(user));

        await("both changes published")
                .atMost(OFFLINE_AFTER.plusSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> changesOf(user).size() >= 2);

        assertThat(changesOf(user))
                .containsExactly(
                        PresenceChange.online(user, acceptedAt),
                        PresenceChange.offline(user, acceptedAt, acceptedAt.plus(OFFLINE_AFTER)));
    }

    @Test
    void shouldPublishTheOfflineChangeWithinTwoSecondsOfItsInstant() {
        String user = newUser();
        try (LiveConsumer changes = new LiveConsumer(broker.bootstrapServers(), Topics.CHANGES)) {
            Instant acceptedAt = acceptedAt(system.heartbeat(user));
            Instant offlineAt = acceptedAt.plus(OFFLINE_AFTER);

            Instant seenAt = changes.awaitRecord(
                    record -> user.equals(record.key()) && record.value().contains("\"offline\""),
                    OFFLINE_AFTER.plusSeconds(5));

            assertThat(Duration.between(offlineAt, seenAt))
                    .as("published after its instant")
                    .isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldWriteTheHeartbeatKeyedByUserAtTheAcceptedTime() {
        String user = newUser();
        Instant acceptedAt = acceptedAt(system.heartbeat(user));

        List<ConsumerRecord<String, Heartbeat>> records = TopicReader.readAll(
                broker.bootstrapServers(),
                Topics.HEARTBEATS,
                JsonSerde.heartbeats(),
                record -> user.equals(record.key()));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.timestampType()).as("timed by the broker").isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(record.timestamp())
                    .as("accepted_at is the recorded time")
                    .isEqualTo(acceptedAt.toEpochMilli());
            assertThat(record.value().userId()).isEqualTo(user);
            assertThat(record.value().ts())
                    .as("the gateway's receive time, just before the broker appended it")
                    .isBetween(acceptedAt.minusSeconds(5), acceptedAt);
        });
    }

    @Test
    void shouldWriteNothingForARejectedHeartbeat() {
        String user = newUser();

        HttpResponse<String> response = system.post(system.gatewayUrl("/heartbeat"), system.token(user), "[1,2]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TopicReader.readAll(
                        broker.bootstrapServers(),
                        Topics.HEARTBEATS,
                        JsonSerde.heartbeats(),
                        record -> user.equals(record.key())))
                .isEmpty();
    }

    @Test
    void shouldAnswerBatchQueriesInRequestOrderWithoutDuplicates() {
        String seen = newUser();
        String neverSeen = newUser();
        system.heartbeat(seen);
        await().atMost(Duration.ofSeconds(1))
                .until(() -> "online".equals(system.status(seen).get("status").asText()));

        JsonNode viaGet = PresenceSystem.json(system.get(
                system.queryUrl("/status/users?ids=" + neverSeen + "," + seen + "," + neverSeen),
                system.token("reader")));
        JsonNode viaPost = PresenceSystem.json(system.post(
                system.queryUrl("/status/users"),
                system.token("reader"),
                "{\"ids\":[\"" + neverSeen + "\",\"" + seen + "\"]}"));

        for (JsonNode answer : List.of(viaGet, viaPost)) {
            JsonNode users = answer.get("users");
            assertThat(users).hasSize(2);
            assertThat(users.get(0).get("user_id").asText()).isEqualTo(neverSeen);
            assertThat(users.get(0).get("status").asText()).isEqualTo("offline");
            assertThat(users.get(0).get("last_seen").isNull()).isTrue();
            assertThat(users.get(1).get("user_id").asText()).isEqualTo(seen);
            assertThat(users.get(1).get("status").asText()).isEqualTo("online");
        }
    }

    @Test
    void shouldExportHeartbeatStreamsAndRocksDbMetricsForPrometheus() {
        system.heartbeat(newUser());

        String gateway = system.get(system.gatewayUrl("/metrics"), null).body();
        String queryApi = system.get(system.queryUrl("/metrics"), null).body();

        assertThat(gateway)
                .contains(
                        "presence_heartbeats_total{outcome=\"accepted\"",
                        "kafka_producer_record_error_total",
                        "http_server_requests_seconds_count{",
                        "jvm_memory_used_bytes");
        assertThat(queryApi)
                .contains(
                        "presence_online_users",
                        "kafka_stream_presence_online_changes_total",
                        "kafka_stream_presence_offline_scan_latency_max",
                        "kafka_stream_thread_punctuate_latency_avg",
                        "kafka_stream_state_",
                        "http_server_requests_seconds_count{");
    }

    private static List<PresenceChange> changesOf(String user) {
        return TopicReader.readAll(
                        broker.bootstrapServers(),
                        Topics.CHANGES,
                        JsonSerde.presenceChanges(),
                        record -> user.equals(record.key()))
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    private static Instant acceptedAt(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Timestamps.parse(PresenceSystem.json(response).get("accepted_at").asText());
    }

    private static String newUser() {
        return "it-" + UUID.randomUUID();
    }
}
