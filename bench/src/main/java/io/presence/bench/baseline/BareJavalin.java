package io.presence.bench.baseline;

import io.javalin.Javalin;

/**
 * The HTTP baseline: Javalin with its defaults answering every {@code POST /heartbeat} with 204, and nothing else but
 * its readiness. Run in a JVM of its own, as the gateway is; the port is its only argument.
 */
public final class BareJavalin {
    private BareJavalin() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Javalin app = Javalin.create(config -> {
                    config.routes.post("/heartbeat", ctx -> ctx.status(204));
                    config.routes.get("/health/ready", ctx -> ctx.status(200));
                })
                .start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }
}
