package io.presence.stream;

import io.presence.user.PresenceRule;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The presence tasks active in this process, by heartbeat partition, with the heartbeat log they are measured
 * against. Stream threads register their tasks; queries, readiness and statistics read them from any thread.
 */
final class LocalTasks {
    private static final long CATCH_UP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final HeartbeatLog log;
    private final LongSupplier wallClockMs;
    private final Map<Integer, TaskProgress> byPartition = new ConcurrentHashMap<>();

    /** @param wallClockMs the time queries are answered at, the same clock the log's looks are stamped with */
    public LocalTasks(HeartbeatLog log, LongSupplier wallClockMs) {
        this.log = log;
        this.wallClockMs = wallClockMs;
    }

    HeartbeatLog log() {
        return log;
    }

    TaskProgress started(int partition) {
        TaskProgress progress = new TaskProgress();
        byPartition.put(partition, progress);
        return progress;
    }

    void stopped(int partition, TaskProgress progress) {
        byPartition.remove(partition, progress);
    }

    public Optional<TaskProgress> of(int partition) {
        return Optional.ofNullable(byPartition.get(partition));
    }

    /** Empty when the task of this partition is active here and may answer {@code offline}; otherwise why not. */
    public Optional<String> notServingBecause(int partition) {
        return notServingBecause(partition, wallClockMs.getAsLong());
    }

    /**
     * Empty when the task of this partition may answer {@code offline} for a query asked at {@code askedAtMs}: it has
     * read every heartbeat appended over {@link PresenceRule#VISIBLE_WITHIN} before that instant.
     */
    Optional<String> notServingBecause(int partition, long askedAtMs) {
        TaskProgress progress = byPartition.get(partition);
        if (progress == null) {
            return Optional.of("is not processing here (restoring, or owned elsewhere)");
        }
        return progress.notServingBecause(log.recent(partition), askedAtMs);
    }

    /**
     * Waits, until {@code deadlineNanos} at most, for the task of this partition to be able to answer {@code offline}
     * for a query asked at {@code askedAtMs}. Under a load it keeps up with, a task is now and then a moment behind (a
     * commit, a collection): the query then waits that moment rather than failing. A task further behind than the
     * wait could make up (a restore, a real backlog) is not waited for.
     *
     * @return whether it can answer now
     */
    boolean awaitServing(int partition, long askedAtMs, long deadlineNanos) {
        while (notServingBecause(partition, askedAtMs).isPresent()) {
            long left = deadlineNanos - System.nanoTime();
            if (!mayCatchUpWithin(partition, askedAtMs, left)) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, CATCH_UP_POLL_NANOS));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the task is at most {@code leftNanos} of heartbeats short of what a query at askedAtMs needs; never once
     * the time is up.
     */
    private boolean mayCatchUpWithin(int partition, long askedAtMs, long leftNanos) {
        TaskProgress progress = byPartition.get(partition);
        if (progress == null) {
            return false;
        }
        long readBefore = progress.readEverythingBefore(log.recent(partition));
        long needed = askedAtMs - PresenceRule.VISIBLE_WITHIN.toMillis();
        return readBefore != Long.MIN_VALUE && needed - readBefore <= TimeUnit.NANOSECONDS.toMillis(leftNanos);
    }

    /** The partitions whose tasks process here now. */
    Set<Integer> activePartitions() {
        return Set.copyOf(byPartition.keySet());
    }

    /** Users online in the partitions active here, as of each task's last offline scan. */
    long onlineUsers() {
        return byPartition.values().stream()
                .mapToLong(TaskProgress::onlineUsers)
                .sum();
    }
}
