package io.presence.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the process's OpenAPI 3 document, kept as a resource beside its code and checked by tests.
 */
public final class OpenApiRoute {
    private OpenApiRoute() {}

    /** Serves {@code /openapi/<processName>.json} from the classpath; fails at start-up if it is missing. */
    public static void install(JavalinConfig config, String processName) {
        byte[] document = load("/openapi/" + processName + ".json");
        config.routes.get(
                "/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }

    private static byte[] load(String resource) {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
