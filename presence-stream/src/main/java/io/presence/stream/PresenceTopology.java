package io.presence.stream;

import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the presence topology: {@code presence.heartbeats} → last-seen per user → {@code presence.changes}.
 * A pure factory: no I/O, no {@code KafkaStreams}, so tests and the query-api build the very same topology.
 */
final class PresenceTopology {
    /** User id → {@link LastSeen}; the store that status queries read. */
    static final String LAST_SEEN_STORE = "last-seen";
    /** The users online now; only written on transitions. */
    static final String ONLINE_USERS_STORE = "online-users";

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
        topology.addSink(SINK, Topics.CHANGES, Serdes.String().serializer(), JsonSerde.presenceChanges(), PROCESSOR);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, LastSeen>> lastSeenStore() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(LAST_SEEN_STORE), Serdes.String(), new LastSeenSerde())
                .withCachingDisabled();
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> onlineUsersStore() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ONLINE_USERS_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of(TopicConfig.DELETE_RETENTION_MS_CONFIG, ONLINE_USERS_DELETE_RETENTION_MS));
    }
}
