package io.presence.stream;

import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.session.LastSeen;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Builds the presence topology: {@code presence.heartbeats} → last-seen per user → {@code presence.changes}, and
 * the history of sessions and online counts.
 * A pure factory: no I/O, no {@code KafkaStreams}, so tests and the query-api build the very same topology.
 */
final class PresenceTopology {
    /** User id → {@link LastSeen}; the store that status queries read. */
    static final String LAST_SEEN_STORE = "last-seen";
    /** The users online now, with the start of their session; only written on transitions. */
    static final String ONLINE_USERS_STORE = "online-users";
    /** The closed sessions of each user, kept for the history retention; written once per session. */
    static final String SESSIONS_STORE = "sessions";
    /** The online count per minute of each task, kept for the history retention; written on transitions. */
    static final String ONLINE_MINUTES_STORE = "online-minutes";

    private static final String SOURCE = "heartbeats";
    private static final String PROCESSOR = "presence";
    private static final String SINK = "changes";
    /** Offline transitions delete from online-users; a restore need not replay a day of those deletes. */
    private static final String ONLINE_USERS_DELETE_RETENTION_MS = Long.toString(60 * 60 * 1000L);

    private PresenceTopology() {}

    static Topology build(PresenceSettings settings) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), JsonSerde.heartbeats(), Topics.HEARTBEATS);
        topology.addProcessor(PROCESSOR, () -> new PresenceProcessor(settings), SOURCE);
        topology.addStateStore(lastSeenStore(), PROCESSOR);
        topology.addStateStore(onlineUsersStore(), PROCESSOR);
        topology.addStateStore(sessionsStore(settings.historyRetention()), PROCESSOR);
        topology.addStateStore(onlineMinutesStore(settings.historyRetention()), PROCESSOR);
        topology.addSink(SINK, Topics.CHANGES, Serdes.String().serializer(), JsonSerde.presenceChanges(), PROCESSOR);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, LastSeen>> lastSeenStore() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(LAST_SEEN_STORE), Serdes.String(), new LastSeenSerde())
                .withCachingDisabled();
    }

    /**
     * Kafka Streams keeps a windowed store's changelog for its retention plus a day
     * ({@code windowstore.changelog.additional.retention.ms}), so the history's changelogs follow its retention.
     */
    private static StoreBuilder<SessionStore<String, byte[]>> sessionsStore(Duration retention) {
        return Stores.sessionStoreBuilder(
                        Stores.persistentSessionStore(SESSIONS_STORE, retention), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled();
    }

    /**
     * Cached: a task writes the same minute at every transition, and the cache folds those writes into one per commit
     * (to RocksDB and the changelog alike, within the commit's transaction), so a restore replays minutes, not
     * transitions.
     */
    private static StoreBuilder<WindowStore<String, OnlineMinute>> onlineMinutesStore(Duration retention) {
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                ONLINE_MINUTES_STORE, retention, Duration.ofMillis(OnlineMinutes.MINUTE_MS), false),
                        Serdes.String(),
                        new OnlineMinuteSerde())
                .withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> onlineUsersStore() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ONLINE_USERS_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of(TopicConfig.DELETE_RETENTION_MS_CONFIG, ONLINE_USERS_DELETE_RETENTION_MS));
    }
}
