package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.PresenceChange;
import io.presence.event.PresenceStatus;
import io.presence.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PresenceTopologyTest {
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-01T02:20:00.000Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, Heartbeat> heartbeats;
    private TestOutputTopic<String, PresenceChange> changes;
    private Instant wallClock;
    /** What the consumer would report as unread heartbeats of the partition; the test sets it. */
    private final java.util.concurrent.atomic.AtomicLong backlog = new java.util.concurrent.atomic.AtomicLong();

    @BeforeEach
    void startDriver() {
        startDriverAt(T0);
    }

    private void restartDriverAt(Instant wallClockStart) {
        driver.close();
        startDriverAt(wallClockStart);
    }

    private void startDriverAt(Instant wallClockStart) {
        Properties props = PresenceStreamsConfig.base("unused:9092");
        wallClock = wallClockStart;
        BacklogProbe probe = task -> java.util.OptionalLong.of(backlog.get());
        driver = new TopologyTestDriver(PresenceTopology.build(new PresenceSettings(OFFLINE_AFTER, probe)), props, wallClockStart);
        heartbeats = driver.createInputTopic(Topics.HEARTBEATS, Serdes.String().serializer(), JsonSerde.heartbeats());
        changes = driver.createOutputTopic(Topics.CHANGES, Serdes.String().deserializer(), JsonSerde.presenceChanges());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldPublishOnlineOnFirstHeartbeat() {
        beatNow("alice");

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));
        assertThat(lastSeenStore().get("alice")).isEqualTo(new LastSeen(T0.toEpochMilli(), true));
    }

    @Test
    void shouldPublishNothingMoreWhileHeartbeatsKeepComing() {
        beatNow("alice");
        for (int i = 0; i < 5; i++) {
            advanceWallClock(Duration.ofSeconds(5));
            beatNow("alice");
        }

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));
        assertThat(lastSeenStore().get("alice").lastSeen()).isEqualTo(T0.plusSeconds(25));
    }

    @Test
    void shouldMarkOfflineExactlyOnceWhenSilentPastThreshold() {
        beatNow("alice");
        changes.readValuesToList();

        advanceWallClock(Duration.ofMillis(9_900));
        assertThat(changes.isEmpty()).as("still within the threshold").isTrue();

        advanceWallClock(Duration.ofMillis(600));
        advanceWallClock(Duration.ofSeconds(30));

        assertThat(changes.readValuesToList())
                .containsExactly(PresenceChange.offline("alice", T0, T0.plus(OFFLINE_AFTER)));
        assertThat(lastSeenStore().get("alice")).isEqualTo(new LastSeen(T0.toEpochMilli(), false));
        assertThat(driver.<String, Long>getKeyValueStore(PresenceTopology.PROGRESS_STORE).get(PresenceTopology.HORIZON_KEY))
                .as("decisions have gone up to the wall clock").isEqualTo(wallClock.toEpochMilli());
    }

    @Test
    void shouldKeepUserOnlineWhenHeartbeatArrivesExactlyAtThreshold() {
        beatNow("alice");
        advanceWallClock(OFFLINE_AFTER);
        beatNow("alice");
        advanceWallClock(Duration.ofMillis(9_900));

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));

        advanceWallClock(Duration.ofMillis(600));
        assertThat(changes.readValuesToList()).containsExactly(
                PresenceChange.offline("alice", T0.plus(OFFLINE_AFTER), T0.plus(OFFLINE_AFTER).plus(OFFLINE_AFTER)));
    }

    @Test
    void shouldNeverMoveLastSeenBackwardsOnOutOfOrderHeartbeats() {
        beat("alice", T0.plusSeconds(5));
        beat("alice", T0);
        beat("alice", T0.plusSeconds(3));

        assertThat(lastSeenStore().get("alice").lastSeen()).isEqualTo(T0.plusSeconds(5));
        advanceWallClock(Duration.ofSeconds(16));
        assertThat(changes.readValuesToList()).containsExactly(
                PresenceChange.online("alice", T0.plusSeconds(5)),
                PresenceChange.offline("alice", T0.plusSeconds(5), T0.plusSeconds(15)));
    }

    @Test
    void shouldIgnoreLateHeartbeatOfAnOfflineUserThatIsOlderThanLastSeen() {
        beatNow("alice");
        advanceWallClock(Duration.ofSeconds(11));
        changes.readValuesToList();

        beat("alice", T0.minusSeconds(1));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(lastSeenStore().get("alice")).isEqualTo(new LastSeen(T0.toEpochMilli(), false));
    }

    @Test
    void shouldExpireManyUsersInOnePunctuation() {
        List<String> users = IntStream.range(0, 2_000).mapToObj(i -> "user-" + i).toList();
        users.forEach(this::beatNow);
        changes.readValuesToList();

        advanceWallClock(Duration.ofMillis(10_300));

        List<PresenceChange> offline = changes.readValuesToList();
        assertThat(offline).hasSize(users.size()).allMatch(c -> c.status() == PresenceStatus.OFFLINE);
        assertThat(offline).extracting(PresenceChange::userId).containsExactlyInAnyOrderElementsOf(users);
    }

    @Test
    void shouldCloseTheOldSessionFirstWhenAHeartbeatEndsASilenceNotYetNoticed() {
        beat("alice", T0);
        beat("alice", T0.plusSeconds(15));

        assertThat(changes.readValuesToList()).containsExactly(
                PresenceChange.online("alice", T0),
                PresenceChange.offline("alice", T0, T0.plusSeconds(10)),
                PresenceChange.online("alice", T0.plusSeconds(15)));
    }

    @Test
    void shouldNotDeclareOfflineWhileABacklogOfOlderHeartbeatsIsStillBeingProcessed() {
        // After a restart, wall-clock time is a minute ahead of the heartbeats still waiting in the topic.
        restartDriverAt(T0.plusSeconds(60));
        beat("alice", T0);
        for (int i = 1; i <= 9; i++) {
            beat("bob", T0.plusSeconds(i));
            advanceWallClock(Duration.ofMillis(300));
        }
        beat("alice", T0.plusMillis(9_500));

        assertThat(changes.readValuesToList()).extracting(PresenceChange::userId, PresenceChange::status)
                .containsExactly(tuple("alice", PresenceStatus.ONLINE), tuple("bob", PresenceStatus.ONLINE));
    }

    @Test
    void shouldDeclareOfflineByWallClockOnceTheBacklogIsProcessedAndThePartitionIsQuiet() {
        restartDriverAt(T0.plusSeconds(60));
        beat("alice", T0);
        advanceWallClock(Duration.ofMillis(300));
        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));

        advanceWallClock(Duration.ofSeconds(1));

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.offline("alice", T0, T0.plusSeconds(10)));
    }

    @Test
    void shouldNotDeclareOfflineWhileTheConsumerReportsUnreadHeartbeats() {
        beatNow("alice");
        backlog.set(5);

        advanceWallClock(Duration.ofSeconds(20));
        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));
        assertThat(driver.<String, Long>getKeyValueStore(PresenceTopology.PROGRESS_STORE).get(PresenceTopology.HORIZON_KEY))
                .as("no decision beyond the heartbeats read").isLessThan(T0.toEpochMilli());

        backlog.set(0);
        advanceWallClock(Duration.ofMillis(1_250));
        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.offline("alice", T0, T0.plusSeconds(10)));
    }

    @Test
    void shouldNotDeclareOfflineRightAfterProcessingStoodStillWhileHeartbeatsKeptArriving() {
        beatNow("alice");
        advanceWallClock(Duration.ofSeconds(2));

        standStill(Duration.ofSeconds(20));
        beat("alice", T0.plusSeconds(9));
        beat("alice", T0.plusSeconds(18));
        advanceWallClock(Duration.ofMillis(500));

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));
        advanceWallClock(Duration.ofSeconds(6));
        assertThat(changes.readValuesToList())
                .containsExactly(PresenceChange.offline("alice", T0.plusSeconds(18), T0.plusSeconds(28)));
    }

    @Test
    void shouldComeBackOnlineAfterGoingOffline() {
        beatNow("alice");
        advanceWallClock(Duration.ofSeconds(11));
        beatNow("alice");

        assertThat(changes.readValuesToList()).extracting(PresenceChange::status)
                .containsExactly(PresenceStatus.ONLINE, PresenceStatus.OFFLINE, PresenceStatus.ONLINE);
    }

    @Test
    void shouldSkipRecordsThatAreNotHeartbeats() {
        driver.createInputTopic(Topics.HEARTBEATS, Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("mallory", "{not json", T0);
        beatNow("alice");

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));
        assertThat(lastSeenStore().get("mallory")).isNull();
    }

    @Test
    void shouldCountChangesInItsOwnMetrics() {
        beatNow("alice");
        advanceWallClock(Duration.ofSeconds(11));

        assertThat(metric("online-changes-total")).isEqualTo(1.0);
        assertThat(metric("offline-changes-total")).isEqualTo(1.0);
        assertThat(metric("offline-scan-rate")).isNotNull();
    }

    private Object metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-presence-metrics") && e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue())
                .findFirst().orElse(null);
    }

    private void beatNow(String userId) {
        beat(userId, wallClock);
    }

    private void beat(String userId, Instant ts) {
        heartbeats.pipeInput(userId, new Heartbeat(userId, ts), ts);
    }

    /** Time passes with the stream thread running: punctuations every 250 ms or less, as in production. */
    private void advanceWallClock(Duration by) {
        Duration step = Duration.ofMillis(250);
        for (Duration left = by; !left.isZero(); ) {
            Duration next = left.compareTo(step) < 0 ? left : step;
            wallClock = wallClock.plus(next);
            driver.advanceWallClockTime(next);
            left = left.minus(next);
        }
    }

    /** Time passes with the stream thread standing still (paused, stalled, rebalancing): no punctuation meanwhile. */
    private void standStill(Duration by) {
        wallClock = wallClock.plus(by);
        driver.advanceWallClockTime(by);
    }

    private KeyValueStore<String, LastSeen> lastSeenStore() {
        return driver.getKeyValueStore(PresenceTopology.LAST_SEEN_STORE);
    }
}
