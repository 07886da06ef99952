package io.presence.gateway;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presence.auth.TokenVerifier;
import io.presence.gateway.heartbeat.HeartbeatPublisher;
import io.presence.gateway.heartbeat.HeartbeatRoutes;
import io.presence.http.HealthRoutes;
import io.presence.http.HttpServers;
import io.presence.http.OpenApiRoute;
import io.presence.kafka.KafkaReachability;
import io.presence.kafka.TopicProvisioner;
import io.presence.metrics.ProcessMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running ingest-gateway: the HTTP server, the heartbeat producer and the readiness probe, closed in that order. */
public final class GatewayApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);
    private static final Duration KAFKA_WAIT_AT_START = Duration.ofSeconds(30);

    private final Javalin http;
    private final HeartbeatPublisher publisher;
    private final KafkaReachability reachability;

    private GatewayApp(Javalin http, HeartbeatPublisher publisher, KafkaReachability reachability) {
        this.http = http;
        this.publisher = publisher;
        this.reachability = reachability;
    }

    public static GatewayApp start(GatewayConfig config, Clock clock) {
        new TopicProvisioner(config.kafka()).ensureTopics(KAFKA_WAIT_AT_START);
        PrometheusMeterRegistry metrics = ProcessMetrics.create("ingest-gateway");
        HeartbeatPublisher publisher = HeartbeatPublisher.connect(config.kafka(), config.offlineAfter(), metrics);
        KafkaReachability reachability = new KafkaReachability(config.kafka(), clock);
        HeartbeatRoutes heartbeats = new HeartbeatRoutes(
                new TokenVerifier(config.jwt(), clock), publisher, metrics, clock, config.offlineAfter());
        Javalin http = HttpServers.start(config.host(), config.port(), GatewayConfig.PORT, metrics, routes -> {
            heartbeats.install(routes);
            HealthRoutes.install(routes, reachability);
            OpenApiRoute.install(routes, "ingest-gateway");
        });
        log.info(
                "ingest-gateway listening on port {}, writing to {}",
                http.port(),
                config.kafka().bootstrapServers());
        return new GatewayApp(http, publisher, reachability);
    }

    public int port() {
        return http.port();
    }

    /** The routes this process answers, as {@code "METHOD /path"}. */
    public Set<String> routes() {
        return HttpServers.routes(http);
    }

    /** Stops taking requests, lets those in flight finish, then flushes and closes the producer. */
    @Override
    public void close() {
        http.stop();
        publisher.close();
        reachability.close();
    }
}
