package io.presence.gateway.heartbeat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.presence.auth.Caller;
import io.presence.auth.Scope;
import io.presence.auth.TokenVerifier;
import io.presence.event.Heartbeat;
import io.presence.http.HttpErrors;
import io.presence.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /heartbeat} (the caller is alive) and {@code POST /heartbeats} (a backend relays many users). Both answer
 * 202 only from the Kafka acknowledgement, asynchronously, so no request thread waits for it.
 */
public final class HeartbeatRoutes {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatRoutes.class);
    private static final int RETRY_AFTER_SECONDS = 1;

    private final TokenVerifier tokens;
    private final HeartbeatPublisher publisher;
    private final HeartbeatRateLimiter rateLimiter;
    private final HeartbeatMetrics metrics;
    private final Clock clock;
    private final long nextHeartbeatMs;

    public HeartbeatRoutes(
            TokenVerifier tokens,
            HeartbeatPublisher publisher,
            MeterRegistry registry,
            Clock clock,
            Duration offlineAfter) {
        this.tokens = tokens;
        this.publisher = publisher;
        this.rateLimiter = new HeartbeatRateLimiter(offlineAfter, clock);
        this.metrics = new HeartbeatMetrics(registry);
        this.clock = clock;
        this.nextHeartbeatMs = offlineAfter.toMillis() / 2;
    }

    /** The body of a 202 for one heartbeat. */
    record Accepted(
            @JsonProperty("user_id") String userId,
            @JsonProperty("accepted_at") Instant acceptedAt,
            @JsonProperty("next_heartbeat_ms") long nextHeartbeatMs) {}

    /** The body of a 202 for a batch. */
    record BatchAccepted(@JsonProperty("accepted") int accepted) {}

    public void install(JavalinConfig config) {
        config.routes.post("/heartbeat", ctx -> metrics.countingRejections(() -> heartbeat(ctx)));
        config.routes.post("/heartbeats", ctx -> metrics.countingRejections(() -> heartbeats(ctx)));
    }

    private void heartbeat(Context ctx) {
        Caller caller = tokens.verify(ctx.header("Authorization"));
        rateLimiter.acquire(caller.userId());
        HeartbeatRequests.checkSingleBody(ctx.bodyAsBytes());
        Heartbeat heartbeat = new Heartbeat(caller.userId(), receiveTime());
        respondWhenDurable(
                ctx,
                List.of(heartbeat),
                recordedAt -> new Accepted(caller.userId(), recordedAt.get(0), nextHeartbeatMs));
    }

    private void heartbeats(Context ctx) {
        Caller caller = tokens.verify(ctx.header("Authorization"));
        if (!caller.hasScope(Scope.WRITE)) {
            throw ProblemException.forbidden(
                    "Relaying heartbeats for other users needs a token with scope '" + Scope.WRITE + "'");
        }
        List<String> userIds = HeartbeatRequests.batchUserIds(ctx.bodyAsBytes());
        Instant now = receiveTime();
        List<Heartbeat> batch =
                userIds.stream().map(id -> new Heartbeat(id, now)).toList();
        respondWhenDurable(ctx, batch, recordedAt -> new BatchAccepted(batch.size()));
    }

    private Instant receiveTime() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Answers 202 with the body made from the heartbeats' recorded times once all are durable, else 503. */
    private void respondWhenDurable(
            Context ctx, List<Heartbeat> heartbeats, Function<List<Instant>, Object> acceptedBody) {
        CompletableFuture<List<Instant>> written = publisher.publish(heartbeats);
        ctx.future(() -> written.handle((recordedAt, error) -> {
            if (error == null) {
                metrics.accepted(heartbeats.size());
                ctx.status(202).json(acceptedBody.apply(recordedAt));
            } else {
                metrics.notStored(heartbeats.size());
                log.warn("Kafka did not take {} heartbeat(s): {}", heartbeats.size(), error.toString());
                ProblemException unavailable = ProblemException.unavailable(
                        "kafka-unavailable",
                        "The heartbeat could not be stored right now; retry after " + RETRY_AFTER_SECONDS + " s",
                        RETRY_AFTER_SECONDS);
                HttpErrors.write(ctx, unavailable.problem(), unavailable.headers());
            }
            return null;
        }));
    }
}
