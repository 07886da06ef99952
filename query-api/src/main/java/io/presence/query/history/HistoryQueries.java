package io.presence.query.history;

import io.presence.config.Durations;
import io.presence.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks the instants, intervals and steps of history queries against the clock and the retention, with a
 * 400 that says what to fix for anything else.
 */
final class HistoryQueries {
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Duration MIN_STEP = Duration.ofMinutes(1);
    static final int MAX_POINTS = 10_000;
    private static final long MINUTE_MS = MIN_STEP.toMillis();

    private final Duration retention;

    HistoryQueries(Duration retention) {
        this.retention = retention;
    }

    /** An interval of the past, {@code fromMs <= toMs}. */
    record Interval(long fromMs, long toMs) {}

    /** The points of an online curve: {@code points} instants {@code stepMs} apart from {@code fromMs}. */
    record CurvePoints(long fromMs, long stepMs, int points) {}

    /**
     * {@code from} and {@code to} of a query: by default the last 24 h (or all that is kept, when less); {@code to}
     * beyond now means now.
     */
    Interval interval(@Nullable String from, @Nullable String to, long nowMs) {
        long toMs = to == null ? nowMs : Math.min(instant("to", to), nowMs);
        long fromMs;
        if (from == null) {
            fromMs = Math.max(toMs - DEFAULT_SPAN.toMillis(), earliestMs(nowMs));
        } else {
            fromMs = instant("from", from);
            if (fromMs > nowMs) {
                throw invalid("'from' (" + from + ") is in the future; history ends now");
            }
            requireKept("from", fromMs, nowMs);
        }
        if (fromMs > toMs) {
            throw invalid("'from' must not be after 'to' (" + Instant.ofEpochMilli(fromMs) + " > "
                    + Instant.ofEpochMilli(toMs) + ")");
        }
        return new Interval(fromMs, toMs);
    }

    /** A past instant {@code at}, within the history kept. */
    long pastInstant(String at, long nowMs) {
        long atMs = instant("at", at);
        if (atMs > nowMs) {
            throw invalid("'at' (" + at + ") is in the future; ask for the status now without 'at'");
        }
        requireKept("at", atMs, nowMs);
        return atMs;
    }

    /** The points of {@code GET /stats/online}: the interval's start taken back to its minute, one point per step. */
    CurvePoints curve(@Nullable String from, @Nullable String to, @Nullable String step, long nowMs) {
        Interval interval = interval(from, to, nowMs);
        long stepMs = step(step);
        long fromMs = interval.fromMs() - Math.floorMod(interval.fromMs(), MINUTE_MS);
        long points = (interval.toMs() - fromMs) / stepMs + 1;
        if (points > MAX_POINTS) {
            throw invalid("This interval and step give " + points + " points; at most " + MAX_POINTS
                    + " are answered: use a larger 'step' or a shorter interval");
        }
        return new CurvePoints(fromMs, stepMs, (int) points);
    }

    private static long step(@Nullable String step) {
        if (step == null) {
            return MIN_STEP.toMillis();
        }
        Duration parsed;
        try {
            parsed = Durations.parse(step);
        } catch (IllegalArgumentException e) {
            throw invalid("'step': " + e.getMessage());
        }
        if (parsed.compareTo(MIN_STEP) < 0 || parsed.toMillis() % MINUTE_MS != 0) {
            throw invalid("'step' must be whole minutes, at least 1m (e.g. 1m, 15m, 1h), not '" + step + "'");
        }
        return parsed.toMillis();
    }

    private void requireKept(String name, long atMs, long nowMs) {
        long earliestMs = earliestMs(nowMs);
        if (atMs < earliestMs) {
            throw invalid("'" + name + "' is older than the history kept (PRESENCE_HISTORY_RETENTION = "
                    + Durations.describe(retention) + "); the earliest instant now is "
                    + Instant.ofEpochMilli(earliestMs));
        }
    }

    long earliestMs(long nowMs) {
        return nowMs - retention.toMillis();
    }

    private static long instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid("'" + name + "' is not an instant: write it in ISO-8601 with a zone, like "
                    + "2026-12-03T09:00:00Z or 2026-12-03T10:00:00+01:00");
        }
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-history-query", "Invalid history query", detail);
    }
}
