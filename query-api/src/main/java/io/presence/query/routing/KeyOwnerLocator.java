package io.presence.query.routing;

import io.presence.query.streams.PresenceStreams;
import java.util.List;
import org.apache.kafka.streams.KeyQueryMetadata;

/** The one place that answers "who owns this user's state?", from Kafka Streams' metadata. */
public final class KeyOwnerLocator {
    private final PresenceStreams streams;

    public KeyOwnerLocator(PresenceStreams streams) {
        this.streams = streams;
    }

    /** The placement of a key; a 503 problem while nobody owns it (start-up, rebalance). */
    public KeyPlacement locate(String userId) {
        KeyQueryMetadata metadata = streams.metadataFor(userId);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            throw Unavailable.because("the owner of user " + userId + " is not known yet (start-up or rebalance)");
        }
        return new KeyPlacement(userId, metadata.partition(), metadata.activeHost(), List.copyOf(metadata.standbyHosts()));
    }
}
