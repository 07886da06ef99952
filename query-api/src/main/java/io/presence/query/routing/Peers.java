package io.presence.query.routing;

import io.presence.stream.Instance;
import io.presence.stream.Seen;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The other query-api instances, asked for what only they hold; an answer that fails completes exceptionally. */
public interface Peers {
    /** What the peer's copies know of these users; standby copies answer when allowed. */
    CompletableFuture<Map<String, Seen>> lastSeen(Instance peer, List<String> userIds, boolean allowStandby);

    /** How many users are online in the partitions the peer owns. */
    CompletableFuture<Long> onlineUsers(Instance peer);
}
