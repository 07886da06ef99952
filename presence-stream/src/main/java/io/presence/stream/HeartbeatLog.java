package io.presence.stream;

import java.time.Duration;
import java.util.List;

/**
 * What the {@code presence.heartbeats} partitions looked like at known instants. Offline decisions and offline answers
 * rest on it: a task that has processed up to the end offset seen at instant S has read every heartbeat appended
 * before S, however long ago the look was taken.
 */
@FunctionalInterface
interface HeartbeatLog {
    /** How often the log is looked at. */
    Duration LOOK_EVERY = Duration.ofMillis(100);
    /** How far back {@link #recent} reaches. */
    Duration HISTORY = Duration.ofSeconds(3);

    /** The looks at this partition of about the last {@link #HISTORY}, oldest first; empty until one answered. */
    List<LogPosition> recent(int partition);
}
