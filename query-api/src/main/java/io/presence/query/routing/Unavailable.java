package io.presence.query.routing;

import io.presence.http.ProblemException;

/** The one 503 of query-api: an answer cannot be given right now, and a wrong one never is. */
public final class Unavailable {
    public static final int RETRY_AFTER_SECONDS = 1;

    private Unavailable() {
    }

    public static ProblemException because(String why) {
        return ProblemException.unavailable("status-unavailable",
                "Cannot answer right now: " + why + "; retry after " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
    }
}
