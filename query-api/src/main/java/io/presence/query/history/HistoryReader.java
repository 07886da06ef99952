package io.presence.query.history;

import io.presence.query.routing.PeerAnswers;
import io.presence.query.routing.Peers;
import io.presence.query.routing.Unavailable;
import io.presence.stream.Instance;
import io.presence.stream.KeyPlacement;
import io.presence.stream.OnlineCurve;
import io.presence.stream.PresenceStore;
import io.presence.stream.StateUnavailableException;
import io.presence.stream.UserHistory;
import io.presence.user.PresenceRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Answers history queries for the whole cluster, routed like status queries: a user's sessions come from the owner's
 * active task, else from an up-to-date standby copy, here or on a peer; the online curve adds up every instance's
 * active partitions and is answered only when they are all there. An open session is ended by the presence rule
 * only where the copy could also prove the user offline; anything less is a 503, never a wrong answer.
 */
public final class HistoryReader {
    private final PresenceStore store;
    private final Peers peers;
    private final PresenceRule rule;

    public HistoryReader(PresenceStore store, Peers peers, PresenceRule rule) {
        this.store = store;
        this.peers = peers;
        this.rule = rule;
    }

    /** A user's sessions overlapping an interval, and the newest heartbeat known, as of {@code nowMs}. */
    record Sessions(List<Session> sessions, @Nullable Long lastSeenMs) {}

    /** One session; {@code endMs} is null while the user is online. */
    record Session(long startMs, @Nullable Long endMs) {
        boolean covers(long atMs) {
            return startMs <= atMs && (endMs == null || atMs <= endMs);
        }
    }

    /** The sessions of this user overlapping {@code [fromMs, toMs]}, oldest first, as of {@code nowMs}. */
    Sessions sessions(String userId, long fromMs, long toMs, long nowMs) {
        UserHistory history = historyAcrossCluster(userId, fromMs, toMs);
        List<Session> sessions = new ArrayList<>();
        history.closed().forEach(closed -> sessions.add(new Session(closed.startMs(), closed.endMs())));
        Long openSince = history.openSinceMs();
        if (openSince != null) {
            Long endMs = openSessionEnd(userId, history, nowMs);
            if (openSince <= toMs && (endMs == null || endMs >= fromMs)) {
                sessions.add(new Session(openSince, endMs));
            }
        }
        return new Sessions(sessions, history.seen().lastSeenMs());
    }

    /**
     * The end of the open session by the presence rule: null while the user is online now, else
     * {@code last_seen + offlineAfter}, which only a copy that may prove offline may say.
     */
    private @Nullable Long openSessionEnd(String userId, UserHistory history, long nowMs) {
        Long lastSeenMs = history.seen().lastSeenMs();
        if (lastSeenMs == null || rule.isOnlineAt(lastSeenMs, nowMs)) {
            return null;
        }
        if (!history.seen().offlineProvable()) {
            throw Unavailable.because("the state of user " + userId
                    + " is catching up (failover or restore) and cannot prove the session over yet");
        }
        return rule.offlineAtMs(lastSeenMs);
    }

    private UserHistory historyAcrossCluster(String userId, long fromMs, long toMs) {
        KeyPlacement key = store.placementOf(userId);
        Set<Instance> group = Set.copyOf(store.allInstances());
        List<Instance> standbys = new ArrayList<>();
        standbys.add(store.self());
        key.standbys().stream().filter(h -> !h.equals(store.self())).forEach(standbys::add);
        UserHistory found = ask(key, key.active(), group, fromMs, toMs, false);
        for (int i = 0; found == null && i < standbys.size(); i++) {
            found = ask(key, standbys.get(i), group, fromMs, toMs, true);
        }
        if (found == null) {
            throw Unavailable.because("the owner of user " + userId
                    + " cannot answer and no up-to-date copy is available (rebalance or restore)");
        }
        return found;
    }

    /** The copy on {@code host} of the user's partition, or null when it cannot answer. */
    private @Nullable UserHistory ask(
            KeyPlacement key, Instance host, Set<Instance> group, long fromMs, long toMs, boolean allowStandby) {
        if (host.equals(store.self())) {
            try {
                return store.historyHere(key.userId(), key.partition(), fromMs, toMs, allowStandby);
            } catch (StateUnavailableException e) {
                return null;
            }
        }
        if (!group.contains(host)) {
            return null;
        }
        return PeerAnswers.within(peers.history(host, key.userId(), fromMs, toMs, allowStandby))
                .orElse(null);
    }

    /**
     * Users online over time across the cluster: every instance's active partitions added up, answered only when
     * every partition of the heartbeat topic is counted exactly once.
     */
    OnlineCurve onlineCurve(long fromMs, long stepMs, int points) {
        Instance self = store.self();
        List<CompletableFuture<OnlineCurve>> others = store.allInstances().stream()
                .filter(host -> !host.equals(self))
                .map(host -> peers.onlineCurve(host, fromMs, stepMs, points))
                .toList();
        List<OnlineCurve> curves = new ArrayList<>();
        try {
            curves.add(store.onlineCurveHere(fromMs, stepMs, points));
        } catch (StateUnavailableException e) {
            // its partitions show up as missing below
        }
        // An instance that does not answer leaves its partitions missing below.
        others.forEach(other -> PeerAnswers.within(other).ifPresent(curves::add));
        return sumOfEveryPartition(curves, points);
    }

    private OnlineCurve sumOfEveryPartition(List<OnlineCurve> curves, int points) {
        OnlineCurve sum = OnlineCurve.none(points);
        Set<Integer> counted = new HashSet<>();
        for (OnlineCurve curve : curves) {
            for (int partition : curve.partitions()) {
                if (!counted.add(partition)) {
                    throw Unavailable.because("partition " + partition + " is moving between instances");
                }
            }
            sum = sum.plus(curve);
        }
        List<Integer> missing = IntStream.range(0, store.partitionCount())
                .filter(partition -> !counted.contains(partition))
                .boxed()
                .toList();
        if (!missing.isEmpty()) {
            throw Unavailable.because("partitions " + missing + " are not processed anywhere right now"
                    + " (start-up, rebalance or restore)");
        }
        return sum;
    }
}
