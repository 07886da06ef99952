package io.presence.gateway.heartbeat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.presence.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Refuses, with 429, a user who sends far more heartbeats than asked for: more than {@value #MAX_PER_WINDOW} in one
 * {@code PRESENCE_OFFLINE_AFTER} window, where a well-behaved client sends two. One small entry per recently active
 * user, at most {@value #MAX_TRACKED_USERS} of them; a user pushed out simply starts a fresh window.
 */
final class HeartbeatRateLimiter {
    static final int MAX_PER_WINDOW = 10;
    static final int MAX_TRACKED_USERS = 500_000;

    private final Cache<String, Window> windows;
    private final Clock clock;
    private final long windowMs;

    /** The count of heartbeats of one user since the window began. */
    private record Window(long startMs, int count) {}

    HeartbeatRateLimiter(Duration window, Clock clock) {
        this.windowMs = window.toMillis();
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED_USERS)
                .expireAfterWrite(window)
                .build();
    }

    /** Counts this heartbeat, or throws 429 with the seconds until the user's window ends. */
    void acquire(String userId) {
        long now = clock.millis();
        Window window = windows.asMap()
                .compute(
                        userId,
                        (user, current) -> current == null || now - current.startMs() >= windowMs
                                ? new Window(now, 1)
                                : new Window(current.startMs(), current.count() + 1));
        if (window.count() > MAX_PER_WINDOW) {
            long retryAfterSeconds = Math.max(1, (window.startMs() + windowMs - now + 999) / 1000);
            throw ProblemException.of(
                    429,
                    "rate-limited",
                    "Too many heartbeats",
                    "Send a heartbeat every next_heartbeat_ms (" + windowMs / 2 + " ms); this user sent more than "
                            + MAX_PER_WINDOW + " in " + windowMs + " ms",
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }
}
