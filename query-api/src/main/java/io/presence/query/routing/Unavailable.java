package io.presence.query.routing;

import io.javalin.config.JavalinConfig;
import io.presence.http.HttpErrors;
import io.presence.http.ProblemException;
import io.presence.stream.StateUnavailableException;

/**
 * The one 503 of query-api: an answer cannot be given right now, and a wrong one never is. The presence engine says
 * so with a {@link StateUnavailableException} (starting, rebalancing, restoring); {@link #install} maps it here.
 */
public final class Unavailable {
    public static final int RETRY_AFTER_SECONDS = 1;

    private Unavailable() {}

    public static ProblemException because(String why) {
        return ProblemException.unavailable(
                "status-unavailable",
                "Cannot answer right now: " + why + "; retry after " + RETRY_AFTER_SECONDS + " s",
                RETRY_AFTER_SECONDS);
    }

    /** Answers every {@link StateUnavailableException} that reaches a route with this 503. */
    public static void install(JavalinConfig config) {
        config.routes.exception(StateUnavailableException.class, (e, ctx) -> {
            ProblemException unavailable = because(e.getMessage());
            HttpErrors.write(ctx, unavailable.problem(), unavailable.headers());
        });
    }
}
