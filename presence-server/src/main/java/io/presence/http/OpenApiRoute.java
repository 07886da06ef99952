package io.presence.http;

import io.javalin.config.JavalinConfig;

/**
 * {@code GET /openapi.json}: the process's OpenAPI 3 document, kept as a resource beside its code and checked by tests.
 */
public final class OpenApiRoute {
    private OpenApiRoute() {}

    /** Serves {@code /openapi/<processName>.json} from the classpath; fails at start-up if it is missing. */
    public static void install(JavalinConfig config, String processName) {
        StaticAssets.serve(config, "/openapi.json", "/openapi/" + processName + ".json", "application/json");
    }
}
