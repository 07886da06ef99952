package io.presence.gateway;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presence.auth.TokenVerifier;
import io.presence.gateway.heartbeat.HeartbeatPublisher;
import io.presence.gateway.heartbeat.HeartbeatRoutes;
import io.presence.gateway.socket.OpenSockets;
import io.presence.gateway.socket.SocketHeartbeats;
import io.presence.gateway.socket.SocketRoutes;
import io.presence.http.HealthRoutes;
import io.presence.http.HttpServers;
import io.presence.http.OpenApiRoute;
import io.presence.http.StaticAssets;
import io.presence.kafka.KafkaReachability;
import io.presence.kafka.TopicProvisioner;
import io.presence.metrics.ProcessMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest-gateway: the HTTP server, the sockets' heartbeat scheduler, the heartbeat producer and the readiness
 * probe, closed sockets first, producer last.
 */
public final class GatewayApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);
    private static final Duration KAFKA_WAIT_AT_START = Duration.ofSeconds(30);

    private final Javalin http;
    private final OpenSockets sockets;
    private final SocketHeartbeats socketHeartbeats;
    private final HeartbeatPublisher publisher;
    private final KafkaReachability reachability;

    private GatewayApp(
            Javalin http,
            OpenSockets sockets,
            SocketHeartbeats socketHeartbeats,
            HeartbeatPublisher publisher,
            KafkaReachability reachability) {
        this.http = http;
        this.sockets = sockets;
        this.socketHeartbeats = socketHeartbeats;
        this.publisher = publisher;
        this.reachability = reachability;
    }

    public static GatewayApp start(GatewayConfig config, Clock clock) {
        new TopicProvisioner(config.kafka()).ensureTopics(KAFKA_WAIT_AT_START);
        PrometheusMeterRegistry metrics = ProcessMetrics.create("ingest-gateway");
        HeartbeatPublisher publisher = HeartbeatPublisher.connect(config.kafka(), config.offlineAfter(), metrics);
        KafkaReachability reachability = new KafkaReachability(config.kafka(), clock);
        TokenVerifier tokens = new TokenVerifier(config.jwt(), clock);
        HeartbeatRoutes heartbeats = new HeartbeatRoutes(tokens, publisher, metrics, clock, config.offlineAfter());
        OpenSockets sockets = new OpenSockets(metrics, clock);
        SocketHeartbeats socketHeartbeats =
                new SocketHeartbeats(sockets, publisher, config.offlineAfter(), clock, metrics);
        SocketRoutes socketRoutes = new SocketRoutes(tokens, sockets, clock);
        Javalin http = HttpServers.start(
                config.host(),
                config.port(),
                GatewayConfig.PORT,
                metrics,
                HttpServers.MAX_SOCKET_CONNECTIONS,
                routes -> {
                    heartbeats.install(routes);
                    socketRoutes.install(routes);
                    StaticAssets.presenceJs(routes);
                    HealthRoutes.install(routes, reachability);
                    OpenApiRoute.install(routes, "ingest-gateway");
                });
        log.info(
                "ingest-gateway listening on port {}, writing to {}",
                http.port(),
                config.kafka().bootstrapServers());
        socketHeartbeats.start();
        return new GatewayApp(http, sockets, socketHeartbeats, publisher, reachability);
    }

    public int port() {
        return http.port();
    }

    /** WebSocket connections open now. */
    public int openSockets() {
        return sockets.openSockets();
    }

    /** The routes this process answers, as {@code "METHOD /path"}. */
    public Set<String> routes() {
        return HttpServers.routes(http);
    }

    /**
     * Closes the sockets ("going away", so clients reconnect elsewhere), stops taking requests, lets those in flight
     * finish, then flushes and closes the producer.
     */
    @Override
    public void close() {
        socketHeartbeats.close();
        http.stop();
        publisher.close();
        reachability.close();
    }
}
