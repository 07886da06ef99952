package io.presence.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryQueriesTest {
    private static final long NOW = Instant.parse("2026-12-03T12:00:30.500Z").toEpochMilli();
    private static final long HOUR = 3_600_000;
    private final HistoryQueries queries = new HistoryQueries(Duration.ofDays(7));

    @Test
    void theIntervalIsTheLastDayByDefaultAndEndsNowAtTheLatest() {
        assertThat(queries.interval(null, null, NOW)).isEqualTo(new HistoryQueries.Interval(NOW - 24 * HOUR, NOW));
        assertThat(queries.interval("2026-12-03T10:00:00Z", "2027-01-01T00:00:00Z", NOW))
                .isEqualTo(new HistoryQueries.Interval(NOW - 2 * HOUR - 30_500, NOW));
        assertThat(queries.interval("2026-12-03T11:00:00+01:00", null, NOW).fromMs())
                .isEqualTo(Instant.parse("2026-12-03T10:00:00Z").toEpochMilli());
    }

    @Test
    void aShortRetentionShortensTheDefaultInterval() {
        HistoryQueries hourly = new HistoryQueries(Duration.ofHours(1));
        assertThat(hourly.interval(null, null, NOW).fromMs()).isEqualTo(NOW - HOUR);
    }

    @Test
    void badInstantsAndIntervalsAre400sThatSayWhatToFix() {
        assertInvalid(() -> queries.interval("yesterday", null, NOW), "'from' is not an instant");
        assertInvalid(() -> queries.interval(null, "2026-12-03", NOW), "'to' is not an instant");
        assertInvalid(
                () -> queries.interval("2026-12-03T11:00:00Z", "2026-12-03T10:00:00Z", NOW),
                "'from' must not be after 'to'");
        assertInvalid(() -> queries.interval("2026-11-01T00:00:00Z", null, NOW), "older than the history kept");
        assertInvalid(() -> queries.interval("2026-12-04T00:00:00Z", null, NOW), "in the future");
        assertInvalid(() -> queries.pastInstant("2026-12-04T00:00:00Z", NOW), "'at'");
        assertInvalid(() -> queries.pastInstant("2026-11-01T00:00:00Z", NOW), "PRESENCE_HISTORY_RETENTION = 7d");
    }

    @Test
    void aCurveStartsAtTheMinuteAndHasOnePointPerStep() {
        HistoryQueries.CurvePoints points = queries.curve("2026-12-03T11:00:20Z", null, "15m", NOW);

        assertThat(points.fromMs())
                .isEqualTo(Instant.parse("2026-12-03T11:00:00Z").toEpochMilli());
        assertThat(points.stepMs()).isEqualTo(15 * 60_000);
        assertThat(points.points()).isEqualTo(5);
        assertThat(queries.curve(null, null, null, NOW).points()).isEqualTo(24 * 60 + 1);
    }

    @Test
    void stepsAreWholeMinutesAndCurvesAtMostTenThousandPoints() {
        assertInvalid(() -> queries.curve(null, null, "30s", NOW), "whole minutes");
        assertInvalid(() -> queries.curve(null, null, "90s", NOW), "whole minutes");
        assertInvalid(() -> queries.curve(null, null, "soon", NOW), "'step'");
        assertInvalid(() -> queries.curve("2026-11-26T13:00:00Z", null, "1m", NOW), "10021 points; at most 10000");
        assertThat(queries.curve("2026-11-26T13:00:00Z", null, "1h", NOW).points())
                .isEqualTo(168);
    }

    private static void assertInvalid(Runnable query, String detail) {
        assertThatThrownBy(query::run)
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().status()).isEqualTo(400))
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().detail()).contains(detail));
    }
}
