package io.presence.replay;

import io.presence.session.DeadlineIndex;
import io.presence.session.OfflineHorizon;
import io.presence.session.PresenceMachine;
import io.presence.session.Transitions;
import io.presence.user.PresenceRule;
import java.util.Arrays;
import java.util.OptionalLong;

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
    private Partition[] partitions = new Partition[0];

    HeartbeatReplay(PresenceRule rule, long toMs, Transitions transitions) {
        this.rule = rule;
        this.toMs = toMs;
        this.transitions = transitions;
    }

    /** One partition's machine, its users, and the newest heartbeat time read from it. */
    private static final class Partition {
        private final UserTable users = new UserTable();
        private final PresenceMachine machine;
        private long streamTimeMs = Long.MIN_VALUE;

        Partition(PresenceRule rule, Transitions transitions) {
            this.machine = new PresenceMachine(rule, users, new DeadlineIndex(), transitions);
        }
    }

    /** A heartbeat of the user whose id the UTF-8 bytes {@code userKey} spell; skipped when they are not a user id. */
    void heartbeat(int partitionNumber, byte[] userKey, long timestampMs) {
        Partition partition = partition(partitionNumber);
        String userId = partition.users.userOf(userKey);
        if (userId == null) {
            return;
        }
        PresenceMachine machine = partition.machine;
        machine.heartbeat(userId, timestampMs);
        if (timestampMs > partition.streamTimeMs) {
            partition.streamTimeMs = timestampMs;
            long horizonMs = OfflineHorizon.horizon(
                    Long.MAX_VALUE, timestampMs, OptionalLong.empty(), OfflineHorizon.REORDER_ALLOWANCE.toMillis());
            machine.decideBefore(Math.min(toMs, horizonMs), Integer.MAX_VALUE);
        }
    }

    private Partition partition(int number) {
        if (number >= partitions.length) {
            partitions = Arrays.copyOf(partitions, number + 1);
        }
        Partition partition = partitions[number];
        if (partition == null) {
            partition = new Partition(rule, transitions);
            partitions[number] = partition;
        }
        return partition;
    }

    /** Every heartbeat appended before {@code readEverythingBeforeMs} has been read: decide up to there. */
    void finish(long readEverythingBeforeMs) {
        long horizonMs = Math.min(toMs, readEverythingBeforeMs - OfflineHorizon.REORDER_ALLOWANCE.toMillis());
        for (Partition partition : partitions) {
            if (partition != null) {
                partition.machine.decideBefore(horizonMs, Integer.MAX_VALUE);
            }
        }
    }
}
