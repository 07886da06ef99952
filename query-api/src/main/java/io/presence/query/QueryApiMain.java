package io.presence.query;

import io.presence.config.Env;
import io.presence.lifecycle.ProcessLauncher;
import java.time.Clock;

/** Starts query-api from the environment; SIGTERM closes it cleanly. */
public final class QueryApiMain {
    private QueryApiMain() {}

    public static void main(String[] args) {
        ProcessLauncher.launch(
                "query-api", Env.system(), env -> QueryApiApp.start(QueryApiConfig.fromEnv(env), Clock.systemUTC()));
    }
}
