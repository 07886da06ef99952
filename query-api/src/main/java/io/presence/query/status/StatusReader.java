package io.presence.query.status;

import io.presence.event.PresenceStatus;
import io.presence.query.routing.PeerAnswers;
import io.presence.query.routing.Peers;
import io.presence.query.routing.Unavailable;
import io.presence.stream.Instance;
import io.presence.stream.KeyPlacement;
import io.presence.stream.PresenceStore;
import io.presence.stream.Seen;
import io.presence.stream.StateUnavailableException;
import io.presence.user.PresenceRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Answers status queries for the whole cluster. Keys owned here are read from the local store; the others are grouped
 * by owning instance and asked for in parallel; an owner that cannot answer is replaced by an up-to-date standby copy.
 * An {@code offline} answer is given only by the owner's active task once it has caught up with the heartbeat log; a
 * standby copy, or an owner still working through a real backlog (after a restart or failover), may say {@code online}
 * but not {@code offline}. Such a user, like one nobody can answer for, makes the whole query a 503: a wrong
 * {@code offline} is never given.
 */
public final class StatusReader {
    private final PresenceStore store;
    private final Peers peers;
    private final Clock clock;
    private final PresenceRule rule;

    public StatusReader(PresenceStore store, Peers peers, Clock clock, PresenceRule rule) {
        this.store = store;
        this.peers = peers;
        this.clock = clock;
        this.rule = rule;
    }

    /**
     * Statuses of these distinct, valid ids, in the same order, as of the instant asked: every copy read afterwards
     * proves offline for that instant or a later one.
     */
    public List<UserStatus> read(List<String> userIds) {
        long nowMs = clock.millis();
        Map<String, Seen> known =
                lastSeenAcrossCluster(userIds.stream().map(store::placementOf).toList());
        return userIds.stream().map(id -> statusOf(id, known.get(id), nowMs)).toList();
    }

    private UserStatus statusOf(String userId, Seen seen, long nowMs) {
        UserStatus status = UserStatus.at(rule, nowMs, userId, seen.lastSeenMs());
        if (status.status() == PresenceStatus.OFFLINE && !seen.offlineProvable()) {
            throw Unavailable.because("the state of user " + userId
                    + " is catching up (failover or restore) and cannot prove offline yet");
        }
        return status;
    }

    /** What the copies here know of these users, for a peer; standby copies answer when allowed. */
    Map<String, Seen> readHere(List<String> userIds, boolean allowStandby) {
        return store.lastSeenHere(
                byPartition(userIds.stream().map(store::placementOf).toList()), allowStandby);
    }

    /** Users online now, summed over every instance; an instance without active tasks counts 0. */
    public long onlineAcrossCluster() {
        Instance self = store.self();
        List<CompletableFuture<Long>> others = store.allInstances().stream()
                .filter(host -> !host.equals(self))
                .map(peers::onlineUsers)
                .toList();
        long total = store.onlineUsersHere();
        for (CompletableFuture<Long> other : others) {
            total += await(other, "an instance did not report its online users");
        }
        return total;
    }

    private Map<String, Seen> lastSeenAcrossCluster(List<KeyPlacement> keys) {
        Set<Instance> group = Set.copyOf(store.allInstances());
        Map<Instance, List<KeyPlacement>> byOwner = keys.stream()
                .collect(Collectors.groupingBy(KeyPlacement::active, LinkedHashMap::new, Collectors.toList()));
        List<KeyPlacement> local = byOwner.remove(store.self());
        Map<Instance, CompletableFuture<Map<String, Seen>>> asked = new LinkedHashMap<>();
        byOwner.forEach((owner, owned) -> asked.put(owner, ask(group, owner, ids(owned), false)));

        Map<String, Seen> known = new HashMap<>();
        if (local != null) {
            known.putAll(fromHereOrStandbys(local, group));
        }
        asked.forEach((owner, answer) ->
                known.putAll(PeerAnswers.within(answer).orElseGet(() -> fromStandbys(byOwner.get(owner), group))));
        return known;
    }

    private Map<String, Seen> fromHereOrStandbys(List<KeyPlacement> keys, Set<Instance> group) {
        try {
            return store.lastSeenHere(byPartition(keys), false);
        } catch (StateUnavailableException e) {
            return fromStandbys(keys, group);
        }
    }

    /** The owner cannot answer: ask an up-to-date copy, here first, then on the standby instances. */
    private Map<String, Seen> fromStandbys(List<KeyPlacement> keys, Set<Instance> group) {
        try {
            return store.lastSeenHere(byPartition(keys), true);
        } catch (StateUnavailableException notHere) {
            Map<Instance, List<KeyPlacement>> byStandby = new LinkedHashMap<>();
            for (KeyPlacement key : keys) {
                Instance standby = key.standbys().stream()
                        .filter(h -> !h.equals(store.self()))
                        .findFirst()
                        .orElseThrow(() -> Unavailable.because("the owner of user " + key.userId()
                                + " cannot answer and no up-to-date copy is available (rebalance or restore)"));
                byStandby.computeIfAbsent(standby, h -> new ArrayList<>()).add(key);
            }
            Map<String, Seen> found = new HashMap<>();
            byStandby.forEach((standby, copies) -> found.putAll(
                    await(ask(group, standby, ids(copies), true), "neither the owner nor a standby could answer")));
            return found;
        }
    }

    /**
     * Asks a peer, but only one the group knows now: an address is never called because a placement named it alone.
     */
    private CompletableFuture<Map<String, Seen>> ask(
            Set<Instance> group, Instance peer, List<String> userIds, boolean allowStandby) {
        if (!group.contains(peer)) {
            return CompletableFuture.failedFuture(new IllegalStateException(peer + " is not a member of the group"));
        }
        return peers.lastSeen(peer, userIds, allowStandby);
    }

    private static <T> T await(CompletableFuture<T> answer, String why) {
        return PeerAnswers.within(answer).orElseThrow(() -> Unavailable.because(why));
    }

    private static Map<Integer, List<String>> byPartition(List<KeyPlacement> keys) {
        return keys.stream()
                .collect(Collectors.groupingBy(
                        KeyPlacement::partition, Collectors.mapping(KeyPlacement::userId, Collectors.toList())));
    }

    private static List<String> ids(List<KeyPlacement> keys) {
        return keys.stream().map(KeyPlacement::userId).toList();
    }
}
