package io.presence.stream;

import io.presence.event.PresenceChange;
import io.presence.session.LastSeen;
import io.presence.session.PresenceMachine;
import io.presence.session.Transitions;
import io.presence.session.UserStates;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.jspecify.annotations.Nullable;

/**
 * The stores of one task, as the {@link PresenceMachine} sees them, and what each transition writes: last-seen (the
 * truth, per heartbeat), and on transitions only the online users with their session start, the closed sessions, the
 * online count per minute and the record of {@code presence.changes}.
 */
final class PresenceState implements UserStates, Transitions {
    private final ProcessorContext<String, PresenceChange> context;
    private final KeyValueStore<String, LastSeen> lastSeen;
    private final KeyValueStore<String, byte[]> onlineUsers;
    private final SessionStore<String, byte[]> sessions;
    private final OnlineMinutes onlineMinutes;
    private final TopologyMetrics metrics;

    PresenceState(ProcessorContext<String, PresenceChange> context, TopologyMetrics metrics) {
        this.context = context;
        this.lastSeen = context.getStateStore(PresenceTopology.LAST_SEEN_STORE);
        this.onlineUsers = context.getStateStore(PresenceTopology.ONLINE_USERS_STORE);
        this.sessions = context.getStateStore(PresenceTopology.SESSIONS_STORE);
        this.onlineMinutes = new OnlineMinutes(context.getStateStore(PresenceTopology.ONLINE_MINUTES_STORE));
        this.metrics = metrics;
    }

    @Override
    public @Nullable LastSeen get(String userId) {
        return lastSeen.get(userId);
    }

    @Override
    public void put(String userId, LastSeen seen) {
        lastSeen.put(userId, seen);
    }

    @Override
    public void online(String userId, long atMs) {
        onlineUsers.put(userId, OnlineSince.encode(atMs));
        onlineMinutes.changed(atMs, +1);
        context.forward(new Record<>(userId, PresenceChange.online(userId, Instant.ofEpochMilli(atMs)), atMs));
        metrics.onlineChange();
    }

    @Override
    public void offline(String userId, long lastSeenMs, long atMs) {
        long startMs = OnlineSince.decode(onlineUsers.get(userId), lastSeenMs);
        onlineUsers.delete(userId);
        sessions.put(new Windowed<>(userId, new Sessions.Span(startMs, atMs)), Sessions.CLOSED);
        onlineMinutes.changed(atMs, -1);
        context.forward(new Record<>(
                userId,
                PresenceChange.offline(userId, Instant.ofEpochMilli(lastSeenMs), Instant.ofEpochMilli(atMs)),
                atMs));
        metrics.offlineChange();
    }

    /**
     * Writes once to each history store of the task, changing nothing anyone reads: an empty session of the empty id,
     * which is no user's, and the current minute with no change. Kafka Streams checkpoints a windowed store's changelog
     * offset only when the store was written since the task started; a store it finds on disk without one is treated as
     * corrupted under exactly-once, and the whole task is wiped and restored at the next start (measured: a clean stop
     * and start restored the stores of every task whose history had not changed).
     */
    void markHistoryWritten(long nowMs) {
        sessions.put(new Windowed<>(Sessions.NOBODY, new Sessions.Span(nowMs, nowMs)), Sessions.CLOSED);
        onlineMinutes.changed(nowMs, 0);
    }

    /**
     * Puts the users online at the last commit back in the machine's index after a restore, and tells the online
     * count how many there are. Reads only those users, never the whole last-seen store.
     */
    int resumeOnlineUsers(PresenceMachine machine) {
        int count = 0;
        try (KeyValueIterator<String, byte[]> online = onlineUsers.all()) {
            while (online.hasNext()) {
                String userId = online.next().key;
                LastSeen seen = lastSeen.get(userId);
                if (seen != null && seen.online()) {
                    machine.resume(userId, seen);
                    count++;
                }
            }
        }
        onlineMinutes.resume(count);
        return count;
    }
}
