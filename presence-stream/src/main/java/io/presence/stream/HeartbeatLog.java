package io.presence.stream;

import java.util.Optional;

/**
 * What the {@code presence.heartbeats} partitions looked like at a known instant. Offline decisions and offline answers
 * rest on it: a task that has processed up to the end offset seen at instant S has read every heartbeat appended
 * before S, however long ago the look was taken.
 */
@FunctionalInterface
public interface HeartbeatLog {
    /** The latest look at this partition; empty until the first one answered. */
    Optional<LogPosition> latest(int partition);
}
