package io.presence.stream;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The presence tasks active in this process, by heartbeat partition, with the heartbeat log they are measured
 * against. Stream threads register their tasks; queries, readiness and statistics read them from any thread.
 */
final class LocalTasks {
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
        TaskProgress progress = byPartition.get(partition);
        if (progress == null) {
            return Optional.of("is not processing here (restoring, or owned elsewhere)");
        }
        return progress.notServingBecause(log.recent(partition), wallClockMs.getAsLong());
    }

    /** Users online in the partitions active here, as of each task's last offline scan. */
    long onlineUsers() {
        return byPartition.values().stream()
                .mapToLong(TaskProgress::onlineUsers)
                .sum();
    }
}
