package io.presence.query.status;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.presence.auth.PeerTokens;
import io.presence.auth.TokenVerifier;
import io.presence.http.ProblemException;
import io.presence.query.routing.PeerMessages;
import io.presence.stream.PresenceStore;

/**
 * The internal endpoints query-api instances call on each other: last-seen times of keys hosted here, and the number
 * of users online here. They need a {@link PeerTokens peer token}, refuse every user token (403) and are not part of
 * the public API.
 */
public final class PeerRoutes {
    private final TokenVerifier tokens;
    private final PeerTokens peers;
    private final StatusReader reader;
    private final PresenceStore store;

    public PeerRoutes(TokenVerifier tokens, PeerTokens peers, StatusReader reader, PresenceStore store) {
        this.tokens = tokens;
        this.peers = peers;
        this.reader = reader;
        this.store = store;
    }

    public void install(JavalinConfig config) {
        config.routes.post("/internal/last-seen", ctx -> {
            requireInternal(ctx);
            boolean allowStandby = Boolean.parseBoolean(ctx.queryParam("standby"));
            ctx.json(new PeerMessages.LastSeenAnswer(
                    reader.readHere(StatusQueries.fromBody(ctx.bodyAsBytes()), allowStandby)));
        });
        config.routes.get("/internal/online", ctx -> {
            requireInternal(ctx);
            ctx.json(new PeerMessages.OnlineAnswer(store.onlineUsersHere()));
        });
    }

    private void requireInternal(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (peers.isPeer(authorization)) {
            return;
        }
        tokens.verify(authorization); // 401 for no token or a bad one
        throw ProblemException.forbidden("This endpoint is for query-api instances only");
    }
}
