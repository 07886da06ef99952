package io.presence.gateway.socket;

/**
 * Why the gateway closes a socket, as a WebSocket close code and reason. Codes above 4000 are ours and mirror the HTTP
 * status a request would have got (4401 like 401); the README lists them for client authors.
 */
enum SocketClose {
    /** The gateway is stopping; reconnect (to another instance). */
    GOING_AWAY(1001, "the gateway is stopping; reconnect"),
    /** A binary frame: this endpoint speaks text. */
    BINARY_FRAME(1003, "send text frames; binary frames are not accepted"),
    /** Heartbeats could not be written to Kafka for the whole bound. */
    KAFKA_UNAVAILABLE(1013, "heartbeats could not be stored for too long; reconnect later"),
    /** The token's {@code exp} passed while the socket was open. */
    TOKEN_EXPIRED(4401, "the token has expired; reconnect with a fresh one"),
    /** No pong and no message for too long: the peer or the path to it is gone. */
    NO_PONG(4408, "no pong or message within the deadline; the connection looks dead"),
    /** More messages than {@link SocketLimits#MESSAGES_PER_SECOND} allows, sustained. */
    TOO_MANY_MESSAGES(4429, "too many messages; one every few seconds is plenty"),
    /** The user already holds {@link SocketLimits#SOCKETS_PER_USER} sockets. */
    TOO_MANY_SOCKETS(4429, "this user has too many open sockets");

    private final int code;
    private final String reason;

    SocketClose(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }

    /** The name used as a metric tag. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
