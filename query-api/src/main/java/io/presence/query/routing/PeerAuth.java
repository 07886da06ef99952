package io.presence.query.routing;

import io.javalin.http.Context;
import io.presence.auth.PeerTokens;
import io.presence.auth.TokenVerifier;
import io.presence.http.ProblemException;

/**
 * Guards the internal endpoints query-api instances call on each other: they need a {@link PeerTokens peer token}
 * and refuse every user token (403, or 401 for no token or a bad one).
 */
public final class PeerAuth {
    private final TokenVerifier tokens;
    private final PeerTokens peers;

    public PeerAuth(TokenVerifier tokens, PeerTokens peers) {
        this.tokens = tokens;
        this.peers = peers;
    }

    public void requirePeer(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (peers.isPeer(authorization)) {
            return;
        }
        tokens.verify(authorization);
        throw ProblemException.forbidden("This endpoint is for query-api instances only");
    }
}
