package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.presence.event.Heartbeat;
import io.presence.event.PresenceChange;
import io.presence.session.LastSeen;
import io.presence.user.PresenceRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that starts on stores filled before (a restart, a restore, a partition moving here): the deadline index is
 * rebuilt from the users online at the last commit, so they still go offline on time, and nobody else is touched.
 */
class IndexRebuildTest {
    private static final long T = 10_000;
    private static final int PARTITION = 3;

    @TempDir
    Path stateDir;

    private MockProcessorContext<String, PresenceChange> context;
    private KeyValueStore<String, LastSeen> lastSeen;
    private KeyValueStore<String, byte[]> onlineUsers;
    private SessionStore<String, byte[]> sessions;
    private WindowStore<String, OnlineMinute> minutes;
    private LocalTasks tasks;
    /** The end offset the heartbeat log showed at this instant; the task has read up to it. */
    private long lookedAtMs;

    @BeforeEach
    void storesFilledBeforeTheTaskStarts() {
        context = new MockProcessorContext<>(
                StreamsSettings.base("unused:9092"), new TaskId(0, PARTITION), stateDir.toFile());
        lastSeen = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(PresenceTopology.LAST_SEEN_STORE),
                        Serdes.String(),
                        new LastSeenSerde())
                .withLoggingDisabled()
                .build();
        onlineUsers = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(PresenceTopology.ONLINE_USERS_STORE),
                        Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        sessions = Stores.sessionStoreBuilder(
                        Stores.inMemorySessionStore(PresenceTopology.SESSIONS_STORE, Duration.ofDays(1)),
                        Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        minutes = Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore(
                                PresenceTopology.ONLINE_MINUTES_STORE,
                                Duration.ofDays(1),
                                Duration.ofMinutes(1),
                                false),
                        Serdes.String(),
                        new OnlineMinuteSerde())
                .withLoggingDisabled()
                .build();
        for (StateStore store : List.of(lastSeen, onlineUsers, sessions, minutes)) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        context.setCurrentStreamTimeMs(5_000);
        context.setCurrentSystemTimeMs(5_000);
        tasks = new LocalTasks(partition -> List.of(new LogPosition(0, 0, lookedAtMs)), () -> lookedAtMs);

        online("alice", 1_000, new byte[0]); // written before sessions were kept: no start
        online("bob", 5_000, OnlineSince.encode(2_000));
        lastSeen.put("carol", new LastSeen(500, false));
        minutes.put(OnlineMinutes.SERIES, new OnlineMinute(2, 2, 2, 7), 0);
    }

    private void online(String userId, long lastSeenMs, byte[] since) {
        lastSeen.put(userId, new LastSeen(lastSeenMs, true));
        onlineUsers.put(userId, since);
    }

    @Test
    void theHistoryContinuesFromWhatTheStoresKept() {
        PresenceProcessor processor = start();

        punctuateAt(5_000 + T + 600);

        assertThat(forwarded()).hasSize(2);
        assertThat(session("bob")).as("from the start kept").containsExactly(2_000L, 5_000L + T);
        assertThat(session("alice"))
                .as("no start kept: from the newest heartbeat")
                .containsExactly(1_000L, 1_000L + T);
        OnlineMinute minuteZero = minutes.fetch(OnlineMinutes.SERIES, 0);
        assertThat(minuteZero.seq())
                .as("the sequence continues: the mark at start, two offlines")
                .isEqualTo(10);
        assertThat(minuteZero.totalAfter())
                .as("the total starts from the users online")
                .isZero();
        assertThat(minuteZero.netChange()).isZero();
        processor.close();
    }

    private List<Long> session(String userId) {
        try (KeyValueIterator<Windowed<String>, byte[]> found = sessions.fetch(userId)) {
            Windowed<String> only = found.next().key;
            assertThat(found.hasNext()).isFalse();
            return List.of(only.window().start(), only.window().end());
        }
    }

    @Test
    void usersOnlineBeforeTheRestartGoOfflineOnTimeAndOnlyThey() {
        PresenceProcessor processor = start();
        assertThat(tasks.onlineUsers()).as("counted from the stores at start").isEqualTo(2);

        punctuateAt(1_000 + T + 600);
        assertThat(forwarded())
                .containsExactly(
                        PresenceChange.offline("alice", Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000 + T)));

        punctuateAt(5_000 + T + 600);
        assertThat(forwarded())
                .containsExactly(
                        PresenceChange.offline("bob", Instant.ofEpochMilli(5_000), Instant.ofEpochMilli(5_000 + T)));
        assertThat(onlineUsers.approximateNumEntries()).isZero();

        punctuateAt(100_000);
        assertThat(forwarded()).as("carol was offline already, nobody is left").isEmpty();
        processor.close();
    }

    @Test
    void aHeartbeatAfterTheRestartMovesTheRebuiltDeadline() {
        PresenceProcessor processor = start();
        context.setRecordMetadata("presence.heartbeats", PARTITION, 0);
        processor.process(new Record<>("alice", new Heartbeat("alice", Instant.ofEpochMilli(9_000)), 9_000));

        punctuateAt(1_000 + T + 600);
        assertThat(forwarded())
                .as("alice's old deadline passed, but she beat since")
                .isEmpty();

        punctuateAt(9_000 + T + 600);
        assertThat(forwarded()).extracting(PresenceChange::userId).containsExactly("bob", "alice");
        processor.close();
    }

    private PresenceProcessor start() {
        PresenceProcessor processor = new PresenceProcessor(new PresenceSettings(
                new PresenceRule(Duration.ofMillis(T)), tasks, EngineSettings.DEFAULT_HISTORY_RETENTION));
        processor.init(context);
        return processor;
    }

    private void punctuateAt(long wallMs) {
        lookedAtMs = wallMs;
        context.setCurrentSystemTimeMs(wallMs);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(wallMs);
    }

    private List<PresenceChange> forwarded() {
        List<PresenceChange> changes = context.forwarded().stream()
                .<PresenceChange>map(f -> f.record().value())
                .toList();
        context.resetForwards();
        return changes;
    }
}
