package io.presence.stream;

import io.presence.user.PresenceRule;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far one active task has read its heartbeat partition, published by its stream thread for queries to read: what
 * it may decide (offline changes) and what it may answer ({@code offline} only when that cannot be wrong).
 *
 * <p>A 202 comes once a heartbeat is committed (below the high watermark), and the presence rule says when a copy
 * may answer {@code offline} ({@link PresenceRule#offlineAnswerDecided}): once it has read every heartbeat committed
 * before {@code now - VISIBLE_WITHIN}. The task knows that instant two ways, both exact because a partition is stamped
 * in append order: the newest look at the log whose end offset it has reached, and the append time of the newest
 * heartbeat it has processed. A few hundred records read a moment late (a garbage collection, a commit) change nothing;
 * a consumer stuck behind a leader move, a restore or a real backlog does, however few records it is.
 */
final class TaskProgress {
    private static final long VISIBLE_WITHIN_MS = PresenceRule.VISIBLE_WITHIN.toMillis();

    private volatile long nextOffset;
    private volatile long newestAppendTimeMs = Long.MIN_VALUE;
    private volatile long decidedUntilMs = Long.MIN_VALUE;
    private volatile long onlineUsers;

    TaskProgress() {}

    /**
     * The record at {@code offset}, appended at {@code appendTimeMs}, has been processed and its effect is in the
     * state.
     */
    void processed(long offset, long appendTimeMs) {
        nextOffset = offset + 1;
        if (appendTimeMs > newestAppendTimeMs) {
            newestAppendTimeMs = appendTimeMs;
        }
    }

    /**
     * The newest instant at which a look at the log found an end offset this task has reached: every heartbeat
     * appended before it has been processed here. Empty when the task has reached none of them.
     */
    OptionalLong readEverythingAppendedBefore(List<LogPosition> looks) {
        OptionalLong newestReached = OptionalLong.empty();
        for (LogPosition look : looks) {
            if (position(look) >= look.endOffset()) {
                newestReached = OptionalLong.of(look.observedAtMs());
            }
        }
        return newestReached;
    }

    /**
     * Every heartbeat appended before the returned instant has been processed here ({@code Long.MIN_VALUE}: no such
     * instant is known yet).
     */
    long readEverythingBefore(List<LogPosition> looks) {
        return Math.max(readEverythingAppendedBefore(looks).orElse(Long.MIN_VALUE), newestAppendTimeMs);
    }

    /** Empty when this task's answers may say {@code offline} at {@code nowMs}; otherwise why not. */
    Optional<String> notServingBecause(List<LogPosition> looks, long nowMs) {
        if (PresenceRule.offlineAnswerDecided(readEverythingBefore(looks), nowMs)) {
            return Optional.empty();
        }
        if (looks.isEmpty() || nowMs - looks.get(looks.size() - 1).observedAtMs() > VISIBLE_WITHIN_MS) {
            return Optional.of("cannot see its heartbeat partition right now");
        }
        if (readEverythingAppendedBefore(looks).isEmpty()) {
            return Optional.of("is still catching up on its heartbeats");
        }
        LogPosition latest = looks.get(looks.size() - 1);
        return Optional.of("has heartbeats appended over " + VISIBLE_WITHIN_MS + " ms ago still unread ("
                + Math.max(0, latest.endOffset() - position(latest)) + " records behind)");
    }

    /** Every record below the returned offset is reflected in this task's state. */
    private long position(LogPosition look) {
        return Math.max(nextOffset, look.committedOffset());
    }

    void decidedUntil(long horizonMs) {
        decidedUntilMs = horizonMs;
    }

    /** Users whose offline instant lies before this have been decided ({@code Long.MIN_VALUE}: none yet). */
    public long decidedUntilMs() {
        return decidedUntilMs;
    }

    void onlineUsers(long count) {
        onlineUsers = count;
    }

    /** Users online in this task's partition, as of its last offline scan. */
    public long onlineUsers() {
        return onlineUsers;
    }
}
