package io.presence.query.history;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.presence.http.ProblemException;
import io.presence.query.routing.PeerAuth;
import io.presence.stream.PresenceStore;
import io.presence.user.UserIds;

/**
 * The internal history endpoints query-api instances call on each other: a user's sessions from the copy hosted here,
 * and the online curve of the partitions active here. Peer tokens only; not part of the public API.
 */
public final class HistoryPeerRoutes {
    private final PeerAuth auth;
    private final PresenceStore store;

    public HistoryPeerRoutes(PeerAuth auth, PresenceStore store) {
        this.auth = auth;
        this.store = store;
    }

    public void install(JavalinConfig config) {
        config.routes.get("/internal/history", ctx -> {
            auth.requirePeer(ctx);
            String userId = UserIds.requireValid(required(ctx, "id"));
            ctx.json(store.historyHere(
                    userId,
                    store.placementOf(userId).partition(),
                    number(ctx, "from"),
                    number(ctx, "to"),
                    Boolean.parseBoolean(ctx.queryParam("standby"))));
        });
        config.routes.get("/internal/online-curve", ctx -> {
            auth.requirePeer(ctx);
            long points = number(ctx, "points");
            if (points < 1 || points > HistoryQueries.MAX_POINTS) {
                throw invalid("'points' must be 1 to " + HistoryQueries.MAX_POINTS);
            }
            long stepMs = number(ctx, "step");
            if (stepMs < HistoryQueries.MIN_STEP.toMillis()) {
                throw invalid("'step' must be at least " + HistoryQueries.MIN_STEP.toMillis() + " ms");
            }
            ctx.json(store.onlineCurveHere(number(ctx, "from"), stepMs, (int) points));
        });
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            throw invalid("'" + name + "' is missing");
        }
        return value;
    }

    private static long number(Context ctx, String name) {
        try {
            return Long.parseLong(required(ctx, name));
        } catch (NumberFormatException e) {
            throw invalid("'" + name + "' must be epoch milliseconds");
        }
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-peer-query", "Invalid peer query", detail);
    }
}
