package io.presence.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/** One sign of life from a user, as written to {@code presence.heartbeats}: {@code ts} is the gateway's receive time. */
public record Heartbeat(@JsonProperty("user_id") String userId, @JsonProperty("ts") Instant ts) {
    public Heartbeat {
        Objects.requireNonNull(userId, "user_id");
        Objects.requireNonNull(ts, "ts");
    }
}
