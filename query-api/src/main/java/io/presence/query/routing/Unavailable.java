package io.presence.query.routing;

import io.javalin.config.JavalinConfig;
import io.presence.http.HttpErrors;
import io.presence.http.ProblemException;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * The one 503 of query-api: an answer cannot be given right now, and a wrong one never is. Kafka Streams says so by
 * throwing a {@link StreamsException} ({@code InvalidStateStoreException} while a store migrates, restores or the
 * instance rebalances; {@code StreamsNotStartedException} before start); {@link #install} maps all of them here.
 */
public final class Unavailable {
    public static final int RETRY_AFTER_SECONDS = 1;

    private Unavailable() {
    }

    public static ProblemException because(String why) {
        return ProblemException.unavailable("status-unavailable",
                "Cannot answer right now: " + why + "; retry after " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
    }

    /** Answers every {@link StreamsException} that reaches a route with this 503. */
    public static void install(JavalinConfig config) {
        config.routes.exception(StreamsException.class, (e, ctx) -> {
            ProblemException unavailable = because("the state is not available here (" + e.getMessage() + ")");
            HttpErrors.write(ctx, unavailable.problem(), unavailable.headers());
        });
    }
}
