package io.presence.query.status;

import io.presence.http.ProblemException;
import io.presence.query.routing.KeyOwner;
import io.presence.query.routing.KeyOwnerLocator;
import io.presence.query.streams.PresenceStreams;
import io.presence.stream.LastSeen;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers status queries from the last-seen store, routing every key through {@link KeyOwnerLocator}. While the owner of
 * a key cannot answer, the whole query is a 503: a wrong {@code offline} is never given.
 */
public final class StatusReader {
    static final int RETRY_AFTER_SECONDS = 1;

    private final PresenceStreams streams;
    private final KeyOwnerLocator locator;
    private final Clock clock;
    private final Duration offlineAfter;

    public StatusReader(PresenceStreams streams, KeyOwnerLocator locator, Clock clock, Duration offlineAfter) {
        this.streams = streams;
        this.locator = locator;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** Statuses of these distinct, valid ids, in the same order. */
    public List<UserStatus> read(List<String> userIds) {
        Instant now = clock.instant();
        Map<Integer, ReadOnlyKeyValueStore<String, LastSeen>> storesOfThisRequest = new HashMap<>();
        return userIds.stream()
                .map(id -> UserStatus.at(now, id, lastSeen(id, storesOfThisRequest), offlineAfter))
                .toList();
    }

    private Instant lastSeen(String userId, Map<Integer, ReadOnlyKeyValueStore<String, LastSeen>> stores) {
        KeyOwner owner = locator.locate(userId);
        if (owner instanceof KeyOwner.Local local) {
            try {
                LastSeen seen = stores.computeIfAbsent(local.partition(), streams::lastSeenStore).get(userId);
                return seen == null ? null : seen.lastSeen();
            } catch (InvalidStateStoreException e) {
                throw unavailable("the state of user " + userId + " is moving (rebalance or restore)");
            }
        }
        if (owner instanceof KeyOwner.Remote remote) {
            throw unavailable("user " + userId + " is served by the instance at " + remote.host().host() + ":"
                    + remote.host().port() + ", and this version does not forward queries yet");
        }
        throw unavailable(((KeyOwner.Unavailable) owner).reason());
    }

    private static ProblemException unavailable(String why) {
        return ProblemException.unavailable("status-unavailable",
                "Cannot answer right now: " + why + "; retry after " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
    }
}
