package io.presence.query.routing;

import io.presence.stream.Instance;
import io.presence.stream.OnlineCurve;
import io.presence.stream.Seen;
import io.presence.stream.UserHistory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The other query-api instances, asked for what only they hold; an answer that fails completes exceptionally. */
public interface Peers {
    /** What the peer's copies know of these users; standby copies answer when allowed. */
    CompletableFuture<Map<String, Seen>> lastSeen(Instance peer, List<String> userIds, boolean allowStandby);

    /** How many users are online in the partitions the peer owns. */
    CompletableFuture<Long> onlineUsers(Instance peer);

    /** What the peer's copy of the user's partition knows of the user's sessions in {@code [fromMs, toMs]}. */
    CompletableFuture<UserHistory> history(Instance peer, String userId, long fromMs, long toMs, boolean allowStandby);

    /** Users online over time in the partitions the peer owns. */
    CompletableFuture<OnlineCurve> onlineCurve(Instance peer, long fromMs, long stepMs, int points);
}
