package io.presence.query;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presence.auth.PeerTokens;
import io.presence.auth.TokenVerifier;
import io.presence.http.HealthRoutes;
import io.presence.http.HttpServers;
import io.presence.http.OpenApiRoute;
import io.presence.kafka.TopicProvisioner;
import io.presence.metrics.ProcessMetrics;
import io.presence.query.cluster.ClusterRoutes;
import io.presence.query.dashboard.Dashboard;
import io.presence.query.history.HistoryPeerRoutes;
import io.presence.query.history.HistoryReader;
import io.presence.query.history.HistoryRoutes;
import io.presence.query.routing.PeerAuth;
import io.presence.query.routing.PeerClient;
import io.presence.query.routing.Unavailable;
import io.presence.query.status.PeerRoutes;
import io.presence.query.status.StatusReader;
import io.presence.query.status.StatusRoutes;
import io.presence.query.subscribe.LiveChanges;
import io.presence.query.subscribe.SubscribeRoutes;
import io.presence.stream.Instance;
import io.presence.stream.PresenceEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running query-api: Kafka Streams hosting the presence topology, and the HTTP server answering from its stores.
 * The server starts first (answering 503 until the stores are ready) so that its real port can be advertised.
 */
public final class QueryApiApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryApiApp.class);
    private static final Duration KAFKA_WAIT_AT_START = Duration.ofSeconds(30);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);

    private final Javalin http;
    private final LiveChanges live;
    private final PresenceEngine engine;

    private QueryApiApp(Javalin http, LiveChanges live, PresenceEngine engine) {
        this.http = http;
        this.live = live;
        this.engine = engine;
    }

    public static QueryApiApp start(QueryApiConfig config, Clock clock) {
        new TopicProvisioner(config.kafka()).ensureTopics(KAFKA_WAIT_AT_START);
        PrometheusMeterRegistry metrics = ProcessMetrics.create("query-api");
        PresenceEngine engine = new PresenceEngine(config.engine(), metrics, clock);
        TokenVerifier tokens = new TokenVerifier(config.jwt(), clock);
        PeerTokens peerTokens = new PeerTokens(config.jwt(), clock);
        PeerClient peers = new PeerClient(peerTokens, PEER_TIMEOUT);
        StatusReader reader = new StatusReader(engine, peers, clock, config.rule());
        HistoryRoutes history = new HistoryRoutes(
                tokens,
                new HistoryReader(engine, peers, config.rule()),
                config.historyRetention(),
                config.rule(),
                clock);
        StatusRoutes status = new StatusRoutes(tokens, reader, clock, history::statusAt);
        PeerAuth peerAuth = new PeerAuth(tokens, peerTokens);
        PeerRoutes internal = new PeerRoutes(peerAuth, reader, engine);
        HistoryPeerRoutes historyInternal = new HistoryPeerRoutes(peerAuth, engine);
        LiveChanges live = LiveChanges.start(config.kafka(), metrics, clock);
        SubscribeRoutes subscribe = new SubscribeRoutes(tokens, reader, live);
        ClusterRoutes cluster = new ClusterRoutes(tokens, engine, clock);
        Javalin http = HttpServers.start(config.host(), config.port(), QueryApiConfig.PORT, metrics, routes -> {
            status.install(routes);
            subscribe.install(routes);
            cluster.install(routes);
            Dashboard.install(routes);
            history.install(routes);
            internal.install(routes);
            historyInternal.install(routes);
            Unavailable.install(routes);
            HealthRoutes.install(routes, engine::deadBecause, engine::notReadyBecause);
            OpenApiRoute.install(routes, "query-api");
        });
        AdvertisedAddress.doubtAbout(config.advertisedHost(), config.kafka().bootstrapServers())
                .ifPresent(log::warn);
        engine.start(new Instance(config.advertisedHost(), http.port()));
        log.info(
                "query-api listening on port {}, state in {}",
                http.port(),
                config.stateDir().toAbsolutePath());
        return new QueryApiApp(http, live, engine);
    }

    public int port() {
        return http.port();
    }

    /** The routes this process answers, as {@code "METHOD /path"}. */
    public Set<String> routes() {
        return HttpServers.routes(http);
    }

    /**
     * Ends the subscriptions (clients resume elsewhere), stops taking queries, lets those in flight finish, then closes
     * Kafka Streams and leaves the group.
     */
    @Override
    public void close() {
        live.close();
        http.stop();
        engine.close();
    }
}
