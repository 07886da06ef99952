package io.presence.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presence.config.ConfigException;
import io.presence.event.EventJson;
import java.io.IOException;
import java.net.BindException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;

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
    /** How long a stopping server waits for requests in flight; above the 5 s a heartbeat may wait for Kafka. */
    public static final long DRAIN_TIMEOUT_MS = 10_000;

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
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(EventJson.mapper(), false));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                // On stop, answer new requests 503 but let those in flight (202s waiting for Kafka) complete and be
                // written before connections close. Javalin puts its own handler inside this one.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(DRAIN_TIMEOUT_MS);
            });
            HttpErrors.install(config);
            // Read the body (at most MAX_REQUEST_BYTES) before any answer: an early 401/404/405 sent while the body is
            // still unread ends in a TCP reset when the connection closes, and the client never sees the answer.
            config.routes.before(Context::bodyAsBytes);
            RequestMetrics.install(config, metrics);
            routes.accept(config);
        });
        try {
            app.start(host, port);
            for (Connector connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof AbstractConnector network) {
                    network.setIdleTimeout(IDLE_TIMEOUT_MS);
                }
            }
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
