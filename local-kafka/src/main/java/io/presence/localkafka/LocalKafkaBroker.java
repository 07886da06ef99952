package io.presence.localkafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) running in a child JVM started from the Maven
 * artifacts of {@code kafka_2.13}. The child's classpath is kept apart from ours, so broker and client versions never mix.
 * Data lives in the given directory and survives restarts. The owner closes it, typically from its own shutdown hook
 * after the clients that use it have closed.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final String READY_LINE = "Kafka Server started";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Process process;
    private final String bootstrapServers;
    private final Path dataDir;

    private LocalKafkaBroker(Process process, String bootstrapServers, Path dataDir) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker and returns once it serves clients.
     *
     * @param port           the client (PLAINTEXT) port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     */
    public static LocalKafkaBroker start(Path dataDir, int port, int controllerPort, Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig(dataDir, port, controllerPort);
            Path logConfig = copyLogConfig(dataDir);
            String classpath = BrokerClasspath.read();
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                format(classpath, logConfig, config, dataDir);
            }
            Process process = javaProcess(classpath, logConfig, "kafka.Kafka", config.toString())
                    .redirectErrorStream(true)
                    .start();
            LocalKafkaBroker broker = new LocalKafkaBroker(process, "127.0.0.1:" + port, dataDir);
            broker.awaitReady(timeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local Kafka broker in " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(process.getInputStream(), dataDir.resolve("broker.log"), ready), "local-kafka-output");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            close();
            throw new IllegalStateException("The local Kafka broker did not start within " + timeout.toSeconds()
                    + " s; see " + dataDir.resolve("broker.log"), e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the local Kafka broker", e);
        }
    }

    /** Copies the broker's output to its log file and signals the line that says it serves. */
    private void pumpOutput(InputStream output, Path logFile, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (line.contains(READY_LINE)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("the broker exited with code " + process.waitFor()));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    /** Stops the broker with SIGTERM (a controlled shutdown), and kills it if it has not exited within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void format(String classpath, Path logConfig, Path config, Path dataDir) throws IOException {
        Process format = javaProcess(classpath, logConfig, "kafka.tools.StorageTool",
                "format", "--standalone", "--ignore-formatted", "-t", randomClusterId(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("format.log").toFile())
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage failed; see " + dataDir.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    private static ProcessBuilder javaProcess(String classpath, Path logConfig, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig,
                "-cp", classpath,
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        return config;
    }

    private static Path copyLogConfig(Path dataDir) throws IOException {
        Path target = dataDir.resolve("log4j2.properties");
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("log4j2.properties")) {
            if (in == null) {
                throw new IllegalStateException("log4j2.properties is missing from the local-kafka jar");
            }
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    /** A cluster id in Kafka's own form: 16 random bytes, URL-safe base64 without padding. */
    private static String randomClusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
