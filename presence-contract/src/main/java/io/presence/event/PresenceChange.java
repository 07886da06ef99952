package io.presence.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One online/offline transition of a user, as published on {@code presence.changes}. An online change happens at the
 * heartbeat's time; an offline change at {@code last_seen + PRESENCE_OFFLINE_AFTER}.
 */
@JsonPropertyOrder({"user_id", "status", "at", "last_seen"})
public record PresenceChange(
        @JsonProperty("user_id") String userId,
        @JsonProperty("status") PresenceStatus status,
        @JsonProperty("at") Instant at,
        @JsonProperty("last_seen") Instant lastSeen) {

    public static PresenceChange online(String userId, Instant heartbeatTime) {
        return new PresenceChange(userId, PresenceStatus.ONLINE, heartbeatTime, heartbeatTime);
    }

    public static PresenceChange offline(String userId, Instant lastSeen, Instant at) {
        return new PresenceChange(userId, PresenceStatus.OFFLINE, at, lastSeen);
    }
}
