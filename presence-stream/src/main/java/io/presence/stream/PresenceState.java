package io.presence.stream;

import io.presence.event.PresenceChange;
import io.presence.user.PresenceRule;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * The state of one task and the only code that changes it, so that every transition updates it together and
 * publishes its change: last-seen (the truth, logged), online-users (logged, only written on transitions) and the
 * deadline index (in memory, rebuilt from the other two on start).
 */
final class PresenceState {
    private static final byte[] PRESENT = new byte[0];

    private final ProcessorContext<String, PresenceChange> context;
    private final KeyValueStore<String, LastSeen> lastSeen;
    private final KeyValueStore<String, byte[]> onlineUsers;
    private final DeadlineIndex deadlines = new DeadlineIndex();
    private final TopologyMetrics metrics;
    private final PresenceRule rule;

    PresenceState(ProcessorContext<String, PresenceChange> context, TopologyMetrics metrics, PresenceRule rule) {
        this.context = context;
        this.lastSeen = context.getStateStore(PresenceTopology.LAST_SEEN_STORE);
        this.onlineUsers = context.getStateStore(PresenceTopology.ONLINE_USERS_STORE);
        this.metrics = metrics;
        this.rule = rule;
    }

    @Nullable
    LastSeen get(String userId) {
        return lastSeen.get(userId);
    }

    DeadlineIndex deadlines() {
        return deadlines;
    }

    PresenceRule rule() {
        return rule;
    }

    /** A heartbeat of a user already online: only the time moves, the index entry stays where it is. */
    void touch(String userId, long heartbeatMs) {
        lastSeen.put(userId, new LastSeen(heartbeatMs, true));
    }

    /** Publishes {@code online} at the heartbeat's time; {@code indexed} says the user already has an index entry. */
    void markOnline(String userId, long heartbeatMs, boolean indexed) {
        lastSeen.put(userId, new LastSeen(heartbeatMs, true));
        onlineUsers.put(userId, PRESENT);
        if (!indexed) {
            deadlines.add(userId, rule.offlineAtMs(heartbeatMs));
        }
        Instant at = Instant.ofEpochMilli(heartbeatMs);
        context.forward(new Record<>(userId, PresenceChange.online(userId, at), heartbeatMs));
        metrics.onlineChange();
    }

    /** Publishes {@code offline} at {@code last_seen + offlineAfter}. The caller removes or keeps the index entry. */
    void markOffline(String userId, LastSeen seen) {
        long offlineAt = rule.offlineAtMs(seen.lastSeenMs());
        lastSeen.put(userId, new LastSeen(seen.lastSeenMs(), false));
        onlineUsers.delete(userId);
        context.forward(new Record<>(
                userId, PresenceChange.offline(userId, seen.lastSeen(), Instant.ofEpochMilli(offlineAt)), offlineAt));
        metrics.offlineChange();
    }

    /**
     * Fills the index from the online users after a restore. Reads only users online at the last commit, never the
     * whole last-seen store.
     */
    int rebuildIndex() {
        int count = 0;
        try (KeyValueIterator<String, byte[]> online = onlineUsers.all()) {
            while (online.hasNext()) {
                String userId = online.next().key;
                LastSeen seen = lastSeen.get(userId);
                if (seen != null && seen.online()) {
                    deadlines.add(userId, rule.offlineAtMs(seen.lastSeenMs()));
                    count++;
                }
            }
        }
        return count;
    }
}
