package io.presence.gateway.socket;

import io.javalin.config.JavalinConfig;
import io.presence.auth.Caller;
import io.presence.auth.TokenVerifier;
import io.presence.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;

/**
 * {@code GET /ws}: the token is checked, and the user's socket count bounded, before the upgrade, so a refused client
 * gets an ordinary problem response. Javalin routes the upgrade; the socket itself is ours ({@link UserSocket}),
 * because finding dead connections needs the pongs that Javalin's handlers do not expose.
 */
public final class SocketRoutes {
    public static final String PATH = "/ws";
    private static final String CALLER = "presence.socket.caller";
    /** Jetty's own idle limit, a backstop above ours: pings keep a healthy socket busy long before. */
    private static final Duration JETTY_IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final TokenVerifier tokens;
    private final OpenSockets sockets;
    private final Clock clock;

    public SocketRoutes(TokenVerifier tokens, OpenSockets sockets, Clock clock) {
        this.tokens = tokens;
        this.sockets = sockets;
        this.clock = clock;
    }

    public void install(JavalinConfig config) {
        config.routes.wsBeforeUpgrade(PATH, ctx -> {
            Caller caller = tokens.verify(ctx.header("Authorization"), ctx.queryParam("access_token"));
            if (sockets.countFor(caller.userId()) >= SocketLimits.SOCKETS_PER_USER) {
                throw ProblemException.of(
                        429,
                        "too-many-sockets",
                        "Too many sockets",
                        "User " + caller.userId() + " already has " + SocketLimits.SOCKETS_PER_USER
                                + " open sockets; close one first",
                        Map.of("Retry-After", "5"));
            }
            ctx.attribute(CALLER, caller);
        });
        // The route makes Javalin accept the upgrade; the mapping below makes the endpoint, so its handlers stay empty.
        config.routes.ws(PATH, ws -> {});
        config.routes.get(PATH, ctx -> {
            throw ProblemException.of(
                    426,
                    "upgrade-required",
                    "WebSocket upgrade required",
                    "GET /ws opens a WebSocket: send 'Connection: Upgrade' and 'Upgrade: websocket'",
                    Map.of("Upgrade", "websocket"));
        });
        JettyWebSocketCreator creator = (request, response) ->
                new UserSocket((Caller) request.getHttpServletRequest().getAttribute(CALLER), sockets, clock);
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setIdleTimeout(JETTY_IDLE_TIMEOUT);
            factory.setMaxTextMessageSize(SocketLimits.MAX_MESSAGE_BYTES);
            factory.setMaxBinaryMessageSize(SocketLimits.MAX_MESSAGE_BYTES);
            factory.addMapping(PATH, creator);
        });
    }
}
