package io.presence.query.history;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.presence.auth.TokenVerifier;
import io.presence.event.PresenceStatus;
import io.presence.stream.OnlineCurve;
import io.presence.user.PresenceRule;
import io.presence.user.UserIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /history/user/{id}}, {@code GET /stats/online} and the past form of {@code GET /status/user/{id}?at=};
 * any valid token may read.
 */
public final class HistoryRoutes {
    private final TokenVerifier tokens;
    private final HistoryReader reader;
    private final HistoryQueries queries;
    private final PresenceRule rule;
    private final Clock clock;

    public HistoryRoutes(
            TokenVerifier tokens, HistoryReader reader, Duration retention, PresenceRule rule, Clock clock) {
        this.tokens = tokens;
        this.reader = reader;
        this.queries = new HistoryQueries(retention);
        this.rule = rule;
        this.clock = clock;
    }

    public void install(JavalinConfig config) {
        config.routes.get("/history/user/{user_id}", this::sessions);
        config.routes.get("/stats/online", this::onlineCurve);
    }

    private void sessions(Context ctx) {
        tokens.verify(ctx.header("Authorization"));
        String userId = UserIds.requireValid(ctx.pathParam("user_id"));
        long nowMs = clock.millis();
        HistoryQueries.Interval interval = queries.interval(ctx.queryParam("from"), ctx.queryParam("to"), nowMs);
        HistoryReader.Sessions found = reader.sessions(userId, interval.fromMs(), interval.toMs(), nowMs);
        ctx.json(new HistoryViews.UserSessions(
                userId,
                Instant.ofEpochMilli(interval.fromMs()),
                Instant.ofEpochMilli(interval.toMs()),
                found.sessions().stream().map(HistoryViews.SessionView::of).toList()));
    }

    /** {@code GET /status/user/{id}?at=}, called by the status routes once they have checked the token. */
    public void statusAt(Context ctx, String userId, String at) {
        long nowMs = clock.millis();
        long atMs = queries.pastInstant(at, nowMs);
        HistoryReader.Sessions found = reader.sessions(userId, queries.earliestMs(nowMs), atMs, nowMs);
        HistoryReader.@Nullable Session latest = found.sessions().isEmpty()
                ? null
                : found.sessions().get(found.sessions().size() - 1);
        ctx.json(pastStatus(userId, atMs, latest, found.lastSeenMs()));
    }

    /**
     * The history keeps sessions, not every heartbeat: the newest heartbeat known at {@code atMs} is the session's
     * last one ({@code end - offlineAfter}) once that lies before it, else the newest one now if it does, else the
     * session's first.
     */
    private HistoryViews.PastStatus pastStatus(
            String userId, long atMs, HistoryReader.@Nullable Session latest, @Nullable Long lastSeenNowMs) {
        Instant at = Instant.ofEpochMilli(atMs);
        if (latest == null) {
            return new HistoryViews.PastStatus(userId, at, PresenceStatus.OFFLINE, null, null);
        }
        Long endMs = latest.endMs();
        long lastMs = endMs != null
                ? endMs - rule.offlineAfterMs()
                : lastSeenNowMs != null ? lastSeenNowMs : latest.startMs();
        long seenMs = lastMs <= atMs ? lastMs : latest.startMs();
        boolean online = latest.covers(atMs);
        return new HistoryViews.PastStatus(
                userId,
                at,
                online ? PresenceStatus.ONLINE : PresenceStatus.OFFLINE,
                Instant.ofEpochMilli(seenMs),
                online ? HistoryViews.SessionView.of(latest) : null);
    }

    private void onlineCurve(Context ctx) {
        tokens.verify(ctx.header("Authorization"));
        long nowMs = clock.millis();
        HistoryQueries.CurvePoints asked =
                queries.curve(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("step"), nowMs);
        OnlineCurve curve = reader.onlineCurve(asked.fromMs(), asked.stepMs(), asked.points());
        List<HistoryViews.OnlinePoint> points = new ArrayList<>(asked.points());
        for (int i = 0; i < asked.points(); i++) {
            points.add(new HistoryViews.OnlinePoint(
                    Instant.ofEpochMilli(asked.fromMs() + i * asked.stepMs()), curve.online()[i], curve.peak()[i]));
        }
        long toMs = asked.fromMs() + (asked.points() - 1) * asked.stepMs();
        ctx.json(new HistoryViews.OnlineSeries(
                Instant.ofEpochMilli(asked.fromMs()),
                Instant.ofEpochMilli(toMs),
                Duration.ofMillis(asked.stepMs()).toString(),
                points));
    }
}
