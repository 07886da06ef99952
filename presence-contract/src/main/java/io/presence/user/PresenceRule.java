package io.presence.user;

import io.presence.event.PresenceStatus;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The contract's presence rule, stated once: a user is online while their newest heartbeat is at most
 * {@code offlineAfter} old, the offline instant is {@code last_seen + offlineAfter}, and an {@code offline} answer is
 * decided only by a copy that has read every heartbeat appended more than {@link #VISIBLE_WITHIN} ago. The stream's
 * processor and detector, the status queries, and replays of the history all ask it.
 *
 * @param offlineAfter {@code PRESENCE_OFFLINE_AFTER}: the silence after which a user is offline
 */
public record PresenceRule(Duration offlineAfter) {
    /** The contract's bound: a heartbeat answered 202 is visible to status queries within this. */
    public static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);

    public PresenceRule {
        if (offlineAfter.toMillis() < 1) {
            throw new IllegalArgumentException("offlineAfter must be at least 1 ms, not " + offlineAfter);
        }
    }

    public long offlineAfterMs() {
        return offlineAfter.toMillis();
    }

    /** The instant a user seen last at {@code lastSeenMs} goes offline, unless another heartbeat comes first. */
    public long offlineAtMs(long lastSeenMs) {
        return lastSeenMs + offlineAfterMs();
    }

    /** Online exactly while {@code nowMs - lastSeenMs <= offlineAfter}: still online at the offline instant itself. */
    public boolean isOnlineAt(long lastSeenMs, long nowMs) {
        return nowMs <= offlineAtMs(lastSeenMs);
    }

    /** The status at {@code nowMs} of a user last seen at {@code lastSeenMs}; {@code null} means never seen. */
    public PresenceStatus statusAt(@Nullable Long lastSeenMs, long nowMs) {
        return lastSeenMs != null && isOnlineAt(lastSeenMs, nowMs) ? PresenceStatus.ONLINE : PresenceStatus.OFFLINE;
    }

    /**
     * Whether a copy that has read every heartbeat appended before {@code readEverythingBeforeMs} may answer
     * {@code offline} at {@code nowMs}: only then can no heartbeat answered 202 over {@link #VISIBLE_WITHIN} ago be
     * missing from it. {@code Long.MIN_VALUE} means it has read nothing of the kind yet.
     */
    public static boolean offlineAnswerDecided(long readEverythingBeforeMs, long nowMs) {
        return readEverythingBeforeMs != Long.MIN_VALUE && nowMs - readEverythingBeforeMs <= VISIBLE_WITHIN.toMillis();
    }
}
