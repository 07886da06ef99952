package io.presence.query.status;

import io.presence.query.routing.Peers;
import io.presence.stream.Instance;
import io.presence.stream.KeyPlacement;
import io.presence.stream.PresenceStore;
import io.presence.stream.Seen;
import io.presence.stream.StateUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A cluster of instances in memory for the status reader: which instance owns (and keeps standby copies of) each
 * user, what each copy knows, and which copies cannot answer now. It plays both the local store and the peers.
 */
final class FakeCluster implements PresenceStore, Peers {
    static final Instance HERE = new Instance("here", 1);
    static final Instance OTHER = new Instance("other", 2);
    static final Instance THIRD = new Instance("third", 3);
    /** Named by a placement, but not a member of the group. */
    static final Instance STRANGER = new Instance("stranger.example", 6666);

    private final Map<String, KeyPlacement> placements = new HashMap<>();
    /** instance -> user -> last seen (ms); a missing user was never seen. */
    private final Map<Instance, Map<String, Long>> copies = new HashMap<>();

    private final Set<Instance> activeDown = new HashSet<>();
    private final Set<Instance> standbyDown = new HashSet<>();
    private final Set<Instance> caughtUp = new HashSet<>();
    private final Map<Instance, Long> online = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    /** {@code userId} lives in partition {@code partition}, owned by {@code active}, copied on {@code standbys}. */
    FakeCluster place(String userId, int partition, Instance active, Instance... standbys) {
        placements.put(userId, new KeyPlacement(userId, partition, active, List.of(standbys)));
        return this;
    }

    FakeCluster seen(Instance copy, String userId, long lastSeenMs) {
        copies.computeIfAbsent(copy, i -> new HashMap<>()).put(userId, lastSeenMs);
        return this;
    }

    /** The active tasks of this instance have read the heartbeat log: they may prove offline. */
    FakeCluster caughtUp(Instance instance) {
        caughtUp.add(instance);
        return this;
    }

    FakeCluster activeCannotAnswer(Instance instance) {
        activeDown.add(instance);
        return this;
    }

    FakeCluster standbyCannotAnswer(Instance instance) {
        standbyDown.add(instance);
        return this;
    }

    FakeCluster online(Instance instance, long users) {
        online.put(instance, users);
        return this;
    }

    private Map<String, Seen> answer(Instance instance, List<String> userIds, boolean allowStandby) {
        calls.add(instance + (allowStandby ? " standby" : " active") + " " + userIds);
        if (allowStandby ? standbyDown.contains(instance) : activeDown.contains(instance)) {
            throw new StateUnavailableException(instance + " cannot answer");
        }
        for (String id : userIds) {
            KeyPlacement placement = placementOf(id);
            boolean hasCopy = placement.active().equals(instance)
                    || allowStandby && placement.standbys().contains(instance);
            if (!hasCopy) {
                throw new StateUnavailableException(instance + " has no copy of the state of " + id);
            }
        }
        Map<String, Seen> found = new HashMap<>();
        for (String id : userIds) {
            Long lastSeen = copies.getOrDefault(instance, Map.of()).get(id);
            found.put(id, new Seen(lastSeen, !allowStandby && caughtUp.contains(instance)));
        }
        return found;
    }

    @Override
    public Instance self() {
        return HERE;
    }

    @Override
    public KeyPlacement placementOf(String userId) {
        KeyPlacement placement = placements.get(userId);
        if (placement == null) {
            throw new StateUnavailableException("the owner of user " + userId + " is not known yet");
        }
        return placement;
    }

    @Override
    public Map<String, Seen> lastSeenHere(Map<Integer, List<String>> idsByPartition, boolean allowStandby) {
        return answer(
                HERE,
                idsByPartition.values().stream().flatMap(List::stream).sorted().toList(),
                allowStandby);
    }

    @Override
    public long onlineUsersHere() {
        return online.getOrDefault(HERE, 0L);
    }

    @Override
    public List<Instance> allInstances() {
        return List.of(HERE, OTHER, THIRD);
    }

    @Override
    public CompletableFuture<Map<String, Seen>> lastSeen(Instance peer, List<String> userIds, boolean allowStandby) {
        try {
            return CompletableFuture.completedFuture(
                    answer(peer, userIds.stream().sorted().toList(), allowStandby));
        } catch (StateUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Long> onlineUsers(Instance peer) {
        Long users = online.get(peer);
        return users == null
                ? CompletableFuture.failedFuture(new IllegalStateException(peer + " is down"))
                : CompletableFuture.completedFuture(users);
    }
}
