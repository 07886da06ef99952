package io.presence.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Runs in the broker's child JVM, ahead of {@code kafka.Kafka}: it watches standard input, a pipe held open by the
 * parent, and stops the broker (a controlled shutdown through its shutdown hook) when the pipe closes. The parent
 * closes it to stop the broker, and the pipe closes by itself when the parent exits in any way, {@code kill -9}
 * included, so a broker never outlives the process that started it.
 *
 * <p>Depends on nothing but the JDK: it is copied next to the broker's data and put on the broker's classpath alone.
 */
public final class BrokerLauncher {
    private BrokerLauncher() {}

    /** {@code args[0]} is the main class to run, the rest its arguments. */
    public static void main(String[] args) throws ReflectiveOperationException {
        Thread watchdog = new Thread(
                () -> {
                    awaitEndOfInput(System.in);
                    System.exit(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)
                Arrays.copyOfRange(args, 1, args.length));
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] ignored = new byte[64];
        try {
            while (in.read(ignored) >= 0) {
                // the parent writes nothing; only the end of the stream matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, like the end of the stream
        }
    }
}
