package io.presence.app;

import io.presence.gateway.GatewayMain;
import picocli.CommandLine.Command;

/** {@code ./presence gateway}: ingest-gateway alone, configured by the environment. */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description =
                "Run ingest-gateway against KAFKA_BOOTSTRAP_SERVERS (configuration from the environment, see README).")
final class GatewayCommand implements Runnable {
    @Override
    public void run() {
        GatewayMain.main(new String[0]);
        Foreground.waitForShutdown();
    }
}
