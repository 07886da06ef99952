package io.presence.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds}: every request timed by method, route template, status and problem type, and
 * the public {@code GET /metrics} scrape endpoint. Route templates, not raw paths, keep the label set bounded.
 */
final class RequestMetrics {
    private RequestMetrics() {}

    static void install(JavalinConfig config, PrometheusMeterRegistry registry) {
        config.requestLogger.http((ctx, millis) -> Timer.builder("http.server.requests")
                .description("HTTP requests by route and outcome")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .tag("problem", problem(ctx))
                .publishPercentileHistogram()
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS));
        config.routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
    }

    private static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? "unmatched" : matched.path;
    }

    private static String problem(Context ctx) {
        String problem = ctx.attribute(HttpErrors.PROBLEM_ATTRIBUTE);
        return problem == null ? "none" : problem;
    }
}
