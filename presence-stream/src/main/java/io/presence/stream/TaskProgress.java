package io.presence.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far one active task has read its heartbeat partition, published by its stream thread for queries to read: what
 * it may decide (offline changes) and what it may answer ({@code offline} only when that cannot be wrong).
 *
 * <p>The contract makes a heartbeat answered 202 visible to queries within {@link #VISIBLE_WITHIN}. So an
 * {@code offline} answer is safe exactly while every heartbeat appended longer ago than that has been read: the task
 * serves while no look at the log older than {@link #UNREAD_AT_MOST} shows records it has not processed, and while it
 * can see the log at all. A few hundred records read a moment late (a garbage collection, a commit) change nothing; a
 * consumer stuck behind a leader move, a restore or a real backlog does, however few records it is.
 */
public final class TaskProgress {
    /** The contract's bound: a heartbeat answered 202 is visible to status queries within this. */
    public static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);
    /** Unread records older than this, or no look at the log for this long, and the task stops answering offline. */
    static final Duration UNREAD_AT_MOST = VISIBLE_WITHIN.minus(HeartbeatLog.LOOK_EVERY);

    private final long startedAtMs;
    private volatile long nextOffset;
    private volatile boolean caughtUp;
    private volatile long decidedUntilMs = Long.MIN_VALUE;
    private volatile long onlineUsers;

    TaskProgress(long startedAtMs) {
        this.startedAtMs = startedAtMs;
    }

    /** The record at {@code offset} has been processed. */
    void processed(long offset) {
        nextOffset = offset + 1;
    }

    /**
     * The latest instant before which every heartbeat appended to the partition has been processed here, according to
     * these looks at the log; empty when the task has reached none of them. Reaching a look taken after the task
     * started is what makes it caught up.
     */
    OptionalLong readEverythingAppendedBefore(List<LogPosition> looks) {
        OptionalLong newestReached = OptionalLong.empty();
        for (LogPosition look : looks) {
            if (position(look) >= look.endOffset()) {
                newestReached = OptionalLong.of(look.observedAtMs());
                if (look.observedAtMs() >= startedAtMs) {
                    caughtUp = true;
                }
            }
        }
        return newestReached;
    }

    /** Empty when this task's answers may say {@code offline} at {@code nowMs}; otherwise why not. */
    Optional<String> notServingBecause(List<LogPosition> looks, long nowMs) {
        if (!caughtUp) {
            return Optional.of("is still catching up on its heartbeats");
        }
        if (looks.isEmpty() || nowMs - looks.get(looks.size() - 1).observedAtMs() > UNREAD_AT_MOST.toMillis()) {
            return Optional.of("cannot see its heartbeat partition right now");
        }
        for (LogPosition look : looks) {
            if (position(look) < look.endOffset() && nowMs - look.observedAtMs() > UNREAD_AT_MOST.toMillis()) {
                return Optional.of("has heartbeats unread for over " + UNREAD_AT_MOST.toMillis() + " ms ("
                        + (look.endOffset() - position(look)) + " records)");
            }
        }
        return Optional.empty();
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
