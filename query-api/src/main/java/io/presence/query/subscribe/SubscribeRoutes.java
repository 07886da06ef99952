package io.presence.query.subscribe;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.presence.auth.Caller;
import io.presence.auth.TokenVerifier;
import io.presence.event.EventJson;
import io.presence.http.ProblemException;
import io.presence.query.status.StatusReader;
import io.presence.query.status.UserStatus;
import io.presence.stream.StateUnavailableException;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /subscribe?ids=…} (or {@code all=true}) as Server-Sent Events, or the same path as a WebSocket. The token
 * may come as {@code ?access_token=} because browsers cannot add headers to either; the resume point as the
 * {@code Last-Event-ID} header (what {@code EventSource} sends) or {@code ?last_event_id=}.
 */
public final class SubscribeRoutes {
    public static final String PATH = "/subscribe";
    private static final String REQUEST = "presence.subscription";

    private final TokenVerifier tokens;
    private final StatusReader statuses;
    private final LiveChanges live;
    private final Map<String, SocketSink> sockets = new ConcurrentHashMap<>();

    public SubscribeRoutes(TokenVerifier tokens, StatusReader statuses, LiveChanges live) {
        this.tokens = tokens;
        this.statuses = statuses;
        this.live = live;
    }

    public void install(JavalinConfig config) {
        config.routes.get(PATH, this::eventStream);
        config.routes.wsBeforeUpgrade(PATH, ctx -> ctx.attribute(REQUEST, request(ctx)));
        config.routes.ws(PATH, this::socket);
    }

    private SubscriptionRequest request(Context ctx) {
        Caller caller = tokens.verify(ctx.header("Authorization"), ctx.queryParam("access_token"));
        String lastEventId = ctx.header("Last-Event-ID");
        return SubscriptionRequest.of(
                caller,
                ctx.queryParam("ids"),
                ctx.queryParam("all"),
                lastEventId != null ? lastEventId : ctx.queryParam("last_event_id"),
                live.partitionCount());
    }

    private void eventStream(Context ctx) {
        SubscriptionRequest request = request(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw ProblemException.of(
                    406,
                    "not-acceptable",
                    "Not acceptable",
                    "GET /subscribe streams Server-Sent Events: send 'Accept: text/event-stream', or open a WebSocket",
                    Map.of());
        }
        ctx.future(() -> open(ctx, request));
    }

    /** Runs once the request is asynchronous; a 503 from the snapshot still becomes a problem response. */
    private CompletableFuture<Void> open(Context ctx, SubscriptionRequest request) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        try {
            AsyncContext async = ctx.req().getAsyncContext();
            SseSink sink = new SseSink(async, finished);
            Subscriber subscriber = live.subscriber(request, sink);
            live.join(subscriber, request, this::snapshot);
            ctx.res().setStatus(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            sink.attach(subscriber);
            return finished;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void socket(WsConfig ws) {
        ws.onConnect(this::socketOpened);
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    private void socketOpened(WsConnectContext ctx) {
        SubscriptionRequest request = ctx.attribute(REQUEST);
        SocketSink sink = new SocketSink(ctx.session);
        Subscriber subscriber = live.subscriber(request, sink);
        sink.attach(subscriber);
        sockets.put(ctx.sessionId(), sink);
        try {
            live.join(subscriber, request, this::snapshot);
        } catch (ProblemException e) {
            refuse(ctx, e.problem().detail());
        } catch (StateUnavailableException e) {
            refuse(ctx, "The statuses cannot be read now (" + e.getMessage() + "); retry in a second");
        }
    }

    /** What a 503 is to a request: the socket is closed with "try again later" and why. */
    private void refuse(WsConnectContext ctx, String why) {
        sockets.remove(ctx.sessionId());
        ctx.closeSession(SocketSink.TRY_AGAIN_LATER, why.length() > 100 ? why.substring(0, 100) : why);
    }

    private void closed(String sessionId) {
        SocketSink sink = sockets.remove(sessionId);
        if (sink != null) {
            sink.gone();
        }
    }

    private List<String> snapshot(List<String> ids) {
        return statuses.read(ids).stream().map(SubscribeRoutes::json).toList();
    }

    private static String json(UserStatus status) {
        try {
            return EventJson.mapper().writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
