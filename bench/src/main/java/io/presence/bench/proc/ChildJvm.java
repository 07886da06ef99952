package io.presence.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program under measurement, started in a JVM of its own so that its CPU, memory and start-up are its own: a
 * Presence process from {@code presence.jar}, a baseline, or one of Kafka's perf tools. Output goes to a log file.
 */
public final class ChildJvm implements AutoCloseable {
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    private ChildJvm(List<String> command, Map<String, String> env, Path log) {
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /** {@code java <jvmOptions> -jar jar args...} */
    public static ChildJvm jar(
            Path jar, List<String> jvmOptions, List<String> args, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return new ChildJvm(command, env, log);
    }

    /** {@code java <jvmOptions> -cp classpath mainClass args...} */
    public static ChildJvm main(
            String classpath, List<String> jvmOptions, String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return new ChildJvm(command, Map.of(), log);
    }

    public ChildJvm start() {
        // "{start}" in an argument becomes a number of this start's own, e.g. for a file each start writes anew.
        String start = Long.toString(System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(command.stream()
                        .map(argument -> argument.replace("{start}", start))
                        .toList())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A copy to start again later, with some environment changed. */
    public ChildJvm withEnv(Map<String, String> changes) {
        Map<String, String> changed = new HashMap<>(env);
        changed.putAll(changes);
        return new ChildJvm(command, changed, log);
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Resident memory now, from {@code /proc}: what the operating system gives the process, heap or not. */
    public double rssMb() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                            .filter(line -> line.startsWith("VmRSS:"))
                            .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                            .findFirst()
                            .orElseThrow()
                    / 1024.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the program to end by itself; its exit status, or -1 if it is still running at the deadline. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM and wait, as an operator stops it; SIGKILL if it has not stopped by the deadline. */
    public int stop(Duration timeout) {
        if (process == null) {
            return 0;
        }
        process.destroy();
        int status = awaitExit(timeout);
        if (status == -1) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
        return status;
    }

    @Override
    public void close() {
        if (alive()) {
            stop(Duration.ofSeconds(30));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
