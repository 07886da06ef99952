package io.presence.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.presence.event.PresenceStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The bodies of the history endpoints, as the OpenAPI document describes them. */
final class HistoryViews {
    private HistoryViews() {}

    /** One online session; {@code end} is null while the user is still online. */
    @JsonPropertyOrder({"start", "end"})
    record SessionView(
            @JsonProperty("start") Instant start,

            @JsonProperty("end") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            Instant end) {
        static SessionView of(HistoryReader.Session session) {
            return new SessionView(
                    Instant.ofEpochMilli(session.startMs()),
                    session.endMs() == null ? null : Instant.ofEpochMilli(session.endMs()));
        }
    }

    /** {@code GET /history/user/{id}}: the sessions overlapping the interval, oldest first. */
    @JsonPropertyOrder({"user_id", "from", "to", "sessions"})
    record UserSessions(
            @JsonProperty("user_id") String userId,
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("sessions") List<SessionView> sessions) {}

    /**
     * {@code GET /status/user/{id}?at=}: the status at a past instant; {@code last_seen} is the newest heartbeat the
     * history holds at or before it (a session's first or last), {@code session} the one covering it.
     */
    @JsonPropertyOrder({"user_id", "at", "status", "last_seen", "session"})
    record PastStatus(
            @JsonProperty("user_id") String userId,
            @JsonProperty("at") Instant at,
            @JsonProperty("status") PresenceStatus status,

            @JsonProperty("last_seen") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            Instant lastSeen,

            @JsonProperty("session") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            SessionView session) {}

    /** One point of the online curve: the count at its instant and the peak within its step. */
    @JsonPropertyOrder({"at", "online", "peak"})
    record OnlinePoint(
            @JsonProperty("at") Instant at,
            @JsonProperty("online") long online,
            @JsonProperty("peak") long peak) {}

    /** {@code GET /stats/online}. */
    @JsonPropertyOrder({"from", "to", "step", "points"})
    record OnlineSeries(
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("step") String step,
            @JsonProperty("points") List<OnlinePoint> points) {}
}
