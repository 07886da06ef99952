package io.presence.query.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.presence.event.PresenceStatus;
import io.presence.user.PresenceRule;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One user's status as answered to a query; {@code last_seen} is null for a user never seen. */
@JsonPropertyOrder({"user_id", "status", "last_seen"})
public record UserStatus(
        @JsonProperty("user_id") String userId,
        @JsonProperty("status") PresenceStatus status,

        @JsonProperty("last_seen") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
        Instant lastSeen) {

    /** The status at {@code now} by the presence rule, of a user last seen at {@code lastSeenMs} (null: never). */
    static UserStatus at(PresenceRule rule, long nowMs, String userId, @Nullable Long lastSeenMs) {
        return new UserStatus(
                userId, rule.statusAt(lastSeenMs, nowMs), lastSeenMs == null ? null : Instant.ofEpochMilli(lastSeenMs));
    }
}
