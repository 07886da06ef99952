package io.presence.replay;

import io.presence.session.DeadlineIndex;
import io.presence.session.LastSeen;
import io.presence.session.OfflineHorizon;
import io.presence.session.PresenceMachine;
import io.presence.session.Transitions;
import io.presence.session.UserStates;
import io.presence.user.PresenceRule;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Replays heartbeats through the same {@link PresenceMachine} as the live topology, one machine per partition as one
 * task per partition live: each partition's records in log order, and between them a horizon that follows the
 * partition's stream time less the same reorder allowance. Decisions never go past {@code toMs}, the end of the
 * interval asked for.
 */
final class HeartbeatReplay {
    private final PresenceRule rule;
    private final long toMs;
    private final Transitions transitions;
    private final Map<Integer, Partition> partitions = new HashMap<>();

    HeartbeatReplay(PresenceRule rule, long toMs, Transitions transitions) {
        this.rule = rule;
        this.toMs = toMs;
        this.transitions = transitions;
    }

    /** One partition's machine, its users, and the newest heartbeat time read from it. */
    private static final class Partition implements UserStates {
        private final Map<String, LastSeen> users = new HashMap<>();
        private final PresenceMachine machine;
        private long streamTimeMs = Long.MIN_VALUE;

        Partition(PresenceRule rule, Transitions transitions) {
            this.machine = new PresenceMachine(rule, this, new DeadlineIndex(), transitions);
        }

        @Override
        public @Nullable LastSeen get(String userId) {
            return users.get(userId);
        }

        @Override
        public void put(String userId, LastSeen seen) {
            users.put(userId, seen);
        }
    }

    void heartbeat(int partitionNumber, String userId, long timestampMs) {
        Partition partition = partitions.computeIfAbsent(partitionNumber, p -> new Partition(rule, transitions));
        PresenceMachine machine = partition.machine;
        machine.heartbeat(userId, timestampMs);
        if (timestampMs > partition.streamTimeMs) {
            partition.streamTimeMs = timestampMs;
            long horizonMs = OfflineHorizon.horizon(
                    Long.MAX_VALUE, timestampMs, OptionalLong.empty(), OfflineHorizon.REORDER_ALLOWANCE.toMillis());
            machine.decideBefore(Math.min(toMs, horizonMs), Integer.MAX_VALUE);
        }
    }

    /** Every heartbeat appended before {@code readEverythingBeforeMs} has been read: decide up to there. */
    void finish(long readEverythingBeforeMs) {
        long horizonMs = Math.min(toMs, readEverythingBeforeMs - OfflineHorizon.REORDER_ALLOWANCE.toMillis());
        partitions.values().forEach(partition -> partition.machine.decideBefore(horizonMs, Integer.MAX_VALUE));
    }

    /** Users the replay holds state for: what its memory grows with. */
    long users() {
        return partitions.values().stream().mapToLong(p -> p.users.size()).sum();
    }
}
