package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.presence.auth.JwtSettings;
import io.presence.auth.Scope;
import io.presence.kafka.KafkaSettings;
import io.presence.query.QueryApiApp;
import io.presence.query.QueryApiConfig;
import io.presence.stream.EngineSettings;
import io.presence.testkit.PrometheusText;
import io.presence.testkit.SharedKafka;
import io.presence.testkit.TempDirs;
import io.presence.user.PresenceRule;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two query-api instances share the partitions; either one answers for every user, batch and single, and /stats sums
 * both.
 */
@ExtendWith(SharedKafka.class)
class ScaleOutIT {
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(30);

    private static PresenceSystem system;
    private static QueryApiApp second;
    private static final Path SECOND_STATE = TempDirs.create("presence-it-second-");

    @BeforeAll
    static void start(SharedKafka.Broker broker) throws Exception {
        system = new PresenceSystem(broker.bootstrapServers(), OFFLINE_AFTER);
        KafkaSettings kafka =
                new KafkaSettings(broker.bootstrapServers(), 6, (short) 1, Duration.ofDays(1), Duration.ofDays(1));
        JwtSettings jwt = new JwtSettings(system.secret(), Optional.empty(), Optional.empty());
        second = QueryApiApp.start(
                new QueryApiConfig(
                        "127.0.0.1",
                        0,
                        new PresenceRule(OFFLINE_AFTER),
                        jwt,
                        kafka,
                        SECOND_STATE,
                        "127.0.0.1",
                        1,
                        QueryApiConfig.DEFAULT_STATE_MEMORY_MB,
                        EngineSettings.DEFAULT_HISTORY_RETENTION),
                Clock.systemUTC());
        await("both instances own partitions")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> get(secondUrl("/health/ready")).statusCode() == 200
                        && system.get(system.queryUrl("/health/ready"), null).statusCode() == 200
                        && ownsPartitions(system.queryUrl(""))
                        && ownsPartitions(secondUrl("")));
    }

    @AfterAll
    static void stop() {
        second.close();
        system.close();
        TempDirs.delete(SECOND_STATE);
    }

    /** Each instance has its own address: the shared-address check must stay quiet through several checks. */
    @Test
    void shouldNotReportASharedAddressWhenEachHasItsOwn() {
        await().during(Duration.ofSeconds(12))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> sharedAddressGauge(system.queryUrl("/metrics")) == 0
                        && sharedAddressGauge(secondUrl("/metrics")) == 0);
    }

    private static double sharedAddressGauge(String metricsUrl) {
        return PrometheusText.sum(get(metricsUrl).body(), "presence_advertised_address_shared");
    }

    @Test
    void shouldAnswerForEveryUserFromEitherInstance() {
        List<String> users = IntStream.range(0, 40)
                .mapToObj(i -> "scale-" + UUID.randomUUID())
                .toList();
        users.forEach(user -> assertThat(system.heartbeat(user).statusCode()).isEqualTo(202));
        String ids = String.join(",", users);

        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
            for (String base : List.of(system.queryUrl(""), secondUrl(""))) {
                JsonNode answer = json(get(base + "/status/users?ids=" + ids));
                assertThat(answer.get("users")).hasSize(users.size());
                for (int i = 0; i < users.size(); i++) {
                    assertThat(answer.get("users").get(i).get("user_id").asText())
                            .isEqualTo(users.get(i));
                    assertThat(answer.get("users").get(i).get("status").asText())
                            .isEqualTo("online");
                }
                for (String user : users.subList(0, 5)) {
                    assertThat(json(get(base + "/status/user/" + user))
                                    .get("status")
                                    .asText())
                            .isEqualTo("online");
                }
            }
        });
    }

    @Test
    void shouldSumOnlineUsersOverAllInstances() {
        List<String> users = IntStream.range(0, 20)
                .mapToObj(i -> "stats-" + UUID.randomUUID())
                .toList();
        users.forEach(system::heartbeat);

        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
            long fromFirst = json(get(system.queryUrl("/stats"))).get("online").asLong();
            long fromSecond = json(get(secondUrl("/stats"))).get("online").asLong();
            assertThat(fromFirst).isGreaterThanOrEqualTo(users.size()).isEqualTo(fromSecond);
        });
    }

    @Test
    void shouldKeepInternalEndpointsForInstancesOnly() {
        HttpResponse<String> asUser = system.get(secondUrl("/internal/online"), system.token("mallory"));
        HttpResponse<String> asWriter =
                system.get(secondUrl("/internal/online"), system.token("query-api", Set.of(Scope.WRITE)));
        HttpResponse<String> anonymous = system.get(secondUrl("/internal/online"), null);
        HttpResponse<String> asInstance = system.get(secondUrl("/internal/online"), system.peerToken());

        assertThat(asUser.statusCode()).isEqualTo(403);
        assertThat(asWriter.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(asInstance.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAPeerTokenOnEveryPublicRoute() {
        String peer = system.peerToken();

        assertThat(system.get(secondUrl("/status/user/alice"), peer).statusCode())
                .isEqualTo(401);
        assertThat(system.get(system.queryUrl("/status/users?ids=alice"), peer).statusCode())
                .isEqualTo(401);
        assertThat(system.post(system.queryUrl("/status/users"), peer, "{\"ids\":[\"alice\"]}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(system.get(system.queryUrl("/stats"), peer).statusCode()).isEqualTo(401);
        assertThat(system.post(system.gatewayUrl("/heartbeat"), peer, "").statusCode())
                .isEqualTo(401);
        assertThat(system.post(system.gatewayUrl("/heartbeats"), peer, "{\"user_ids\":[\"alice\"]}")
                        .statusCode())
                .isEqualTo(401);
    }

    /** An instance owns partitions when its own count of online users can be asked for. */
    private static boolean ownsPartitions(String base) {
        return system.get(base + "/internal/online", system.peerToken()).statusCode() == 200;
    }

    private static String secondUrl(String path) {
        return "http://127.0.0.1:" + second.port() + path;
    }

    private static HttpResponse<String> get(String url) {
        return system.get(url, system.token("reader"));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PresenceSystem.json(response);
    }
}
