package io.presence.replay;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a replay found, in a few lines for stderr: users, sessions, total online time within the interval, and the
 * peak of concurrent users with the instant it was first reached.
 */
final class ReplaySummary implements Consumer<Session> {
    private final long fromMs;
    private final long endMs;
    private final Set<String> users = new HashSet<>();
    private long sessions;
    private long onlineMs;
    private long onlineAtStart;
    /** Session starts and ends inside the interval: instant * 2, plus 1 for an end (ends sort after starts). */
    private long[] events = new long[1024];

    private int eventCount;

    /** @param endMs where sessions still open are counted to: the end of the interval, or of what was read */
    ReplaySummary(long fromMs, long endMs) {
        this.fromMs = fromMs;
        this.endMs = endMs;
    }

    @Override
    public void accept(Session session) {
        users.add(session.userId());
        sessions++;
        long startMs = session.startMs() == null ? fromMs : session.startMs();
        long stopMs = session.endMs() == null ? endMs : session.endMs();
        onlineMs += Math.max(0, stopMs - startMs);
        if (session.startMs() == null) {
            onlineAtStart++;
        } else {
            add(session.startMs() * 2);
        }
        if (session.endMs() != null) {
            add(session.endMs() * 2 + 1);
        }
    }

    private void add(long event) {
        if (eventCount == events.length) {
            events = Arrays.copyOf(events, events.length * 2);
        }
        events[eventCount++] = event;
    }

    /** The most users online at once, and the first instant it happened. */
    record Peak(long users, long atMs) {}

    Peak peak() {
        long[] sorted = Arrays.copyOf(events, eventCount);
        Arrays.sort(sorted);
        long online = onlineAtStart;
        Peak peak = new Peak(online, fromMs);
        for (long event : sorted) {
            // A user is still online at the instant their session ends, so a start at that instant counts with it.
            online += (event & 1) == 0 ? 1 : -1;
            if (online > peak.users()) {
                peak = new Peak(online, event >> 1);
            }
        }
        return peak;
    }

    void print(PrintStream out, long records, Duration took) {
        Peak peak = peak();
        out.printf(
                Locale.ROOT,
                "replayed %,d records in %.1f s: %,d users, %,d sessions, %s online in total,"
                        + " peak %,d users online at %s%n",
                records,
                took.toMillis() / 1000.0,
                users.size(),
                sessions,
                human(Duration.ofMillis(onlineMs)),
                peak.users(),
                Instant.ofEpochMilli(peak.atMs()));
    }

    private static String human(Duration duration) {
        return duration.toHours() + "h " + duration.toMinutesPart() + "m " + duration.toSecondsPart() + "s";
    }
}
