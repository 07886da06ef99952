package io.presence.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Public pages and scripts served from the classpath, read once at start-up. They hold no data: what they show comes
 * from the authenticated API.
 */
public final class StaticAssets {
    /** Browsers revalidate on every load, so a new release reaches every page at once. */
    private static final String NO_CACHE = "no-cache";

    private StaticAssets() {}

    /** {@code GET /presence.js}: the browser client, the same file from either process. */
    public static void presenceJs(JavalinConfig config) {
        serve(config, "/presence.js", "/web/presence.js", "text/javascript; charset=utf-8");
    }

    /** Serves a classpath resource at {@code path}; fails at start-up if the build left it out. */
    public static void serve(JavalinConfig config, String path, String resource, String contentType) {
        byte[] content = load(resource);
        config.routes.get(
                path,
                ctx -> ctx.header("Cache-Control", NO_CACHE)
                        .header("X-Content-Type-Options", "nosniff")
                        .contentType(contentType)
                        .result(content));
    }

    private static byte[] load(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The asset " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
