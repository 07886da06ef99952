package io.presence.stream;

import io.presence.user.PresenceRule;
import java.time.Duration;

/**
 * What the topology needs to run: the presence rule, and where its tasks report their progress.
 *
 * @param rule  the contract's presence rule ({@code PRESENCE_OFFLINE_AFTER})
 * @param tasks where this process's tasks publish their progress, and the heartbeat log it is measured against
 * @param historyRetention how long the sessions and the online counts are kept ({@code PRESENCE_HISTORY_RETENTION})
 */
record PresenceSettings(PresenceRule rule, LocalTasks tasks, Duration historyRetention) {
    /** The offline punctuator never runs less often than this. */
    static final Duration MAX_PUNCTUATION_INTERVAL = Duration.ofMillis(250);
    /** Bounds one punctuation so that a mass disconnect cannot hold up heartbeat processing for long. */
    static final int MAX_OFFLINE_PER_PUNCTUATION = 20_000;

    /** Often enough that an offline change is published well within 2 s of its instant, even for short thresholds. */
    Duration punctuationInterval() {
        Duration quarter = rule.offlineAfter().dividedBy(4);
        Duration interval = quarter.compareTo(MAX_PUNCTUATION_INTERVAL) < 0 ? quarter : MAX_PUNCTUATION_INTERVAL;
        return interval.toMillis() < 10 ? Duration.ofMillis(10) : interval;
    }
}
