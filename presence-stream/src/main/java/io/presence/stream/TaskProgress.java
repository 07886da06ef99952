package io.presence.stream;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far one active task has read its heartbeat partition, published by its stream thread for queries to read: what
 * it may decide (offline changes) and what it may answer ({@code offline} only once it has caught up).
 *
 * <p>A task catches up when it has processed everything the partition held at an instant after the task started.
 * From then on it serves every answer until its backlog grows past {@link #MAX_SERVING_BACKLOG} records: a garbage
 * collection or a commit pause delays a few hundred records, not a whole threshold's worth, and must not make the
 * instance unavailable.
 */
public final class TaskProgress {
    /** Heartbeats unread in the partition beyond which the task stops answering {@code offline}. */
    public static final long MAX_SERVING_BACKLOG = 10_000;

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
     * The instant before which every heartbeat appended to the partition has been processed here, according to this
     * look at the log; empty when the task is behind it or there is no look yet.
     */
    OptionalLong readEverythingAppendedBefore(Optional<LogPosition> look) {
        if (look.isEmpty() || position(look.get()) < look.get().endOffset()) {
            return OptionalLong.empty();
        }
        if (look.get().observedAtMs() >= startedAtMs) {
            caughtUp = true;
        }
        return OptionalLong.of(look.get().observedAtMs());
    }

    /** Empty when this task's answers may say {@code offline} now; otherwise why not. */
    Optional<String> notServingBecause(Optional<LogPosition> latest) {
        if (!caughtUp) {
            return Optional.of("is still catching up on its heartbeats");
        }
        long backlog = latest.map(look -> look.endOffset() - position(look)).orElse(0L);
        if (backlog > MAX_SERVING_BACKLOG) {
            return Optional.of("is " + backlog + " heartbeats behind");
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
