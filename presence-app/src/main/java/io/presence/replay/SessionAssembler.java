package io.presence.replay;

import io.presence.session.Transitions;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the transitions a replay decides into what it reports for {@code [fromMs, toMs)}: the transitions within it,
 * and the sessions overlapping it. A replay reads a little before {@code fromMs} (to know who came online after a
 * silence) and a little after {@code toMs} (for heartbeats a leader stamped slightly out of order); what it decides
 * there is context, not output.
 */
final class SessionAssembler implements Transitions {
    /** The user is online since before the interval, from an instant the replay cannot know. */
    private static final long BEFORE_INTERVAL = Long.MIN_VALUE;

    private final long fromMs;
    private final long toMs;
    private final ReplayOutput output;
    private final Map<String, Long> openSince = new HashMap<>();

    SessionAssembler(long fromMs, long toMs, ReplayOutput output) {
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.output = output;
    }

    @Override
    public void online(String userId, long atMs) {
        if (atMs >= toMs) {
            return;
        }
        openSince.put(userId, atMs >= fromMs ? atMs : BEFORE_INTERVAL);
        if (atMs >= fromMs) {
            output.online(userId, atMs);
        }
    }

    @Override
    public void offline(String userId, long lastSeenMs, long atMs) {
        Long since = openSince.remove(userId);
        if (atMs < fromMs || atMs >= toMs) {
            return;
        }
        output.offline(userId, lastSeenMs, atMs);
        output.session(new Session(userId, since == null || since == BEFORE_INTERVAL ? null : since, atMs));
    }

    /** The interval is over: the users still online are reported with open sessions. */
    void finish() {
        openSince.forEach(
                (userId, since) -> output.session(new Session(userId, since == BEFORE_INTERVAL ? null : since, null)));
        openSince.clear();
    }
}
