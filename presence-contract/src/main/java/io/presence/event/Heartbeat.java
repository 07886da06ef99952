package io.presence.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One sign of life from a user, as written to {@code presence.heartbeats}. {@code ts} is the gateway's receive time,
 * kept for diagnosis; the heartbeat's time — the user's {@code last_seen} — is the record's timestamp, which the broker
 * sets when it appends the record (the topic is LogAppendTime).
 */
public record Heartbeat(
        @JsonProperty("user_id") String userId,
        @JsonProperty("ts") Instant ts) {
    public Heartbeat {
        Objects.requireNonNull(userId, "user_id");
        Objects.requireNonNull(ts, "ts");
    }
}
