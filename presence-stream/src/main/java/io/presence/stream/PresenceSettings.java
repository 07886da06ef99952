package io.presence.stream;

import java.time.Duration;

/**
 * The rules the topology applies. A user is online while {@code now - last_seen <= offlineAfter}.
 *
 * @param offlineAfter {@code PRESENCE_OFFLINE_AFTER}: the silence after which a user is offline
 * @param backlog      tells whether heartbeats still wait unread; offline decisions by wall-clock time wait for zero
 */
public record PresenceSettings(Duration offlineAfter, BacklogProbe backlog) {
    /** The offline punctuator never runs less often than this. */
    static final Duration MAX_PUNCTUATION_INTERVAL = Duration.ofMillis(250);
    /** With no record for this long and no backlog, the task is taken as caught up and wall-clock time rules. */
    static final Duration IDLE_GRACE = Duration.ofSeconds(1);
    /** Punctuations further apart than this mean processing stood still (pause, stall, rebalance): start over. */
    static final Duration STALL = Duration.ofSeconds(1);
    /**
     * Heartbeats of several gateways reach a partition slightly out of time order (a retry after a leader move delays
     * one gateway's records); offline decisions wait this much of stream time. Larger is safer against such delays but
     * publishes offline later; the contract allows 2 s in all, and punctuation and commit take up to 0.35 s of it.
     */
    static final Duration REORDER_ALLOWANCE = Duration.ofSeconds(1);
    /** Bounds one punctuation so that a mass disconnect cannot stall the stream thread past its poll interval. */
    static final int MAX_OFFLINE_PER_PUNCTUATION = 50_000;

    public PresenceSettings {
        if (offlineAfter.toMillis() < 1) {
            throw new IllegalArgumentException("offlineAfter must be at least 1 ms");
        }
    }


    long offlineAfterMs() {
        return offlineAfter.toMillis();
    }

    /** Often enough that an offline change is published well within 2 s of its instant, even for short thresholds. */
    Duration punctuationInterval() {
        Duration quarter = offlineAfter.dividedBy(4);
        Duration interval = quarter.compareTo(MAX_PUNCTUATION_INTERVAL) < 0 ? quarter : MAX_PUNCTUATION_INTERVAL;
        return interval.toMillis() < 10 ? Duration.ofMillis(10) : interval;
    }
}
