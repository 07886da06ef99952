package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.PresenceChange;
import io.presence.event.PresenceStatus;
import io.presence.event.Timestamps;
import io.presence.event.Topics;
import io.presence.session.LastSeen;
import io.presence.session.OfflineHorizon;
import io.presence.user.PresenceRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresenceTopologyTest {
    @TempDir
    Path stateDir;

    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-01T02:20:00.000Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, Heartbeat> heartbeats;
    private TestOutputTopic<String, PresenceChange> changes;
    private Instant wallClock;
    private LocalTasks tasks;
    /** Heartbeats piped into the partition so far: its end offset, as far as the test driver has seen it. */
    private long piped;
    /** Heartbeats the broker holds beyond those piped: what the task has not read yet. The test sets it. */
    private long unread;
    /** The looks at the log taken so far: one each time the wall clock moves, as the watcher would take them. */
    private final List<LogPosition> looks = new ArrayList<>();
    /** While set, no look at the log succeeds (its leader cannot answer). */
    private boolean blind;

    @BeforeEach
    void startDriver() {
        startDriverAt(T0);
    }

    private void restartDriverAt(Instant wallClockStart) {
        driver.close();
        startDriverAt(wallClockStart);
    }

    private void startDriverAt(Instant wallClockStart) {
        Properties props = StreamsSettings.base("unused:9092");
        // The driver's state goes where JUnit deletes it, not into the shared /tmp/kafka-streams.
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        wallClock = wallClockStart;
        piped = 0;
        looks.clear();
        HeartbeatLog log = partition -> looks.stream()
                .filter(look -> wallClock.toEpochMilli() - look.observedAtMs() <= HeartbeatLog.HISTORY.toMillis())
                .toList();
        tasks = new LocalTasks(log, () -> wallClock.toEpochMilli());
        driver = new TopologyTestDriver(
                PresenceTopology.build(new PresenceSettings(
                        new PresenceRule(OFFLINE_AFTER), tasks, EngineSettings.DEFAULT_HISTORY_RETENTION)),
                props,
                wallClockStart);
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
        assertThat(changes.isEmpty()).as("still within the reorder allowance").isTrue();
        advanceWallClock(Duration.ofSeconds(30));

        assertThat(changes.readValuesToList())
                .containsExactly(PresenceChange.offline("alice", T0, T0.plus(OFFLINE_AFTER)));
        assertThat(lastSeenStore().get("alice")).isEqualTo(new LastSeen(T0.toEpochMilli(), false));
        assertThat(progress().decidedUntilMs())
                .as("decisions have gone up to the wall clock less the reorder allowance")
                .isEqualTo(wallClock.minus(OfflineHorizon.REORDER_ALLOWANCE).toEpochMilli());
    }

    @Test
    void shouldKeepUserOnlineWhenHeartbeatArrivesExactlyAtThreshold() {
        beatNow("alice");
        advanceWallClock(OFFLINE_AFTER);
        beatNow("alice");
        advanceWallClock(Duration.ofMillis(9_900));

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));

        advanceWallClock(Duration.ofMillis(500));
        assertThat(changes.readValuesToList())
                .as("not before the reorder allowance has passed")
                .isEmpty();
        advanceWallClock(Duration.ofMillis(200));
        assertThat(changes.readValuesToList())
                .containsExactly(PresenceChange.offline(
                        "alice", T0.plus(OFFLINE_AFTER), T0.plus(OFFLINE_AFTER).plus(OFFLINE_AFTER)));
    }

    @Test
    void shouldNeverMoveLastSeenBackwardsOnOutOfOrderHeartbeats() {
        beat("alice", T0.plusSeconds(5));
        beat("alice", T0);
        beat("alice", T0.plusSeconds(3));

        assertThat(lastSeenStore().get("alice").lastSeen()).isEqualTo(T0.plusSeconds(5));
        advanceWallClock(Duration.ofSeconds(16));
        assertThat(changes.readValuesToList())
                .containsExactly(
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
        List<String> users =
                IntStream.range(0, 2_000).mapToObj(i -> "user-" + i).toList();
        users.forEach(this::beatNow);
        changes.readValuesToList();

        advanceWallClock(Duration.ofMillis(10_800));

        List<PresenceChange> offline = changes.readValuesToList();
        assertThat(offline).hasSize(users.size()).allMatch(c -> c.status() == PresenceStatus.OFFLINE);
        assertThat(offline).extracting(PresenceChange::userId).containsExactlyInAnyOrderElementsOf(users);
    }

    @Test
    void shouldCloseTheOldSessionFirstWhenAHeartbeatEndsASilenceNotYetNoticed() {
        beat("alice", T0);
        beat("alice", T0.plusSeconds(15));

        assertThat(changes.readValuesToList())
                .containsExactly(
                        PresenceChange.online("alice", T0),
                        PresenceChange.offline("alice", T0, T0.plusSeconds(10)),
                        PresenceChange.online("alice", T0.plusSeconds(15)));
    }

    @Test
    void shouldNotDeclareOfflineWhileABacklogOfOlderHeartbeatsIsStillBeingProcessed() {
        // After a restart, wall-clock time is a minute ahead of the heartbeats still waiting in the topic.
        restartDriverAt(T0.plusSeconds(60));
        unread = 20;
        beat("alice", T0);
        for (int i = 1; i <= 9; i++) {
            beat("bob", T0.plusSeconds(i));
            advanceWallClock(Duration.ofMillis(300));
        }
        beat("alice", T0.plusMillis(9_500));

        assertThat(changes.readValuesToList())
                .extracting(PresenceChange::userId, PresenceChange::status)
                .containsExactly(tuple("alice", PresenceStatus.ONLINE), tuple("bob", PresenceStatus.ONLINE));
        assertThat(tasks.notServingBecause(0))
                .as("a task behind its log cannot answer offline")
                .isPresent();
    }

    @Test
    void shouldDeclareOfflineByWallClockOnceTheBacklogIsProcessedAndThePartitionIsQuiet() {
        restartDriverAt(T0.plusSeconds(60));
        beat("alice", T0);
        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));

        advanceWallClock(Duration.ofMillis(250));

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.offline("alice", T0, T0.plusSeconds(10)));
        assertThat(tasks.notServingBecause(0))
                .as("caught up: answers may say offline")
                .isEmpty();
    }

    @Test
    void shouldNotDeclareOfflineWhileTheLogHoldsUnreadHeartbeats() {
        beatNow("alice");
        unread = 5;

        advanceWallClock(Duration.ofSeconds(20));
        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));
        assertThat(progress().decidedUntilMs())
                .as("no decision beyond the heartbeats read")
                .isLessThan(T0.toEpochMilli());

        unread = 0;
        advanceWallClock(Duration.ofMillis(250));
        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.offline("alice", T0, T0.plusSeconds(10)));
    }

    @Test
    void shouldKeepTheReorderAllowanceOnAQuietPartition() {
        beatNow("alice");
        changes.readValuesToList();
        advanceWallClock(OFFLINE_AFTER.plus(OfflineHorizon.REORDER_ALLOWANCE));

        assertThat(changes.readValuesToList())
                .as("the wall clock alone does not decide")
                .isEmpty();
        // Appended just before her deadline, under another leader whose clock is a little behind; read a moment later.
        beat("alice", T0.plus(OFFLINE_AFTER).minusMillis(100));
        advanceWallClock(Duration.ofSeconds(5));

        assertThat(changes.readValuesToList())
                .as("no false offline/online pair")
                .isEmpty();
        assertThat(lastSeenStore().get("alice"))
                .isEqualTo(new LastSeen(T0.plus(OFFLINE_AFTER).minusMillis(100).toEpochMilli(), true));
    }

    @Test
    void shouldNotDeclareOfflineRightAfterProcessingStoodStillWhileHeartbeatsKeptArriving() {
        beatNow("alice");
        advanceWallClock(Duration.ofSeconds(2));

        unread = 2;
        standStill(Duration.ofSeconds(20));
        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));

        unread = 0;
        beat("alice", T0.plusSeconds(9));
        beat("alice", T0.plusSeconds(18));
        advanceWallClock(Duration.ofMillis(500));
        assertThat(changes.readValuesToList()).isEmpty();

        advanceWallClock(Duration.ofMillis(6_500));
        assertThat(changes.readValuesToList())
                .containsExactly(PresenceChange.offline("alice", T0.plusSeconds(18), T0.plusSeconds(28)));
    }

    @Test
    void shouldAnswerOfflineOnlyAfterCatchingUp() {
        restartWithAMinuteUnread();
        assertThat(tasks.notServingBecause(0))
                .hasValueSatisfying(why -> assertThat(why).contains("catching up"));

        beat("bob", T0.plusSeconds(20));
        beat("carol", T0.plusSeconds(40));
        beat("dave", T0.plusSeconds(59));
        unread = 0;
        advanceWallClock(Duration.ofMillis(250));
        assertThat(tasks.notServingBecause(0)).isEmpty();
        assertThat(tasks.notServingBecause(1))
                .hasValueSatisfying(why -> assertThat(why).contains("not processing here"));
    }

    @Test
    void shouldKeepServingThroughAMomentsBacklogButNotWhenHeartbeatsStayUnread() {
        beatNow("alice");
        advanceWallClock(Duration.ofMillis(250));

        unread = 500;
        advanceWallClock(Duration.ofMillis(500));
        assertThat(tasks.notServingBecause(0))
                .as("a pause's worth of unread heartbeats")
                .isEmpty();

        advanceWallClock(Duration.ofMillis(750));
        assertThat(tasks.notServingBecause(0))
                .as("heartbeats unread for longer than a query may miss them")
                .hasValueSatisfying(
                        why -> assertThat(why).contains("over 1000 ms ago still unread (500 records behind)"));

        for (int i = 0; i < 500; i++) {
            beatNow("bob-" + i);
        }
        unread = 0;
        assertThat(tasks.notServingBecause(0))
                .as("read them all: the newest read was appended just now")
                .isEmpty();
    }

    @Test
    void shouldAnswerAQueryAskedAMomentBehindOnceEverythingAppendedBeforeItIsRead() throws Exception {
        fallAMomentBehind();
        long askedAt = wallClock.toEpochMilli();
        assertThat(tasks.notServingBecause(0, askedAt)).as("a moment behind").isPresent();

        CompletableFuture<Boolean> answered = CompletableFuture.supplyAsync(() -> tasks.awaitServing(
                0, askedAt, System.nanoTime() + Duration.ofMinutes(1).toNanos()));
        for (int i = 0; i < 500; i++) {
            beatNow("bob-" + i);
        }

        assertThat(answered.get(1, TimeUnit.MINUTES))
                .as("the query waited for the task to read the heartbeats appended before it")
                .isTrue();
    }

    @Test
    void shouldWaitWhileTheTaskCanStillCatchUpAndGiveUpOnceItCannot() {
        fallAMomentBehind(); // 250 ms short of what a query now needs
        long started = System.nanoTime();

        boolean served = tasks.awaitServing(
                0, wallClock.toEpochMilli(), started + Duration.ofMillis(600).toNanos());

        assertThat(served).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("waited until less time was left than the task is behind")
                .isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    @Test
    void shouldStopWaitingWhenInterrupted() {
        fallAMomentBehind();
        Thread.currentThread().interrupt();
        try {
            assertThat(tasks.awaitServing(
                            0,
                            wallClock.toEpochMilli(),
                            System.nanoTime() + Duration.ofMinutes(1).toNanos()))
                    .isFalse();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldNotWaitForATaskFurtherBehindThanTheWaitCouldMakeUp() {
        // After a restart a minute of heartbeats waits unread: a query cannot wait for that, nor for a partition
        // without a task here.
        restartDriverAt(T0.plusSeconds(60));
        unread = 3;
        advanceWallClock(Duration.ofMillis(250));
        assertThat(awaitServingAtOnce(0)).as("nothing read yet").isFalse();

        beat("alice", T0);
        advanceWallClock(Duration.ofMillis(250));
        assertThat(awaitServingAtOnce(0)).as("read a minute behind").isFalse();
        assertThat(awaitServingAtOnce(1)).as("no task here").isFalse();
    }

    /** Waits with a deadline far off, failing the test if the wait is not given up at once. */
    private boolean awaitServingAtOnce(int partition) {
        long askedAt = wallClock.toEpochMilli();
        return assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> tasks.awaitServing(
                        partition,
                        askedAt,
                        System.nanoTime() + Duration.ofSeconds(20).toNanos()),
                "gave up at once instead of waiting out the deadline");
    }

    @Test
    void shouldStopServingWhenTheLogCannotBeSeen() {
        beatNow("alice");
        advanceWallClock(Duration.ofMillis(250));
        assertThat(tasks.notServingBecause(0)).isEmpty();

        blind = true;
        advanceWallClock(Duration.ofMillis(1_250));

        assertThat(tasks.notServingBecause(0))
                .hasValueSatisfying(why -> assertThat(why).contains("cannot see"));
    }

    @Test
    void shouldComeBackOnlineAfterGoingOffline() {
        beatNow("alice");
        advanceWallClock(Duration.ofSeconds(11));
        beatNow("alice");

        assertThat(changes.readValuesToList())
                .extracting(PresenceChange::status)
                .containsExactly(PresenceStatus.ONLINE, PresenceStatus.OFFLINE, PresenceStatus.ONLINE);
    }

    @Test
    void shouldSkipRecordsThatAreNotHeartbeats() {
        driver.createInputTopic(
                        Topics.HEARTBEATS,
                        Serdes.String().serializer(),
                        Serdes.String().serializer())
                .pipeInput("mallory", "{not json", T0);
        piped++;
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
        assertThat((Double) metric("offline-decisions-behind-latency-max"))
                .as("decisions trail the wall clock by the reorder allowance")
                .isEqualTo(500.0);
    }

    @ParameterizedTest(name = "gateway clock {0} s off")
    @ValueSource(longs = {-3_600, -2, 2, 3_600})
    void shouldTakeTheBrokersAppendTimeWhateverTheGatewayClockSays(long skewSeconds) {
        beat("alice", T0, T0.plusSeconds(skewSeconds));
        advanceWallClock(Duration.ofSeconds(4));
        beat("alice", T0.plusSeconds(4), T0.plusSeconds(4 + skewSeconds));
        advanceWallClock(Duration.ofSeconds(15));

        assertThat(changes.readValuesToList())
                .containsExactly(
                        PresenceChange.online("alice", T0),
                        PresenceChange.offline("alice", T0.plusSeconds(4), T0.plusSeconds(14)));
        assertThat(metric("gateway-clock-skewed-total"))
                .as("both heartbeats counted as skewed")
                .isEqualTo(2.0);
    }

    @Test
    void shouldNotCountAGatewayClockWithinOneSecondAsSkewed() {
        beat("alice", T0, T0.minusMillis(900));

        assertThat(changes.readValuesToList()).containsExactly(PresenceChange.online("alice", T0));
        assertThat(metric("gateway-clock-skewed-total")).isEqualTo(0.0);
    }

    @Test
    void shouldCountHeartbeatsFromAGatewayWithAnotherThreshold() {
        beatWithGatewayThreshold("alice", "10000");
        beatWithGatewayThreshold("bob", null);
        assertThat(metric("offline-after-mismatch-total"))
                .as("same threshold, or no header")
                .isEqualTo(0.0);

        beatWithGatewayThreshold("carol", "30000");
        beatWithGatewayThreshold("dave", "not a number");

        assertThat(metric("offline-after-mismatch-total")).isEqualTo(2.0);
        assertThat(changes.readValuesToList())
                .as("the heartbeats still count")
                .extracting(PresenceChange::userId)
                .containsExactly("alice", "bob", "carol", "dave");
    }

    @Test
    void shouldSkipARecordWhoseTimestampCannotBeAnInstantOfTheContractAndKeepGoing() {
        beatNow("alice");
        Instant yearTenThousand = Instant.ofEpochMilli(Timestamps.LATEST_WRITABLE_MS + 1);
        beat("bob", yearTenThousand, T0);
        beat("carol", T0.plusSeconds(1));
        advanceWallClock(Duration.ofSeconds(2));

        assertThat(changes.readValuesToList())
                .extracting(PresenceChange::userId)
                .containsExactly("alice", "carol");
        assertThat(lastSeenStore().get("bob")).isNull();
        assertThat(driver.metrics().entrySet().stream()
                        .filter(e -> e.getKey().name().equals("dropped-records-total"))
                        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                        .sum())
                .as("counted by Kafka Streams")
                .isEqualTo(1.0);
        assertThat(progress().decidedUntilMs())
                .as("stream time did not jump to year 10000")
                .isLessThan(wallClock.toEpochMilli());
    }

    @Test
    void shouldWorkOffAMassDisconnectInBoundedPunctuationsWithoutFalseOffline() {
        int silent = 200_000;
        int beating = 1_000;
        for (int i = 0; i < silent; i++) {
            beat("silent-" + i, T0);
        }
        for (int i = 0; i < beating; i++) {
            beat("beating-" + i, T0);
        }
        changes.readValuesToList();

        List<Integer> offlinePerPunctuation = new ArrayList<>();
        Set<String> offline = new HashSet<>();
        for (int round = 0; round < 80 && offline.size() < silent; round++) {
            if (round % 20 == 0) {
                for (int i = 0; i < beating; i++) {
                    beatNow("beating-" + i);
                }
            }
            wallClock = wallClock.plusMillis(250);
            driver.advanceWallClockTime(Duration.ofMillis(250));
            List<PresenceChange> published = changes.readValuesToList();
            offlinePerPunctuation.add(published.size());
            published.forEach(change -> {
                assertThat(change.status()).isEqualTo(PresenceStatus.OFFLINE);
                assertThat(offline.add(change.userId()))
                        .as("published once: " + change.userId())
                        .isTrue();
            });
        }

        assertThat(offline).hasSize(silent).allMatch(user -> user.startsWith("silent-"));
        assertThat(offlinePerPunctuation).allMatch(n -> n <= PresenceSettings.MAX_OFFLINE_PER_PUNCTUATION);
        System.out.printf(
                "Mass disconnect: %,d users offline over %d punctuations (at most %,d each); longest"
                        + " punctuation %.1f ms%n",
                silent,
                offlinePerPunctuation.stream().filter(n -> n > 0).count(),
                PresenceSettings.MAX_OFFLINE_PER_PUNCTUATION,
                (Double) metric("offline-scan-latency-max"));
    }

    private Object metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-presence-metrics")
                        && e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue())
                .findFirst()
                .orElse(null);
    }

    private void beatNow(String userId) {
        beat(userId, wallClock);
    }

    /** A heartbeat appended at {@code ts}, stamped by a gateway whose clock agrees with the broker's. */
    private void beat(String userId, Instant ts) {
        beat(userId, ts, ts);
    }

    /** A heartbeat the broker appended at {@code appendedAt}, stamped {@code gatewayTs} by the gateway. */
    private void beat(String userId, Instant appendedAt, Instant gatewayTs) {
        heartbeats.pipeInput(userId, new Heartbeat(userId, gatewayTs), appendedAt);
        piped++;
    }

    /** A heartbeat whose gateway stamped its own {@code PRESENCE_OFFLINE_AFTER} (ms) as a header; null: none. */
    private void beatWithGatewayThreshold(String userId, String gatewayThresholdMs) {
        RecordHeaders headers = new RecordHeaders();
        if (gatewayThresholdMs != null) {
            headers.add(Topics.OFFLINE_AFTER_HEADER, gatewayThresholdMs.getBytes(StandardCharsets.US_ASCII));
        }
        heartbeats.pipeInput(new TestRecord<>(userId, new Heartbeat(userId, wallClock), headers, wallClock));
        piped++;
    }

    /** Heartbeats keep arriving while the task reads none for over a second: it is a moment behind its log. */
    private void fallAMomentBehind() {
        beatNow("alice");
        advanceWallClock(Duration.ofMillis(250));
        unread = 500;
        advanceWallClock(Duration.ofMillis(1_250));
    }

    /** After a restart, a minute of heartbeats waits unread: the first one read is a minute old. */
    private void restartWithAMinuteUnread() {
        restartDriverAt(T0.plusSeconds(60));
        unread = 3;
        beat("alice", T0);
        advanceWallClock(Duration.ofMillis(250));
    }

    private TaskProgress progress() {
        return tasks.of(0).orElseThrow();
    }

    /** Time passes with the stream thread running: punctuations every 250 ms or less, as in production. */
    private void advanceWallClock(Duration by) {
        Duration step = Duration.ofMillis(250);
        for (Duration left = by; !left.isZero(); ) {
            Duration next = left.compareTo(step) < 0 ? left : step;
            wallClock = wallClock.plus(next);
            lookAtLog();
            driver.advanceWallClockTime(next);
            left = left.minus(next);
        }
    }

    /** Time passes with the stream thread standing still (paused, stalled, rebalancing): no punctuation meanwhile. */
    private void standStill(Duration by) {
        wallClock = wallClock.plus(by);
        lookAtLog();
        driver.advanceWallClockTime(by);
    }

    /** The log as the watcher sees it now: every piped record, plus those still unread. */
    private void lookAtLog() {
        if (!blind) {
            looks.add(new LogPosition(piped + unread, 0, wallClock.toEpochMilli()));
        }
    }

    private KeyValueStore<String, LastSeen> lastSeenStore() {
        return driver.getKeyValueStore(PresenceTopology.LAST_SEEN_STORE);
    }

    @Test
    void shouldKeepEachSessionWrittenOnTransitionsOnly() {
        beatNow("alice");
        for (int i = 0; i < 4; i++) {
            advanceWallClock(Duration.ofSeconds(5));
            beatNow("alice");
        }
        Instant lastBeat = wallClock;

        assertThat(closedSessions("alice"))
                .as("an open session is not in the sessions store")
                .isEmpty();
        assertThat(OnlineSince.decode(onlineUsersStore().get("alice"), -1)).isEqualTo(T0.toEpochMilli());
        assertThat(minutes())
                .as("the task's mark at start, one write for the online, none per heartbeat")
                .hasSize(1);
        assertThat(minutes().get(0).value.seq()).isEqualTo(2);

        advanceWallClock(OFFLINE_AFTER.plusSeconds(1));
        advanceWallClock(Duration.ofSeconds(20));
        beatNow("alice");

        Instant end = lastBeat.plus(OFFLINE_AFTER);
        assertThat(closedSessions("alice")).containsExactly(List.of(T0.toEpochMilli(), end.toEpochMilli()));
        assertThat(OnlineSince.decode(onlineUsersStore().get("alice"), -1)).isEqualTo(wallClock.toEpochMilli());
        assertThat(minutes().stream().mapToLong(m -> m.value.seq()).max().orElseThrow())
                .as("the mark at start, then three transitions, three writes")
                .isEqualTo(4);
    }

    @Test
    void shouldCountTheOnlineUsersOfEachMinuteAndTheirHighest() {
        Instant minute = T0; // 02:20:00.000, a minute's start
        beat("a", minute.plusSeconds(1));
        beat("b", minute.plusSeconds(2));
        beat("c", minute.plusSeconds(3));
        advanceWallClock(OFFLINE_AFTER.plusSeconds(10));

        List<OnlineMinute> written = minutes().stream().map(m -> m.value).toList();
        assertThat(minutes().get(0).key).isEqualTo(minute.toEpochMilli());
        assertThat(written.get(0).netChange()).isZero();
        assertThat(written.get(0).highestRise()).isEqualTo(3);
        assertThat(written.get(0).totalAfter()).isZero();
        assertThat(written.get(0).seq())
                .as("the mark at start and six transitions")
                .isEqualTo(7);
    }

    private List<List<Long>> closedSessions(String userId) {
        SessionStore<String, byte[]> sessions = driver.getSessionStore(PresenceTopology.SESSIONS_STORE);
        List<List<Long>> found = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, byte[]> all = sessions.fetch(userId)) {
            all.forEachRemaining(s ->
                    found.add(List.of(s.key.window().start(), s.key.window().end())));
        }
        return found;
    }

    private List<KeyValue<Long, OnlineMinute>> minutes() {
        WindowStore<String, OnlineMinute> store = driver.getWindowStore(PresenceTopology.ONLINE_MINUTES_STORE);
        List<KeyValue<Long, OnlineMinute>> found = new ArrayList<>();
        try (WindowStoreIterator<OnlineMinute> all =
                store.fetch(OnlineMinutes.SERIES, Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z"))) {
            all.forEachRemaining(found::add);
        }
        return found;
    }

    private KeyValueStore<String, byte[]> onlineUsersStore() {
        return driver.getKeyValueStore(PresenceTopology.ONLINE_USERS_STORE);
    }
}
