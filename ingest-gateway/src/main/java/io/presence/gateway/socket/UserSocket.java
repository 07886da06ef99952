package io.presence.gateway.socket;

import io.presence.auth.Caller;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One open WebSocket of one user. It only hears: frames and pongs prove the peer is there, text frames also ask for a
 * fresh heartbeat. What to write and when is decided for the user as a whole by {@link UserSockets}.
 */
public final class UserSocket implements Session.Listener.AutoDemanding {
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

    private final Caller caller;
    private final OpenSockets sockets;
    private final Clock clock;
    private final MessageRate rate;
    private volatile Session session;
    private volatile long lastHeardMs;

    UserSocket(Caller caller, OpenSockets sockets, Clock clock) {
        this.caller = caller;
        this.sockets = sockets;
        this.clock = clock;
        this.lastHeardMs = clock.millis();
        this.rate = new MessageRate(SocketLimits.MESSAGES_PER_SECOND, SocketLimits.MESSAGE_BURST, lastHeardMs);
    }

    String userId() {
        return caller.userId();
    }

    /** When the token stops being accepted, with the same leeway as a request's token. */
    Instant expiresAt() {
        return caller.expiresAt();
    }

    long lastHeardMs() {
        return lastHeardMs;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        if (!sockets.opened(this)) {
            close(SocketClose.TOO_MANY_SOCKETS);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        long now = clock.millis();
        lastHeardMs = now;
        if (!rate.tryAcquire(now)) {
            close(SocketClose.TOO_MANY_MESSAGES);
            return;
        }
        sockets.textFrom(this, now);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        close(SocketClose.BINARY_FRAME);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastHeardMs = clock.millis();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        sockets.closed(this);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        sockets.closed(this);
    }

    void ping() {
        Session current = session;
        if (current != null) {
            current.sendPing(NO_DATA.duplicate(), Callback.NOOP);
        }
    }

    /** Sends a text message without waiting; a socket that cannot take it is found dead by its missing pongs. */
    void send(String text) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendText(text, Callback.NOOP);
        }
    }

    void close(SocketClose why) {
        Session current = session;
        sockets.closing(this, why);
        if (current != null) {
            current.close(why.code(), why.reason(), Callback.NOOP);
        }
    }
}
