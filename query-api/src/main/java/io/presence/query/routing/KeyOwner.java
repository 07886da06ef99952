package io.presence.query.routing;

import org.apache.kafka.streams.state.HostInfo;

/** Which instance can answer for a key right now. */
public sealed interface KeyOwner {
    /** This instance hosts the key's partition. */
    record Local(int partition) implements KeyOwner {
    }

    /** Another instance hosts it. */
    record Remote(HostInfo host, int partition) implements KeyOwner {
    }

    /** Nobody can answer yet (rebalance, restore, start-up). */
    record Unavailable(String reason) implements KeyOwner {
    }
}
