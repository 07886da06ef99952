package io.presence.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Presence process started as production starts it: {@code java -jar presence.jar <command>}, configured by
 * environment.
 */
public final class PresenceProcess {
    public static final Path JAR = Path.of("target", "presence.jar");
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String command;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    private PresenceProcess(String command, Map<String, String> env, Path log, int port) {
        this.command = command;
        this.env = Map.copyOf(env);
        this.log = log;
        this.port = port;
    }

    /** Starts the process; its output goes to {@code log} (appended, so restarts keep the history). */
    public static PresenceProcess start(String command, Map<String, String> env, Path log, int port) {
        PresenceProcess started = new PresenceProcess(command, env, log, port);
        started.start();
        return started;
    }

    public void start() {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        JAR.toString(),
                        command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void awaitReady(Duration timeout) {
        await(command + " on " + port + " ready")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> CLIENT.send(
                                        HttpRequest.newBuilder(URI.create(url("/health/ready")))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    /** SIGKILL: the process dies as in a crash, without leaving the group or flushing anything. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM, then the exit status. */
    public int terminate(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
