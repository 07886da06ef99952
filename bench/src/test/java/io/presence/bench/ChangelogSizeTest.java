package io.presence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangelogSizeTest {
    @Test
    void shouldCountQueryApisChangelogsOnly() {
        assertThat(ChangelogSize.isPresenceChangelog("presence-last-seen-changelog"))
                .isTrue();
        assertThat(ChangelogSize.isPresenceChangelog("presence-online-users-changelog"))
                .isTrue();
        assertThat(ChangelogSize.isPresenceChangelog("bench-minimal-streams-last-time-changelog"))
                .as("the minimal app's changelog shares the broker but is a baseline's")
                .isFalse();
        assertThat(ChangelogSize.isPresenceChangelog("presence.changes")).isFalse();
        assertThat(ChangelogSize.isPresenceChangelog("presence-sessions-changelog"))
                .as("the history grows with sessions, not users: measured per session")
                .isFalse();
        assertThat(ChangelogSize.isHistoryChangelog("presence-online-minutes-changelog"))
                .isTrue();
    }
}
