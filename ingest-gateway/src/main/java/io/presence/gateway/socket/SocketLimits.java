package io.presence.gateway.socket;

import java.time.Duration;

/**
 * The bounds every socket lives within, derived from {@code PRESENCE_OFFLINE_AFTER} where they are about time: a
 * heartbeat and a ping every half threshold (what a polling client is asked to do), a socket dead when nothing came
 * back for a whole threshold plus a second, and Kafka given a whole threshold before the user's sockets are closed.
 */
record SocketLimits(Duration beatEvery, Duration deadAfter, Duration kafkaBound) {
    /** Sockets one user may hold at once: a phone, a laptop, a few tabs. */
    static final int SOCKETS_PER_USER = 8;
    /** Largest text frame accepted; a client has nothing big to say. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024;
    /** Sustained messages per second per socket; a burst of {@link #MESSAGE_BURST} is allowed. */
    static final int MESSAGES_PER_SECOND = 2;
    /** Messages a socket may send at once before the rate applies. */
    static final int MESSAGE_BURST = 20;
    /** A text frame brings the user's next heartbeat forward, but not to less than this after the last one. */
    static final Duration TEXT_COALESCE = Duration.ofSeconds(1);
    /** How often the one scheduler looks for users whose heartbeat is due. */
    static final Duration TICK = Duration.ofMillis(200);
    /** How soon a heartbeat Kafka refused is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    static SocketLimits forOfflineAfter(Duration offlineAfter) {
        Duration half = offlineAfter.dividedBy(2);
        return new SocketLimits(half, offlineAfter.plusSeconds(1), offlineAfter);
    }
}
