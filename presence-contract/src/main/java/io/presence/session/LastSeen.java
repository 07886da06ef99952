package io.presence.session;

import java.time.Instant;

/**
 * What the topology knows of one user: the time of the newest heartbeat, and whether the last change published for the
 * user was {@code online}.
 */
public record LastSeen(long lastSeenMs, boolean online) {
    public Instant lastSeen() {
        return Instant.ofEpochMilli(lastSeenMs);
    }
}
