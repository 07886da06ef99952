package io.presence.app;

import io.presence.query.QueryApiMain;
import picocli.CommandLine.Command;

/** {@code ./presence query-api}: query-api alone, configured by the environment. */
@Command(
        name = "query-api",
        mixinStandardHelpOptions = true,
        description = "Run query-api (the presence topology and status queries) against KAFKA_BOOTSTRAP_SERVERS.")
final class QueryApiCommand implements Runnable {
    @Override
    public void run() {
        QueryApiMain.main(new String[0]);
        Foreground.waitForShutdown();
    }
}
