package io.presence.query.status;

import io.presence.query.routing.Peers;
import io.presence.stream.Instance;
import io.presence.stream.KeyPlacement;
import io.presence.stream.OnlineCurve;
import io.presence.stream.PresenceStore;
import io.presence.stream.Seen;
import io.presence.stream.StateUnavailableException;
import io.presence.stream.UserHistory;
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
public final class FakeCluster implements PresenceStore, Peers {
    public static final Instance HERE = new Instance("here", 1);
    public static final Instance OTHER = new Instance("other", 2);
    public static final Instance THIRD = new Instance("third", 3);
    /** Named by a placement, but not a member of the group. */
    public static final Instance STRANGER = new Instance("stranger.example", 6666);

    private final Map<String, KeyPlacement> placements = new HashMap<>();
    /** instance -> user -> last seen (ms); a missing user was never seen. */
    private final Map<Instance, Map<String, Long>> copies = new HashMap<>();

    private final Set<Instance> activeDown = new HashSet<>();
    private final Set<Instance> standbyDown = new HashSet<>();
    private final Set<Instance> caughtUp = new HashSet<>();
    private final Map<Instance, Long> online = new HashMap<>();
    /** user -> its closed sessions and the start of its open one (the same on every copy). */
    private final Map<String, UserHistory> histories = new HashMap<>();
    /** instance -> the online curve of its active partitions; a missing instance cannot answer. */
    private final Map<Instance, OnlineCurve> curves = new HashMap<>();

    private int partitionCount = 1;
    public final List<String> calls = new ArrayList<>();

    /** The user's sessions as every copy keeps them: closed ones, and the start of the open one (null: none). */
    public FakeCluster sessions(String userId, List<UserHistory.Session> closed, Long openSinceMs) {
        histories.put(userId, new UserHistory(closed, openSinceMs, new Seen(null, false)));
        return this;
    }

    public FakeCluster curve(Instance instance, OnlineCurve curve) {
        curves.put(instance, curve);
        return this;
    }

    public FakeCluster partitions(int count) {
        partitionCount = count;
        return this;
    }

    private UserHistory copyOfHistory(Instance instance, String userId, long fromMs, long toMs, boolean allowStandby) {
        Seen seen = answer(instance, List.of(userId), allowStandby).get(userId);
        UserHistory kept = histories.getOrDefault(userId, new UserHistory(List.of(), null, seen));
        return new UserHistory(
                kept.closed().stream()
                        .filter(s -> s.endMs() >= fromMs && s.startMs() <= toMs)
                        .toList(),
                kept.openSinceMs(),
                seen);
    }

    /** {@code userId} lives in partition {@code partition}, owned by {@code active}, copied on {@code standbys}. */
    public FakeCluster place(String userId, int partition, Instance active, Instance... standbys) {
        placements.put(userId, new KeyPlacement(userId, partition, active, List.of(standbys)));
        return this;
    }

    public FakeCluster seen(Instance copy, String userId, long lastSeenMs) {
        copies.computeIfAbsent(copy, i -> new HashMap<>()).put(userId, lastSeenMs);
        return this;
    }

    /** The active tasks of this instance have read the heartbeat log: they may prove offline. */
    public FakeCluster caughtUp(Instance instance) {
        caughtUp.add(instance);
        return this;
    }

    public FakeCluster activeCannotAnswer(Instance instance) {
        activeDown.add(instance);
        return this;
    }

    public FakeCluster standbyCannotAnswer(Instance instance) {
        standbyDown.add(instance);
        return this;
    }

    public FakeCluster online(Instance instance, long users) {
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
    public UserHistory historyHere(String userId, int partition, long fromMs, long toMs, boolean allowStandby) {
        return copyOfHistory(HERE, userId, fromMs, toMs, allowStandby);
    }

    @Override
    public OnlineCurve onlineCurveHere(long fromMs, long stepMs, int points) {
        OnlineCurve curve = curves.get(HERE);
        if (curve == null) {
            throw new StateUnavailableException("no active task here");
        }
        return curve;
    }

    @Override
    public int partitionCount() {
        return partitionCount;
    }

    @Override
    public CompletableFuture<UserHistory> history(
            Instance peer, String userId, long fromMs, long toMs, boolean allowStandby) {
        try {
            return CompletableFuture.completedFuture(copyOfHistory(peer, userId, fromMs, toMs, allowStandby));
        } catch (StateUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<OnlineCurve> onlineCurve(Instance peer, long fromMs, long stepMs, int points) {
        OnlineCurve curve = curves.get(peer);
        return curve == null
                ? CompletableFuture.failedFuture(new IllegalStateException(peer + " is down"))
                : CompletableFuture.completedFuture(curve);
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
