package io.presence.gateway.socket;

import io.presence.auth.TokenVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The open sockets of one user and the user's heartbeat schedule: one heartbeat per {@link SocketLimits#beatEvery()}
 * however many sockets are open, one write in flight at most, and the sockets told, then closed, when Kafka keeps
 * refusing. Every method runs under the object's lock; none of them blocks.
 */
final class UserSockets {
    private final String userId;
    private final List<UserSocket> sockets = new ArrayList<>(2);
    private long nextDueMs;
    private long lastWrittenMs = Long.MIN_VALUE / 2;
    private long failingSinceMs = -1;
    private boolean writing;
    /** When the beat in flight was due: the next is due a beat later, so ticks and acks do not stretch the cadence. */
    private long beatDueMs;

    /** A user whose first socket just opened: the first heartbeat is due at once. */
    UserSockets(String userId, long nowMs) {
        this.userId = userId;
        this.nextDueMs = nowMs;
    }

    String userId() {
        return userId;
    }

    synchronized boolean add(UserSocket socket, int max) {
        if (sockets.size() >= max) {
            return false;
        }
        sockets.add(socket);
        return true;
    }

    /** Removes the socket; true when it was the user's last. */
    synchronized boolean remove(UserSocket socket) {
        sockets.remove(socket);
        return sockets.isEmpty();
    }

    synchronized int size() {
        return sockets.size();
    }

    synchronized List<UserSocket> sockets() {
        return List.copyOf(sockets);
    }

    private synchronized boolean isDue(long nowMs) {
        return !writing && nowMs >= nextDueMs && !sockets.isEmpty();
    }

    /** A text frame: the next heartbeat comes at once, unless one was written less than a second ago. */
    synchronized void textHeard(long nowMs) {
        nextDueMs = Math.min(nextDueMs, Math.max(nowMs, lastWrittenMs + SocketLimits.TEXT_COALESCE.toMillis()));
    }

    /**
     * When a heartbeat is due, closes the sockets whose token expired or whose peer stopped answering, pings the
     * others, and answers whether a heartbeat should be written for the user now (then one is in flight until
     * {@link #written} or {@link #failed}).
     */
    boolean startBeat(long nowMs, SocketLimits limits) {
        if (!isDue(nowMs)) {
            return false; // most users at most ticks: nothing allocated
        }
        List<UserSocket> expired = new ArrayList<>(0);
        List<UserSocket> dead = new ArrayList<>(0);
        List<UserSocket> alive = new ArrayList<>(2);
        synchronized (this) {
            if (!isDue(nowMs)) {
                return false;
            }
            for (UserSocket socket : sockets) {
                if (socket.expiresAt()
                        .isBefore(Instant.ofEpochMilli(nowMs).minusSeconds(TokenVerifier.LEEWAY_SECONDS))) {
                    expired.add(socket);
                } else if (nowMs - socket.lastHeardMs() > limits.deadAfter().toMillis()) {
                    dead.add(socket);
                } else {
                    alive.add(socket);
                }
            }
            writing = !alive.isEmpty();
            beatDueMs = nextDueMs;
        }
        // Outside the lock: closing calls back into the registry.
        expired.forEach(socket -> socket.close(SocketClose.TOKEN_EXPIRED));
        dead.forEach(socket -> socket.close(SocketClose.NO_PONG));
        alive.forEach(UserSocket::ping);
        return !alive.isEmpty();
    }

    /** Kafka has the heartbeat: tell the sockets, and schedule the next. */
    void written(long nowMs, String acknowledgement, SocketLimits limits) {
        List<UserSocket> toTell;
        synchronized (this) {
            writing = false;
            lastWrittenMs = nowMs;
            failingSinceMs = -1;
            nextDueMs = Math.max(nextDueMs, beatDueMs + limits.beatEvery().toMillis());
            toTell = List.copyOf(sockets);
        }
        toTell.forEach(socket -> socket.send(acknowledgement));
    }

    /**
     * Kafka refused or timed out: tell the sockets and retry soon; after {@link SocketLimits#kafkaBound()} of failures
     * close them, so that clients fall back or reconnect elsewhere rather than believe they are online.
     */
    void failed(long nowMs, String problem, SocketLimits limits) {
        List<UserSocket> affected;
        boolean giveUp;
        synchronized (this) {
            writing = false;
            if (failingSinceMs < 0) {
                failingSinceMs = nowMs;
            }
            giveUp = nowMs - failingSinceMs >= limits.kafkaBound().toMillis();
            nextDueMs = nowMs + SocketLimits.RETRY_AFTER.toMillis();
            affected = List.copyOf(sockets);
        }
        for (UserSocket socket : affected) {
            if (giveUp) {
                socket.close(SocketClose.KAFKA_UNAVAILABLE);
            } else {
                socket.send(problem);
            }
        }
    }
}
