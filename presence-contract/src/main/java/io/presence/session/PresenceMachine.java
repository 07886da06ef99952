package io.presence.session;

import io.presence.user.PresenceRule;

/**
 * The transition rules, written once: when a heartbeat starts a session, when silence ends one. The live topology and
 * the replay command both drive it with the heartbeats of a partition in log order and, between them, a horizon before
 * which every heartbeat has been read; given the same log they decide the same transitions at the same instants,
 * whenever the horizon moves.
 *
 * <p>A session starts at the first heartbeat after silence and ends at {@code last_seen + offlineAfter}. The machine
 * keeps what it knows of each user in {@link UserStates} and the online users in a {@link DeadlineIndex} ordered by the
 * instant they are due to be checked; it publishes every transition to {@link Transitions}.
 */
public final class PresenceMachine {
    private final PresenceRule rule;
    private final UserStates users;
    private final DeadlineIndex deadlines;
    private final Transitions transitions;

    public PresenceMachine(PresenceRule rule, UserStates users, DeadlineIndex deadlines, Transitions transitions) {
        this.rule = rule;
        this.users = users;
        this.deadlines = deadlines;
        this.transitions = transitions;
    }

    public PresenceRule rule() {
        return rule;
    }

    public DeadlineIndex deadlines() {
        return deadlines;
    }

    /**
     * A heartbeat of this user at {@code heartbeatMs}: the first after silence starts a session; later ones only move
     * last-seen forward, never backwards. A heartbeat that comes after a silence the horizon has not reached yet closes
     * the earlier session first, at the same instant the horizon would have.
     */
    public void heartbeat(String userId, long heartbeatMs) {
        LastSeen seen = users.get(userId);
        if (seen == null || !seen.online()) {
            if (seen == null || heartbeatMs > seen.lastSeenMs()) {
                startSession(userId, heartbeatMs, false);
            }
        } else if (!rule.isOnlineAt(seen.lastSeenMs(), heartbeatMs)) {
            // The index entry stays; when it comes due it moves to the new session's deadline.
            endSession(userId, seen);
            startSession(userId, heartbeatMs, true);
        } else if (heartbeatMs > seen.lastSeenMs()) {
            // Only the time moves: the index entry stays early and is moved when it comes due.
            users.put(userId, new LastSeen(heartbeatMs, true));
        }
    }

    /**
     * Ends the sessions of users silent since before {@code horizonMs}, at most {@code max} index entries in one call.
     *
     * @return how far decisions now go: the horizon, or the first undecided deadline when it stopped at {@code max}
     */
    public long decideBefore(long horizonMs, int max) {
        for (int handled = 0; handled < max; handled++) {
            DeadlineIndex.Entry entry = deadlines.pollDueBefore(horizonMs);
            if (entry == null) {
                return horizonMs;
            }
            decide(entry.userId(), horizonMs);
        }
        return Math.min(horizonMs, deadlines.earliestDeadlineMs());
    }

    /** Puts a user online before a restart back in the index, from what the stores kept. */
    public void resume(String userId, LastSeen seen) {
        deadlines.add(userId, rule.offlineAtMs(seen.lastSeenMs()));
    }

    private void decide(String userId, long horizonMs) {
        LastSeen seen = users.get(userId);
        if (seen == null || !seen.online()) {
            return;
        }
        if (rule.isOnlineAt(seen.lastSeenMs(), horizonMs)) {
            deadlines.add(userId, rule.offlineAtMs(seen.lastSeenMs()));
        } else {
            endSession(userId, seen);
        }
    }

    private void startSession(String userId, long heartbeatMs, boolean indexed) {
        users.put(userId, new LastSeen(heartbeatMs, true));
        if (!indexed) {
            deadlines.add(userId, rule.offlineAtMs(heartbeatMs));
        }
        transitions.online(userId, heartbeatMs);
    }

    private void endSession(String userId, LastSeen seen) {
        users.put(userId, new LastSeen(seen.lastSeenMs(), false));
        transitions.offline(userId, seen.lastSeenMs(), rule.offlineAtMs(seen.lastSeenMs()));
    }
}
