package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The online curve of one partition, from its minutes anchored on the newest write. */
class PartitionCurveTest {
    private static final long M = OnlineMinutes.MINUTE_MS;

    @Test
    void countsAtEachPointAreTheNewestTotalLessTheChangesSince() {
        // Minute 0: +3 (rose to 3); minute 1: +2 -1 (rose to 2 above its start); minute 3: -4. Total now 0.
        List<PartitionCurve.Minute> minutes = List.of(
                new PartitionCurve.Minute(0, new OnlineMinute(3, 3, 3, 3)),
                new PartitionCurve.Minute(M, new OnlineMinute(1, 2, 4, 6)),
                new PartitionCurve.Minute(3 * M, new OnlineMinute(-4, 0, 0, 10)));

        OnlineCurve curve = PartitionCurve.of(7, minutes, 99, 0, M, 5);

        assertThat(curve.partitions()).containsExactly(7);
        assertThat(curve.online()).containsExactly(0, 3, 4, 4, 0);
        assertThat(curve.peak()).containsExactly(3, 5, 4, 4, 0);
    }

    @Test
    void theNewestWriteAnchorsEvenWhenItLandedInAnEarlierMinute() {
        // Two online in minute 0, one in minute 1 (total 3), then an offline of minute 0 decided late (total 2):
        // the late write is the newest, and minute 1's total is stale.
        List<PartitionCurve.Minute> minutes = List.of(
                new PartitionCurve.Minute(0, new OnlineMinute(1, 2, 2, 4)),
                new PartitionCurve.Minute(M, new OnlineMinute(1, 1, 3, 3)));

        OnlineCurve curve = PartitionCurve.of(0, minutes, 0, 0, M, 2);

        assertThat(curve.online()).containsExactly(0, 1);
    }

    @Test
    void aStepSpanningMinutesPeaksAtTheHighestOfThem() {
        List<PartitionCurve.Minute> minutes = List.of(
                new PartitionCurve.Minute(0, new OnlineMinute(2, 2, 2, 2)),
                new PartitionCurve.Minute(M, new OnlineMinute(3, 5, 5, 7)),
                new PartitionCurve.Minute(2 * M, new OnlineMinute(-5, 0, 0, 12)));

        OnlineCurve curve = PartitionCurve.of(0, minutes, 0, 0, 2 * M, 2);

        assertThat(curve.online()).containsExactly(0, 5);
        assertThat(curve.peak()).containsExactly(7, 5);
    }

    @Test
    void withNoMinuteWrittenTheCountStaysWhatItWas() {
        OnlineCurve curve = PartitionCurve.of(0, List.of(), 42, 10 * M, M, 3);

        assertThat(curve.online()).containsExactly(42, 42, 42);
        assertThat(curve.peak()).containsExactly(42, 42, 42);
    }

    @Test
    void curvesOfDisjointPartitionsAddUp() {
        OnlineCurve a = PartitionCurve.of(0, List.of(), 2, 0, M, 2);
        OnlineCurve b = PartitionCurve.of(1, List.of(), 3, 0, M, 2);

        OnlineCurve sum = OnlineCurve.none(2).plus(a).plus(b);

        assertThat(sum.partitions()).containsExactlyInAnyOrder(0, 1);
        assertThat(sum.online()).containsExactly(5, 5);
    }
}
