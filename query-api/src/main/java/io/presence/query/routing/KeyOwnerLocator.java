package io.presence.query.routing;

import io.presence.query.streams.PresenceStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** The one place that answers "who owns this user's state?", from Kafka Streams' metadata and our advertised address. */
public final class KeyOwnerLocator {
    private final PresenceStreams streams;

    public KeyOwnerLocator(PresenceStreams streams) {
        this.streams = streams;
    }

    public KeyOwner locate(String userId) {
        KeyQueryMetadata metadata = streams.metadataFor(userId);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null) {
            return new KeyOwner.Unavailable("the owner of this user's state is not known yet (start-up or rebalance)");
        }
        HostInfo active = metadata.activeHost();
        if (active.equals(streams.self())) {
            return new KeyOwner.Local(metadata.partition());
        }
        return new KeyOwner.Remote(active, metadata.partition());
    }
}
