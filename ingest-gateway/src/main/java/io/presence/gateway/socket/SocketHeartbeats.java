package io.presence.gateway.socket;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presence.event.EventJson;
import io.presence.event.Heartbeat;
import io.presence.gateway.heartbeat.HeartbeatPublisher;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one scheduler behind every socket: every {@link SocketLimits#TICK} it finds the users whose heartbeat is due,
 * writes one durable heartbeat for each (however many sockets the user holds) and tells the sockets when Kafka has it.
 * No timer per connection: ten thousand sockets cost one thread and a walk over their users.
 */
public final class SocketHeartbeats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketHeartbeats.class);

    private final OpenSockets sockets;
    private final HeartbeatPublisher publisher;
    private final SocketLimits limits;
    private final Clock clock;
    private final Counter written;
    private final Counter notStored;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "socket-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    /** What a socket hears when its heartbeat is durable: the fields of a {@code POST /heartbeat} 202. */
    record Written(
            @JsonProperty("type") String type,
            @JsonProperty("user_id") String userId,
            @JsonProperty("accepted_at") Instant acceptedAt,
            @JsonProperty("next_heartbeat_ms") long nextHeartbeatMs) {}

    /** What a socket hears when Kafka did not take its heartbeat. */
    record NotStored(
            @JsonProperty("type") String type,
            @JsonProperty("status") int status,
            @JsonProperty("detail") String detail) {}

    public SocketHeartbeats(
            OpenSockets sockets,
            HeartbeatPublisher publisher,
            Duration offlineAfter,
            Clock clock,
            MeterRegistry metrics) {
        this.sockets = sockets;
        this.publisher = publisher;
        this.limits = SocketLimits.forOfflineAfter(offlineAfter);
        this.clock = clock;
        this.written = Counter.builder("presence.gateway.sockets.heartbeats")
                .description("Heartbeats written on behalf of open sockets")
                .tag("outcome", "stored")
                .register(metrics);
        this.notStored = Counter.builder("presence.gateway.sockets.heartbeats")
                .description("Heartbeats written on behalf of open sockets")
                .tag("outcome", "not_stored")
                .register(metrics);
    }

    public void start() {
        long tick = SocketLimits.TICK.toMillis();
        scheduler.scheduleWithFixedDelay(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log, and keep the sockets' users online.
            log.error("Socket heartbeat tick failed", e);
        }
    }

    void tick() {
        long now = clock.millis();
        for (UserSockets user : sockets.users()) {
            if (user.startBeat(now, limits)) {
                write(user);
            }
        }
    }

    private void write(UserSockets user) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // The outcome is handled on this scheduler's thread, not the producer's: telling the sockets writes to them.
        publisher
                .publish(List.of(new Heartbeat(user.userId(), at)))
                .whenCompleteAsync(
                        (recordedAt, error) -> {
                            long now = clock.millis();
                            if (error == null) {
                                written.increment();
                                Written ack = new Written(
                                        "heartbeat",
                                        user.userId(),
                                        recordedAt.get(0),
                                        limits.beatEvery().toMillis());
                                user.written(now, json(ack), limits);
                            } else {
                                notStored.increment();
                                NotStored problem = new NotStored(
                                        "error",
                                        503,
                                        "The heartbeat could not be stored right now; retrying every second");
                                user.failed(now, json(problem), limits);
                            }
                        },
                        scheduler);
    }

    private static String json(Object message) {
        try {
            return EventJson.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops writing heartbeats and closes every socket with "going away", so clients reconnect elsewhere. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.closeAll(SocketClose.GOING_AWAY);
    }
}
