package io.presence.query.status;

import io.presence.query.routing.KeyOwnerLocator;
import io.presence.query.routing.KeyPlacement;
import io.presence.query.routing.PeerClient;
import io.presence.query.routing.Unavailable;
import io.presence.query.streams.PresenceStreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers status queries for the whole cluster. Keys owned here are read from the local store; the others are grouped
 * by owning instance and asked for in parallel; an owner that cannot answer is replaced by an up-to-date standby copy.
 * A copy may be slightly behind, so it may say {@code online} but never {@code offline}: such a user, like any user
 * nobody can answer for, makes the whole query a 503. A wrong {@code offline} is never given.
 */
public final class StatusReader {
    private static final Duration PEER_WAIT = Duration.ofSeconds(2);

    private final PresenceStreams streams;
    private final KeyOwnerLocator locator;
    private final PeerClient peers;
    private final Clock clock;
    private final Duration offlineAfter;

    public StatusReader(PresenceStreams streams, KeyOwnerLocator locator, PeerClient peers, Clock clock, Duration offlineAfter) {
        this.streams = streams;
        this.locator = locator;
        this.peers = peers;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** Statuses of these distinct, valid ids, in the same order. */
    public List<UserStatus> read(List<String> userIds) {
        Answers answers = new Answers();
        lastSeenAcrossCluster(userIds.stream().map(locator::locate).toList(), answers);
        Instant now = clock.instant();
        return userIds.stream().map(id -> {
            Long ms = answers.lastSeen.get(id);
            UserStatus status = UserStatus.at(now, id, ms == null ? null : Instant.ofEpochMilli(ms), offlineAfter);
            if (status.status() == io.presence.event.PresenceStatus.OFFLINE && answers.fromCopies.contains(id)) {
                throw Unavailable.because("only a standby copy of user " + id + "'s state could answer, and a copy cannot prove offline");
            }
            return status;
        }).toList();
    }

    /** Last-seen times gathered for one query, and which of them came from standby copies. */
    private static final class Answers {
        private final Map<String, Long> lastSeen = new HashMap<>();
        private final java.util.Set<String> fromCopies = new java.util.HashSet<>();

        void fromOwner(Map<String, Long> found) {
            lastSeen.putAll(found);
        }

        void fromCopies(Map<String, Long> found) {
            lastSeen.putAll(found);
            fromCopies.addAll(found.keySet());
        }
    }

    /** Last-seen times of keys owned here, for a peer; standby copies answer when allowed. */
    Map<String, Long> readHere(List<String> userIds, boolean allowStandby) {
        try {
            return streams.lastSeenHere(byPartition(userIds.stream().map(locator::locate).toList()), allowStandby);
        } catch (InvalidStateStoreException e) {
            throw Unavailable.because("the state asked for is not served here now");
        }
    }

    /** Users online now, summed over every instance. */
    public long onlineAcrossCluster() {
        HostInfo self = streams.self();
        List<CompletableFuture<Long>> others = streams.allInstances().stream()
                .filter(host -> !host.equals(self)).map(peers::onlineUsers).toList();
        long total = streams.onlineUsersHere();
        for (CompletableFuture<Long> other : others) {
            total += await(other, "an instance did not report its online users");
        }
        return total;
    }

    private void lastSeenAcrossCluster(List<KeyPlacement> keys, Answers answers) {
        Map<HostInfo, List<KeyPlacement>> byOwner = keys.stream()
                .collect(Collectors.groupingBy(KeyPlacement::active, LinkedHashMap::new, Collectors.toList()));
        List<KeyPlacement> local = byOwner.remove(streams.self());
        Map<HostInfo, CompletableFuture<Map<String, Long>>> asked = new LinkedHashMap<>();
        byOwner.forEach((owner, owned) -> asked.put(owner, peers.lastSeen(owner, ids(owned), false)));

        if (local != null) {
            fromHereOrStandbys(local, answers);
        }
        asked.forEach((owner, answer) -> {
            try {
                answers.fromOwner(answer.get(PEER_WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                answers.fromCopies(fromStandbys(byOwner.get(owner)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Unavailable.because("interrupted");
            }
        });
    }

    private void fromHereOrStandbys(List<KeyPlacement> keys, Answers answers) {
        try {
            answers.fromOwner(streams.lastSeenHere(byPartition(keys), false));
        } catch (InvalidStateStoreException e) {
            answers.fromCopies(fromStandbys(keys));
        }
    }

    /** The owner cannot answer: ask an up-to-date copy, here first, then on the standby instances. */
    private Map<String, Long> fromStandbys(List<KeyPlacement> keys) {
        try {
            return streams.lastSeenHere(byPartition(keys), true);
        } catch (InvalidStateStoreException notHere) {
            Map<HostInfo, List<KeyPlacement>> byStandby = new LinkedHashMap<>();
            for (KeyPlacement key : keys) {
                HostInfo standby = key.standbys().stream().filter(h -> !h.equals(streams.self())).findFirst()
                        .orElseThrow(() -> Unavailable.because("the owner of user " + key.userId()
                                + " cannot answer and no up-to-date copy is available (rebalance or restore)"));
                byStandby.computeIfAbsent(standby, h -> new java.util.ArrayList<>()).add(key);
            }
            Map<String, Long> found = new HashMap<>();
            byStandby.forEach((standby, copies) -> found.putAll(
                    await(peers.lastSeen(standby, ids(copies), true), "neither the owner nor a standby could answer")));
            return found;
        }
    }

    private static <T> T await(CompletableFuture<T> answer, String why) {
        try {
            return answer.get(PEER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw Unavailable.because(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Unavailable.because("interrupted");
        }
    }

    private static Map<Integer, List<String>> byPartition(List<KeyPlacement> keys) {
        return keys.stream().collect(Collectors.groupingBy(KeyPlacement::partition,
                Collectors.mapping(KeyPlacement::userId, Collectors.toList())));
    }

    private static List<String> ids(List<KeyPlacement> keys) {
        return keys.stream().map(KeyPlacement::userId).toList();
    }
}
