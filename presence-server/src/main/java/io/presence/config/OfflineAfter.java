package io.presence.config;

import java.time.Duration;

/**
 * {@code PRESENCE_OFFLINE_AFTER}, read the same way by both processes. Below a second, clients would beat faster than a
 * network round trip allows; above an hour, "online" would mean nothing.
 */
public final class OfflineAfter {
    public static final String NAME = "PRESENCE_OFFLINE_AFTER";
    public static final Duration DEFAULT = Duration.ofSeconds(10);
    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofHours(1);

    private OfflineAfter() {}

    public static Duration fromEnv(Env env) {
        return env.durationInRange(NAME, DEFAULT, MIN, MAX);
    }
}
