package io.presence.gateway;

import io.presence.config.Env;
import io.presence.lifecycle.ProcessLauncher;
import java.time.Clock;

/** Starts ingest-gateway from the environment; SIGTERM closes it cleanly. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        ProcessLauncher.launch(
                "ingest-gateway", Env.system(), env -> GatewayApp.start(GatewayConfig.fromEnv(env), Clock.systemUTC()));
    }
}
