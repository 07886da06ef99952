package io.presence.lifecycle;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one process the same way for every entry point: start it from the environment, close it on SIGTERM (then exit
 * 0), and turn a start-up failure into one clear line on stderr and a non-zero exit.
 */
public final class ProcessLauncher {
    private static final Logger log = LoggerFactory.getLogger(ProcessLauncher.class);

    private ProcessLauncher() {}

    /** Starts the process, registers its clean close as the shutdown hook, and returns once it serves. */
    public static <P extends AutoCloseable> P launch(String processName, Env env, Function<Env, P> starter) {
        P process;
        try {
            process = starter.apply(env);
        } catch (ConfigException e) {
            System.err.println(processName + ": configuration error: " + e.getMessage());
            System.exit(2);
            throw e;
        } catch (RuntimeException e) {
            System.err.println(processName + ": cannot start: " + e.getMessage());
            log.debug("Start-up failure", e);
            System.exit(1);
            throw e;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> closeQuietly(processName, process), processName + "-shutdown"));
        return process;
    }

    /**
     * Closes the process and then ends the JVM with status 0: a SIGTERM that led to a clean stop is a success, where
     * the JVM would otherwise report 143.
     */
    private static void closeQuietly(String processName, AutoCloseable process) {
        int status = 0;
        try {
            process.close();
            log.info("{} stopped cleanly", processName);
        } catch (Exception e) {
            log.error("{} did not stop cleanly", processName, e);
            status = 1;
        }
        halt(status);
    }

    /** Ends the JVM from a shutdown hook with this status, leaving no unpacked native library behind. */
    public static void halt(int status) {
        UnpackedNativeLibraries.delete();
        Runtime.getRuntime().halt(status);
    }
}
