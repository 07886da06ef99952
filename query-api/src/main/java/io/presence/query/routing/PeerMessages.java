package io.presence.query.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.presence.stream.Seen;
import java.util.List;
import java.util.Map;

/** The bodies query-api instances exchange on the internal endpoints; one shape, written and read by both sides. */
public final class PeerMessages {
    private PeerMessages() {}

    /** {@code POST /internal/last-seen}: the users asked for. */
    public record LastSeenQuery(@JsonProperty("ids") List<String> ids) {}

    /** Its answer: per user, what the copies of the answering instance know. */
    public record LastSeenAnswer(@JsonProperty("users") Map<String, Seen> users) {}

    /** {@code GET /internal/online}: users online in the partitions the answering instance owns. */
    public record OnlineAnswer(@JsonProperty("online") long online) {}
}
