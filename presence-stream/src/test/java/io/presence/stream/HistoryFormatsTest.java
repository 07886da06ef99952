package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The history's small formats: a minute's record, a session's window, a curve's arithmetic. */
class HistoryFormatsTest {
    private final OnlineMinuteSerde serde = new OnlineMinuteSerde();

    @Test
    void aMinuteRoundTripsIn25Bytes() {
        OnlineMinute minute = new OnlineMinute(-3, 7, 1_000_000, 42);

        byte[] written = serde.serialize("t", minute);

        assertThat(written).hasSize(25);
        assertThat(serde.deserialize("t", written)).isEqualTo(minute);
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserialize("t", new byte[3])).isInstanceOf(SerializationException.class);
    }

    @Test
    void sessionsOverlapWhenTheyShareAnInstant() {
        Sessions.Span session = new Sessions.Span(10, 20);

        assertThat(session.overlap(new Sessions.Span(20, 30))).isTrue();
        assertThat(session.overlap(new Sessions.Span(0, 10))).isTrue();
        assertThat(session.overlap(new Sessions.Span(21, 30))).isFalse();
    }

    @Test
    void curvesAddPointByPointAndRefuseDifferentLengths() {
        OnlineCurve one = new OnlineCurve(Set.of(0), new long[] {1, 2}, new long[] {3, 4});
        OnlineCurve two = new OnlineCurve(Set.of(1), new long[] {10, 20}, new long[] {30, 40});

        assertThat(one.plus(two))
                .isEqualTo(new OnlineCurve(Set.of(0, 1), new long[] {11, 22}, new long[] {33, 44}))
                .hasSameHashCodeAs(new OnlineCurve(Set.of(1, 0), new long[] {11, 22}, new long[] {33, 44}));
        assertThat(one).isNotEqualTo(two).hasToString("OnlineCurve[partitions=[0], online=[1, 2], peak=[3, 4]]");
        assertThatThrownBy(() -> one.plus(OnlineCurve.none(3))).isInstanceOf(IllegalArgumentException.class);
    }
}
