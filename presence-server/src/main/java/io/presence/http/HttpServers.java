package io.presence.http;

import com.sun.management.UnixOperatingSystemMXBean;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presence.config.ConfigException;
import io.presence.event.EventJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.BindException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;

/** Builds and starts the Javalin servers of both processes with the same JSON, errors, limits and metrics. */
public final class HttpServers {
    /**
     * Large enough for the batch endpoints (1000 ids of 128 characters); single endpoints check their own, smaller
     * limit.
     */
    public static final long MAX_REQUEST_BYTES = 256 * 1024;
    /** Request line plus headers: room for a long token, not for abuse. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** A connection that sends nothing for this long is closed, so slow clients cannot hold threads or sockets. */
    public static final long IDLE_TIMEOUT_MS = 15_000;
    /**
     * Open connections per process: beyond it new connections wait in the operating system's accept queue. Half the
     * process's file descriptors, which Kafka clients and RocksDB need too, and at most 10,000.
     */
    public static final int MAX_CONNECTIONS = halfTheFileDescriptors(10_000);
    /**
     * Open connections for the gateway, whose connections are mostly long-lived WebSockets and which keeps no RocksDB:
     * every file descriptor but {@value #RESERVED_DESCRIPTORS} (for Kafka clients, logs, the JVM), at most 50,000.
     */
    public static final int MAX_SOCKET_CONNECTIONS = allButReservedDescriptors(50_000);

    private static final int RESERVED_DESCRIPTORS = 1_024;
    /** How long a stopping server waits for requests in flight; above the 5 s a heartbeat may wait for Kafka. */
    public static final long DRAIN_TIMEOUT_MS = 10_000;
    /** Jetty's per-connection cache of header fields, in characters: room for the few headers clients repeat. */
    private static final int HEADER_CACHE_CHARS = 256;

    private HttpServers() {}

    /**
     * Starts a server on {@code port} with {@code routes} added to the shared set-up.
     *
     * @param portVariable the configuration variable the port came from, named when it cannot be bound
     */
    public static Javalin start(
            String host,
            int port,
            String portVariable,
            PrometheusMeterRegistry metrics,
            Consumer<JavalinConfig> routes) {
        return start(host, port, portVariable, metrics, MAX_CONNECTIONS, routes, ReadLimits.DEFAULT);
    }

    /** As {@link #start(String, int, String, PrometheusMeterRegistry, Consumer)}, with another connection limit. */
    public static Javalin start(
            String host,
            int port,
            String portVariable,
            PrometheusMeterRegistry metrics,
            int maxConnections,
            Consumer<JavalinConfig> routes) {
        return start(host, port, portVariable, metrics, maxConnections, routes, ReadLimits.DEFAULT);
    }

    /** As {@link #start(String, int, String, PrometheusMeterRegistry, Consumer)}, with other limits for bodies. */
    static Javalin start(
            String host,
            int port,
            String portVariable,
            PrometheusMeterRegistry metrics,
            Consumer<JavalinConfig> routes,
            ReadLimits limits) {
        return start(host, port, portVariable, metrics, MAX_CONNECTIONS, routes, limits);
    }

    private static Javalin start(
            String host,
            int port,
            String portVariable,
            PrometheusMeterRegistry metrics,
            int maxConnections,
            Consumer<JavalinConfig> routes,
            ReadLimits limits) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(EventJson.mapper(), false));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                // Jetty keeps a cache of header fields per connection, about 100 KB each by default: 100 MB of heap at
                // 1,000 connections (measured), and the gateway collected garbage a tenth of the time.
                http.setHeaderCacheSize(HEADER_CACHE_CHARS);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            // Javalin opens an HTTP session for every WebSocket upgrade; presence keeps no session state, so none is
            // kept in memory (ten thousand sockets held ten thousand sessions for half an hour).
            config.jetty.modifyServletContextHandler(context -> {
                SessionHandler sessions = context.getSessionHandler();
                NullSessionCache none = new NullSessionCache(sessions);
                none.setSessionDataStore(new NullSessionDataStore());
                sessions.setSessionCache(none);
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                // On stop, answer new requests 503 but let those in flight (202s waiting for Kafka) complete and be
                // written before connections close. Inside it, the guard bounds how long a request body may keep a
                // thread waiting; Javalin puts its own handler innermost.
                BodyReadGuard bodies = new BodyReadGuard(limits);
                server.setHandler(new GracefulHandler(bodies));
                server.setStopTimeout(DRAIN_TIMEOUT_MS);
                NetworkConnectionLimit connections = new NetworkConnectionLimit(maxConnections, server);
                server.addBean(connections);
                ConnectionMetrics.register(metrics, connections, bodies);
            });
            HttpErrors.install(config);
            // Routes read the body only after the token is checked; what a route leaves unread is dropped after it,
            // within the guard's quick window (see UnreadBody). A body announced larger than the limit is refused
            // before anything else, unread.
            config.routes.before(ctx -> {
                if (ctx.contentLength() > MAX_REQUEST_BYTES) {
                    throw ProblemException.payloadTooLarge(
                            "The request body is larger than " + MAX_REQUEST_BYTES / 1024 + " KiB");
                }
            });
            config.routes.after(UnreadBody::discard);
            RequestMetrics.install(config, metrics);
            routes.accept(config);
        });
        try {
            app.start(host, port);
            Server server = app.jettyServer().server();
            RequestHeadDeadline heads = new RequestHeadDeadline(limits.headDeadline(), server.getScheduler());
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof AbstractConnector network) {
                    network.setIdleTimeout(IDLE_TIMEOUT_MS);
                    network.addBean(heads);
                }
            }
            ConnectionMetrics.registerHeads(metrics, heads);
            return app;
        } catch (RuntimeException e) {
            if (causedByBindFailure(e)) {
                throw new ConfigException(
                        portVariable, "port " + port + " on " + host + " is already in use; choose another");
            }
            throw e;
        }
    }

    /** The routes a server answers, as {@code "METHOD /path"}; tests compare them with the OpenAPI document. */
    public static Set<String> routes(Javalin app) {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Half the file descriptors this process may open, at most {@code cap}; {@code cap} where unknown. */
    private static int halfTheFileDescriptors(int cap) {
        long descriptors = fileDescriptors();
        return descriptors < 0 ? cap : (int) Math.max(64, Math.min(cap, descriptors / 2));
    }

    private static int allButReservedDescriptors(int cap) {
        long descriptors = fileDescriptors();
        return descriptors < 0 ? cap : (int) Math.max(64, Math.min(cap, descriptors - RESERVED_DESCRIPTORS));
    }

    /** The file descriptors this process may open, or -1 where unknown. */
    private static long fileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t instanceof IOException
                            && String.valueOf(t.getMessage()).contains("bind"))) {
                return true;
            }
        }
        return false;
    }
}
