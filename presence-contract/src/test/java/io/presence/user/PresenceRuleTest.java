package io.presence.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.event.PresenceStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PresenceRuleTest {
    private static final long LAST_SEEN = 1_000_000L;
    private final PresenceRule rule = new PresenceRule(Duration.ofSeconds(10));

    @Test
    void theOfflineInstantIsLastSeenPlusTheThreshold() {
        assertThat(rule.offlineAtMs(LAST_SEEN)).isEqualTo(LAST_SEEN + 10_000);
    }

    @Test
    void aUserIsStillOnlineAtExactlyTheThresholdAndOfflineOneMillisecondLater() {
        assertThat(rule.isOnlineAt(LAST_SEEN, LAST_SEEN + 10_000)).isTrue();
        assertThat(rule.isOnlineAt(LAST_SEEN, LAST_SEEN + 10_001)).isFalse();
        assertThat(rule.statusAt(LAST_SEEN, LAST_SEEN + 10_000)).isEqualTo(PresenceStatus.ONLINE);
        assertThat(rule.statusAt(LAST_SEEN, LAST_SEEN + 10_001)).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void aHeartbeatFromTheFutureOfTheQueryHostStillCountsAsOnline() {
        assertThat(rule.statusAt(LAST_SEEN + 500, LAST_SEEN)).isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void aUserNeverSeenIsOffline() {
        assertThat(rule.statusAt(null, LAST_SEEN)).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void anOfflineAnswerIsDecidedOnlyByACopyThatHasReadEverythingAppendedOverOneSecondAgo() {
        long now = 5_000_000L;
        assertThat(PresenceRule.offlineAnswerDecided(now - 1_000, now)).isTrue();
        assertThat(PresenceRule.offlineAnswerDecided(now, now)).isTrue();
        assertThat(PresenceRule.offlineAnswerDecided(now - 1_001, now)).isFalse();
        assertThat(PresenceRule.offlineAnswerDecided(Long.MIN_VALUE, now)).isFalse();
    }

    @Test
    void aThresholdUnderOneMillisecondIsRefused() {
        assertThatThrownBy(() -> new PresenceRule(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 ms");
    }
}
