package io.presence.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one copy of a user's partition knows of the user's sessions in an interval: the closed ones overlapping it,
 * oldest first, the start of the open one if the user is online by the stores, and what the copy knows now
 * ({@link Seen}), which says when the open session ends. The same shape goes between instances as JSON.
 */
public record UserHistory(
        @JsonProperty("closed") List<Session> closed,
        @JsonProperty("open_since_ms") @Nullable Long openSinceMs,
        @JsonProperty("seen") Seen seen) {
    public UserHistory {
        closed = List.copyOf(closed);
    }

    /** One closed session: from the heartbeat that ended a silence to {@code last_seen + offlineAfter}. */
    public record Session(
            @JsonProperty("start_ms") long startMs,
            @JsonProperty("end_ms") long endMs) {}
}
