package io.presence.localkafka;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One KRaft node (broker and controller in one) in a child JVM on the broker's own classpath. It can be stopped,
 * killed and started again on the same data, which is what failure tests need.
 */
final class KafkaNode {
    private static final String READY_LINE = "Kafka Server started";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final int nodeId;
    private final Path dataDir;
    private final int port;
    private final Path config;
    private final Path logConfig;
    private final Path launcherDir;
    private final String classpath;
    private volatile Process process;
    private volatile CompletableFuture<Void> ready;

    /**
     * Where one node listens: clients on {@code port}, the KRaft quorum on {@code controllerPort}, both on 127.0.0.1.
     */
    record Ports(int port, int controllerPort) {}

    KafkaNode(int nodeId, Path dataDir, Ports ports, String voters, int replication) {
        this.nodeId = nodeId;
        this.dataDir = dataDir;
        this.port = ports.port();
        try {
            Files.createDirectories(dataDir);
            this.config = writeConfig(dataDir, nodeId, ports, voters, replication);
            this.logConfig = copyLogConfig(dataDir);
            this.launcherDir = copyLauncher(dataDir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka node " + nodeId + " in " + dataDir, e);
        }
        this.classpath = BrokerClasspath.read();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Formats the storage with this cluster id unless already formatted. */
    void formatIfNew(String clusterId) {
        if (Files.exists(dataDir.resolve("logs/meta.properties"))) {
            return;
        }
        try {
            Process format = javaProcess(
                            "kafka.tools.StorageTool",
                            "format",
                            "--ignore-formatted",
                            "--cluster-id=" + clusterId,
                            "-c",
                            config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("format.log").toFile())
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException(
                        "Formatting Kafka storage failed: " + lastLines(dataDir.resolve("format.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    /**
     * Starts the process; {@link #awaitReady} waits until it serves clients. The broker ignores SIGINT and SIGTERM, so
     * that Ctrl-C in a terminal (or a SIGTERM to the whole process group) reaches only the parent, which stops its
     * clients first and the broker last. It stops when its standard input closes: when {@link #stop} closes it, or when
     * the parent goes away in any way (see {@link BrokerLauncher}).
     */
    void start() {
        try {
            List<String> command = ignoringInterrupts(javaCommand(List.of(
                    "-cp",
                    launcherDir + File.pathSeparator + classpath,
                    BrokerLauncher.class.getName(),
                    "kafka.Kafka",
                    config.toString())));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka node " + nodeId, e);
        }
        ready = new CompletableFuture<>();
        Process started = process;
        CompletableFuture<Void> signal = ready;
        Thread pump = new Thread(() -> pumpOutput(started, signal), "local-kafka-" + nodeId + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    void awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            kill();
            throw new IllegalStateException(
                    e.getCause().getMessage() + " before serving; its log ends: "
                            + lastLines(dataDir.resolve("broker.log")),
                    e);
        } catch (TimeoutException e) {
            kill();
            throw new IllegalStateException(
                    "Kafka node " + nodeId + " did not start within " + timeout.toSeconds() + " s; its log ("
                            + dataDir.resolve("broker.log") + ") ends: " + lastLines(dataDir.resolve("broker.log")),
                    e);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka node " + nodeId, e);
        }
    }

    /** A controlled shutdown (the broker's own shutdown hook); killed if it has not exited within 20 s. */
    void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            current.getOutputStream().close();
        } catch (IOException e) {
            current.destroy();
        }
        try {
            if (!current.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the node dies as in a crash. */
    void kill() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            try {
                current.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Copies the node's output to its log file and signals the line that says it serves. */
    private void pumpOutput(Process source, CompletableFuture<Void> signal) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(
                        dataDir.resolve("broker.log"),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (line.contains(READY_LINE)) {
                    signal.complete(null);
                }
            }
            signal.completeExceptionally(
                    new IllegalStateException("Kafka node " + nodeId + " exited with code " + source.waitFor()));
        } catch (IOException e) {
            signal.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signal.completeExceptionally(e);
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "see " + log;
        }
    }

    private ProcessBuilder javaProcess(String mainClass, String... args) {
        List<String> arguments = new ArrayList<>(List.of("-cp", classpath, mainClass));
        arguments.addAll(List.of(args));
        return new ProcessBuilder(javaCommand(arguments));
    }

    private List<String> javaCommand(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m",
                "-Xmx1g",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig));
        command.addAll(arguments);
        return command;
    }

    /**
     * Where a POSIX shell exists, starts the command with SIGINT and SIGTERM ignored: an ignored signal stays ignored
     * across {@code exec}, and the JVM then leaves it so.
     */
    private static List<String> ignoringInterrupts(List<String> command) {
        if (!Files.isExecutable(Path.of("/bin/sh"))) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT TERM; exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Copies {@link BrokerLauncher} next to the data, so the broker's classpath holds it and nothing else of ours. */
    private static Path copyLauncher(Path dataDir) throws IOException {
        Path root = dataDir.resolve("launcher");
        String resource = BrokerLauncher.class.getSimpleName() + ".class";
        Path target = root.resolve(BrokerLauncher.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        try (InputStream in = KafkaNode.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the local-kafka jar");
            }
            Files.write(target, in.readAllBytes());
        }
        return root;
    }

    private static Path writeConfig(Path dataDir, int nodeId, Ports ports, String voters, int replication)
            throws IOException {
        int minInSync = Math.max(1, replication - 1);
        String properties = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + ports.port() + ",CONTROLLER://127.0.0.1:" + ports.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "default.replication.factor=" + replication,
                "min.insync.replicas=" + minInSync,
                "offsets.topic.replication.factor=" + replication,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + minInSync,
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=" + replication,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "group.initial.rebalance.delay.ms=0",
                "");
        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        return config;
    }

    private static Path copyLogConfig(Path dataDir) throws IOException {
        Path target = dataDir.resolve("log4j2.properties");
        try (InputStream in = KafkaNode.class.getResourceAsStream("log4j2.properties")) {
            if (in == null) {
                throw new IllegalStateException("log4j2.properties is missing from the local-kafka jar");
            }
            Files.write(target, in.readAllBytes());
        }
        return target;
    }
}
