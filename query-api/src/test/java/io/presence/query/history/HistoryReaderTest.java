package io.presence.query.history;

import static io.presence.query.status.FakeCluster.HERE;
import static io.presence.query.status.FakeCluster.OTHER;
import static io.presence.query.status.FakeCluster.THIRD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.http.ProblemException;
import io.presence.query.status.FakeCluster;
import io.presence.stream.OnlineCurve;
import io.presence.stream.UserHistory;
import io.presence.user.PresenceRule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** History queries routed across a cluster in memory: who answers, and when the answer is a 503 instead. */
class HistoryReaderTest {
    private static final long T = 10_000;
    private static final List<UserHistory.Session> YESTERDAY = List.of(new UserHistory.Session(1_000, 11_000));

    private final FakeCluster cluster = new FakeCluster();
    private final HistoryReader reader = new HistoryReader(cluster, cluster, new PresenceRule(Duration.ofMillis(T)));

    @Test
    void theOwnerAnswersClosedSessionsAndTheOpenOneStillOnline() {
        cluster.place("u", 0, OTHER, THIRD)
                .caughtUp(OTHER)
                .seen(OTHER, "u", 25_000)
                .sessions("u", YESTERDAY, 20_000L);

        HistoryReader.Sessions found = reader.sessions("u", 0, 26_000, 26_000);

        assertThat(found.sessions())
                .containsExactly(new HistoryReader.Session(1_000, 11_000L), new HistoryReader.Session(20_000, null));
        assertThat(found.lastSeenMs()).isEqualTo(25_000);
        assertThat(cluster.calls).containsExactly("other:2 active [u]");
    }

    @Test
    void anOpenSessionSilentPastTheThresholdEndsOneThresholdAfterItsLastHeartbeat() {
        cluster.place("u", 0, HERE).caughtUp(HERE).seen(HERE, "u", 25_000).sessions("u", YESTERDAY, 20_000L);

        assertThat(reader.sessions("u", 0, 40_000, 40_000).sessions())
                .last()
                .isEqualTo(new HistoryReader.Session(20_000, 35_000L));
        assertThat(reader.sessions("u", 36_000, 40_000, 40_000).sessions())
                .as("it ended before the interval")
                .isEmpty();
    }

    @Test
    void aStandbyAnswersWhileTheOwnerCannotButNeverEndsTheOpenSession() {
        cluster.place("u", 0, OTHER, THIRD)
                .activeCannotAnswer(OTHER)
                .seen(THIRD, "u", 25_000)
                .sessions("u", YESTERDAY, 20_000L);

        assertThat(reader.sessions("u", 0, 26_000, 26_000).sessions()).hasSize(2);
        assertThat(cluster.calls).contains("third:3 standby [u]");

        assertThatThrownBy(() -> reader.sessions("u", 0, 40_000, 40_000))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().status()).isEqualTo(503));
    }

    @Test
    void nobodyToAnswerIsA503() {
        cluster.place("u", 0, OTHER, THIRD)
                .activeCannotAnswer(OTHER)
                .standbyCannotAnswer(THIRD)
                .standbyCannotAnswer(HERE);

        assertThatThrownBy(() -> reader.sessions("u", 0, 1_000, 1_000))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("no up-to-date copy");
    }

    @Test
    void theCurveAddsEveryInstancesPartitions() {
        cluster.partitions(3).curve(HERE, curve(Set.of(0), 1, 2)).curve(OTHER, curve(Set.of(1, 2), 10, 20));

        OnlineCurve sum = reader.onlineCurve(0, 60_000, 2);

        assertThat(sum.partitions()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(sum.online()).containsExactly(11, 11);
        assertThat(sum.peak()).containsExactly(22, 22);
    }

    @Test
    void aCurveMissingAPartitionOrCountingOneTwiceIsA503() {
        cluster.partitions(3).curve(HERE, curve(Set.of(0), 1, 1)).curve(OTHER, curve(Set.of(1), 1, 1));
        assertThatThrownBy(() -> reader.onlineCurve(0, 60_000, 2)).hasMessageContaining("partitions [2]");

        cluster.curve(THIRD, curve(Set.of(1, 2), 1, 1));
        assertThatThrownBy(() -> reader.onlineCurve(0, 60_000, 2)).hasMessageContaining("partition 1 is moving");
    }

    private static OnlineCurve curve(Set<Integer> partitions, long online, long peak) {
        return new OnlineCurve(partitions, new long[] {online, online}, new long[] {peak, peak});
    }
}
