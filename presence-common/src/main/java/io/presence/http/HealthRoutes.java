package io.presence.http;

import io.javalin.config.JavalinConfig;
import java.util.Map;

/** {@code /health/live} (the process runs) and {@code /health/ready} (it can do its job now). Both are public. */
public final class HealthRoutes {
    private HealthRoutes() {
    }

    public static void install(JavalinConfig config, Readiness readiness) {
        config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
        config.routes.get("/health/ready", ctx -> {
            var reason = readiness.notReadyBecause();
            if (reason.isPresent()) {
                throw ProblemException.unavailable("not-ready", reason.get(), 1);
            }
            ctx.json(Map.of("status", "ready"));
        });
    }
}
