package io.presence.session;

/**
 * What a {@link PresenceMachine} decided: a user went online or offline. Live, each becomes a record of
 * {@code presence.changes} and a write to the history stores; in a replay, a line of output.
 */
public interface Transitions {
    /** The user went online at {@code atMs}, the time of the heartbeat that ended a silence. */
    void online(String userId, long atMs);

    /** The user, last seen at {@code lastSeenMs}, went offline at {@code atMs} ({@code last_seen + offlineAfter}). */
    void offline(String userId, long lastSeenMs, long atMs);
}
