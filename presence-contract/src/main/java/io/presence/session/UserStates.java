package io.presence.session;

import org.jspecify.annotations.Nullable;

/** Where a {@link PresenceMachine} keeps what it knows of each user: a state store live, a map in a replay. */
public interface UserStates {
    /** What is known of this user, or null for a user never seen. */
    @Nullable
    LastSeen get(String userId);

    void put(String userId, LastSeen seen);
}
