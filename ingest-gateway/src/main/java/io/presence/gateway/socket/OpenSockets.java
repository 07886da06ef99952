package io.presence.gateway.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Every open socket of this gateway, by user: what the heartbeat scheduler walks and the upgrade checks. */
public final class OpenSockets {
    private final Map<String, UserSockets> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<SocketClose, Counter> closes = new EnumMap<>(SocketClose.class);
    private final Clock clock;

    public OpenSockets(MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        Gauge.builder("presence.gateway.sockets.open", open, AtomicInteger::get)
                .description("Open WebSocket connections")
                .register(metrics);
        Gauge.builder("presence.gateway.sockets.users", byUser, Map::size)
                .description("Users with at least one open WebSocket connection")
                .register(metrics);
        for (SocketClose why : SocketClose.values()) {
            closes.put(
                    why,
                    Counter.builder("presence.gateway.sockets.closed")
                            .description("Sockets the gateway closed, by reason")
                            .tag("reason", why.tag())
                            .register(metrics));
        }
    }

    /** Sockets the user holds now; the upgrade refuses one more beyond {@link SocketLimits#SOCKETS_PER_USER}. */
    public int countFor(String userId) {
        UserSockets user = byUser.get(userId);
        return user == null ? 0 : user.size();
    }

    public int openSockets() {
        return open.get();
    }

    /** Registers a socket that just opened; false when its user already holds the most allowed. */
    boolean opened(UserSocket socket) {
        boolean[] added = {false};
        byUser.compute(socket.userId(), (id, user) -> {
            UserSockets holder = user == null ? new UserSockets(id, clock.millis()) : user;
            added[0] = holder.add(socket, SocketLimits.SOCKETS_PER_USER);
            return holder.size() == 0 ? null : holder;
        });
        if (added[0]) {
            open.incrementAndGet();
        }
        return added[0];
    }

    /** Forgets a closed socket; the user's entry goes with its last socket, and with it the user's heartbeats. */
    void closed(UserSocket socket) {
        boolean[] removed = {false};
        byUser.computeIfPresent(socket.userId(), (id, user) -> {
            removed[0] = user.sockets().contains(socket);
            return user.remove(socket) ? null : user;
        });
        if (removed[0]) {
            open.decrementAndGet();
        }
    }

    void closing(UserSocket socket, SocketClose why) {
        closes.get(why).increment();
    }

    void textFrom(UserSocket socket, long nowMs) {
        UserSockets user = byUser.get(socket.userId());
        if (user != null) {
            user.textHeard(nowMs);
        }
    }

    Collection<UserSockets> users() {
        return byUser.values();
    }

    /** Closes every socket, telling the clients why; used when the gateway stops. */
    void closeAll(SocketClose why) {
        for (UserSockets user : List.copyOf(byUser.values())) {
            user.sockets().forEach(socket -> socket.close(why));
        }
    }
}
