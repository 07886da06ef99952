package io.presence.query.dashboard;

import io.javalin.config.JavalinConfig;
import io.presence.http.StaticAssets;

/**
 * {@code GET /}: the live dashboard, plain HTML, CSS and JavaScript built on {@code presence.js}. The page is public;
 * everything it shows comes from the authenticated API with the token the page is given.
 */
public final class Dashboard {
    private Dashboard() {}

    public static void install(JavalinConfig config) {
        StaticAssets.serve(config, "/", "/web/dashboard.html", "text/html; charset=utf-8");
        StaticAssets.serve(config, "/dashboard.js", "/web/dashboard.js", "text/javascript; charset=utf-8");
        StaticAssets.serve(config, "/dashboard.css", "/web/dashboard.css", "text/css; charset=utf-8");
        StaticAssets.presenceJs(config);
    }
}
