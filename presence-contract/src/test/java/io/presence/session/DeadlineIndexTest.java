package io.presence.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadlineIndexTest {
    private final DeadlineIndex index = new DeadlineIndex();

    @Test
    void anEmptyIndexHasNothingDueAndNoEarliestDeadline() {
        assertThat(index.pollDueBefore(Long.MAX_VALUE)).isNull();
        assertThat(index.earliestDeadlineMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(index.size()).isZero();
    }

    @Test
    void anEntryIsDueOnlyStrictlyBeforeTheHorizon() {
        index.add("alice", 1_000);

        assertThat(index.pollDueBefore(1_000)).as("at the horizon itself").isNull();
        assertThat(index.pollDueBefore(1_001)).isEqualTo(new DeadlineIndex.Entry(1_000, "alice"));
        assertThat(index.size()).isZero();
    }

    @Test
    void entriesComeOutEarliestFirstWhateverTheOrderTheyWentIn() {
        index.add("c", 3_000);
        index.add("a", 1_000);
        index.add("b", 2_000);
        index.add("a2", 1_000);

        assertThat(index.earliestDeadlineMs()).isEqualTo(1_000);
        assertThat(index.pollDueBefore(2_500).deadlineMs()).isEqualTo(1_000);
        assertThat(index.pollDueBefore(2_500).deadlineMs()).isEqualTo(1_000);
        assertThat(index.pollDueBefore(2_500)).isEqualTo(new DeadlineIndex.Entry(2_000, "b"));
        assertThat(index.pollDueBefore(2_500)).as("c is not due yet").isNull();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.earliestDeadlineMs()).isEqualTo(3_000);
    }

    @Test
    void aUserMayHoldSeveralEntriesAndEachComesDue() {
        index.add("alice", 1_000);
        index.add("alice", 5_000);

        assertThat(index.pollDueBefore(10_000)).isEqualTo(new DeadlineIndex.Entry(1_000, "alice"));
        assertThat(index.pollDueBefore(10_000)).isEqualTo(new DeadlineIndex.Entry(5_000, "alice"));
    }
}
