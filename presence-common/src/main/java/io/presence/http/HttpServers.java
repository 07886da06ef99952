package io.presence.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.presence.config.ConfigException;
import io.presence.event.EventJson;
import java.io.IOException;
import java.net.BindException;
import java.util.function.Consumer;

/** Builds and starts the Javalin servers of both processes with the same JSON, errors and limits. */
public final class HttpServers {
    /** Large enough for the batch endpoints (1000 ids of 128 characters); single endpoints check their own, smaller limit. */
    public static final long MAX_REQUEST_BYTES = 256 * 1024;

    private HttpServers() {
    }

    /**
     * Starts a server on {@code port} with {@code routes} added to the shared set-up.
     *
     * @param portVariable the configuration variable the port came from, named when it cannot be bound
     */
    public static Javalin start(String host, int port, String portVariable, Consumer<JavalinConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(EventJson.mapper(), false));
            HttpErrors.install(config);
            routes.accept(config);
        });
        try {
            return app.start(host, port);
        } catch (RuntimeException e) {
            if (causedByBindFailure(e)) {
                throw new ConfigException(portVariable, "port " + port + " on " + host + " is already in use; choose another");
            }
            throw e;
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t instanceof IOException && String.valueOf(t.getMessage()).contains("bind"))) {
                return true;
            }
        }
        return false;
    }
}
