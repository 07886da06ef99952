package io.presence.http;

import io.javalin.config.JavalinConfig;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /health/live} (the process runs and can recover by itself; a restart is the only cure otherwise) and
 * {@code /health/ready} (it can do its job now). Both are public.
 */
public final class HealthRoutes {
    private HealthRoutes() {}

    /** For a process that is live while it runs. */
    public static void install(JavalinConfig config, Readiness readiness) {
        install(config, Optional::empty, readiness);
    }

    /** {@code liveness} says why the process is beyond recovering by itself, when it is. */
    public static void install(JavalinConfig config, Readiness liveness, Readiness readiness) {
        config.routes.get("/health/live", ctx -> {
            var reason = liveness.notReadyBecause();
            if (reason.isPresent()) {
                throw ProblemException.unavailable("not-live", reason.get(), 1);
            }
            ctx.json(Map.of("status", "live"));
        });
        config.routes.get("/health/ready", ctx -> {
            var reason = readiness.notReadyBecause();
            if (reason.isPresent()) {
                throw ProblemException.unavailable("not-ready", reason.get(), 1);
            }
            ctx.json(Map.of("status", "ready"));
        });
    }
}
