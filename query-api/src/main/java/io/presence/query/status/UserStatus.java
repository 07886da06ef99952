package io.presence.query.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.presence.event.PresenceStatus;
import java.time.Duration;
import java.time.Instant;

/** One user's status as answered to a query; {@code last_seen} is null for a user never seen. */
@JsonPropertyOrder({"user_id", "status", "last_seen"})
public record UserStatus(
        @JsonProperty("user_id") String userId,
        @JsonProperty("status") PresenceStatus status,
        @JsonProperty("last_seen") @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastSeen) {

    /** Online exactly when {@code now - lastSeen <= offlineAfter}, decided at query time. */
    static UserStatus at(Instant now, String userId, Instant lastSeen, Duration offlineAfter) {
        if (lastSeen == null) {
            return new UserStatus(userId, PresenceStatus.OFFLINE, null);
        }
        boolean online = Duration.between(lastSeen, now).compareTo(offlineAfter) <= 0;
        return new UserStatus(userId, online ? PresenceStatus.ONLINE : PresenceStatus.OFFLINE, lastSeen);
    }
}
