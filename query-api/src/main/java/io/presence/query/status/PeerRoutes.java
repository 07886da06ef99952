package io.presence.query.status;

import io.javalin.config.JavalinConfig;
import io.presence.auth.PeerTokens;
import io.presence.query.routing.PeerAuth;
import io.presence.query.routing.PeerMessages;
import io.presence.stream.PresenceStore;

/**
 * The internal endpoints query-api instances call on each other: last-seen times of keys hosted here, and the number
 * of users online here. They need a {@link PeerTokens peer token}, refuse every user token (403) and are not part of
 * the public API.
 */
public final class PeerRoutes {
    private final PeerAuth auth;
    private final StatusReader reader;
    private final PresenceStore store;

    public PeerRoutes(PeerAuth auth, StatusReader reader, PresenceStore store) {
        this.auth = auth;
        this.reader = reader;
        this.store = store;
    }

    public void install(JavalinConfig config) {
        config.routes.post("/internal/last-seen", ctx -> {
            auth.requirePeer(ctx);
            boolean allowStandby = Boolean.parseBoolean(ctx.queryParam("standby"));
            ctx.json(new PeerMessages.LastSeenAnswer(
                    reader.readHere(StatusQueries.fromBody(ctx.bodyAsBytes()), allowStandby)));
        });
        config.routes.get("/internal/online", ctx -> {
            auth.requirePeer(ctx);
            ctx.json(new PeerMessages.OnlineAnswer(store.onlineUsersHere()));
        });
    }
}
