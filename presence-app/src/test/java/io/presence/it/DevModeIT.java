package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.localkafka.FreePorts;
import io.presence.testkit.Tokens;
import io.presence.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code presence dev} as a person runs it in a terminal: Ctrl-C sends SIGINT to the whole foreground process group,
 * the broker child included. Dev mode must stop its parts in order (gateway, query-api, broker) within 15 s, leave
 * state the next start reuses without restoring, and never leave a broker behind, not even after {@code kill -9}.
 * Each run gets its own session ({@code setsid}), so that the signal to its group reaches nothing else.
 */
class DevModeIT {
    private static final Path JAR = Path.of("target", "presence.jar").toAbsolutePath();
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    private Map<String, String> env;
    private int gatewayPort;
    private int queryPort;

    @BeforeEach
    void choosePorts() {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")),
                "needs setsid to give dev mode a process group of its own");
        gatewayPort = FreePorts.find();
        queryPort = FreePorts.find();
        env = Map.of(
                "PRESENCE_DEV_KAFKA_PORT", Integer.toString(FreePorts.find()),
                "PRESENCE_GATEWAY_PORT", Integer.toString(gatewayPort),
                "PRESENCE_QUERY_PORT", Integer.toString(queryPort),
                "PRESENCE_PARTITIONS", "3",
                "PRESENCE_JWT_SECRET", "dev-mode-test-secret-of-at-least-32-bytes");
    }

    @Test
    void shouldStopInOrderOnCtrlCAndStartAgainWithoutRestoring() throws Exception {
        Path firstLog = logFile("first.log");
        Process first = startDevMode(firstLog);
        awaitReady();
        assertThat(post("/heartbeat", "alice")).isEqualTo(202);
        String dashboardToken = dashboardTokenIn(Files.readString(firstLog, StandardCharsets.UTF_8));
        assertThat(get(queryPort, "/")).as("the dashboard page").isEqualTo(200);
        // Stopping must not wait for subscriptions: they end, and their clients resume elsewhere.
        EventStream subscription = EventStream.open(
                CLIENT,
                "http://127.0.0.1:" + queryPort + "/subscribe?all=true&access_token=" + dashboardToken,
                java.util.Map.of());
        assertThat(subscription.status())
                .as("the printed dashboard URL's token may follow everyone")
                .isEqualTo(200);
        List<ProcessHandle> children = first.toHandle().descendants().toList();
        assertThat(children).as("the broker runs in a child JVM").isNotEmpty();

        long signalled = System.nanoTime();
        signalProcessGroup("INT", first.pid());

        boolean stopped = stopsWithin(first, STOP_BOUND);
        if (!stopped) {
            destroyWithBroker(first);
        }
        assertThat(stopped).as("stopped within " + STOP_BOUND).isTrue();
        System.out.printf(
                "Dev mode stopped %d ms after Ctrl-C%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled));
        assertThat(first.exitValue()).as("a clean stop exits 0").isZero();
        assertThat(subscription.ended())
                .as("the subscription was ended, not left hanging")
                .isTrue();
        subscription.close();
        assertThat(children).as("no broker left behind").noneMatch(ProcessHandle::isAlive);
        String output = Files.readString(firstLog, StandardCharsets.UTF_8);
        assertThat(output).contains("Kafka Streams closed cleanly and left the group");
        assertThat(output.indexOf("stopped ingest-gateway"))
                .as("gateway first")
                .isPositive()
                .isLessThan(output.indexOf("stopped query-api"));
        assertThat(output.indexOf("stopped query-api"))
                .as("then query-api, then the broker")
                .isLessThan(output.indexOf("stopped Kafka"));

        Path secondLog = logFile("second.log");
        Process second = startDevMode(secondLog);
        try {
            awaitReady();
            String started = Files.readString(secondLog, StandardCharsets.UTF_8);
            assertThat(restoredRecords(started))
                    .as("the next start restores nothing")
                    .isZero();
            assertThat(started).doesNotContain("did not find checkpoint offsets");
        } finally {
            signalProcessGroup("TERM", second.pid());
            boolean stoppedAgain = stopsWithin(second, STOP_BOUND);
            destroyWithBroker(second);
            assertThat(stoppedAgain).as("SIGTERM stops it too").isTrue();
            assertThat(second.exitValue()).isZero();
        }
    }

    @Test
    void shouldNotLeaveTheBrokerRunningWhenDevModeIsKilled() throws Exception {
        Process devMode = startDevMode(logFile("killed.log"));
        try {
            awaitReady();
            assertThat(post("/heartbeat", "alice")).isEqualTo(202);
            String kafka = "127.0.0.1:" + env.get("PRESENCE_DEV_KAFKA_PORT");
            await("alice's state committed (her online change is)")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !TopicReader.readAll(
                                    kafka,
                                    Topics.CHANGES,
                                    JsonSerde.presenceChanges(),
                                    record -> "alice".equals(record.key()))
                            .isEmpty());
            List<ProcessHandle> children = devMode.toHandle().descendants().toList();
            assertThat(children).isNotEmpty();

            devMode.destroyForcibly(); // kill -9: no shutdown hook runs

            await("the broker stops by itself")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            destroyWithBroker(devMode);
        }

        // After a crash the state is rebuilt from its changelog, and says so: the check of a clean restart can fail.
        Path afterCrash = logFile("after-crash.log");
        Process restarted = startDevMode(afterCrash);
        try {
            awaitReady();
            assertThat(restoredRecords(Files.readString(afterCrash, StandardCharsets.UTF_8)))
                    .isPositive();
        } finally {
            signalProcessGroup("TERM", restarted.pid());
            boolean stopped = stopsWithin(restarted, STOP_BOUND);
            destroyWithBroker(restarted);
            assertThat(stopped).isTrue();
        }
    }

    /** Leaves nothing running over the temporary folder JUnit is about to delete. */
    private static void destroyWithBroker(Process devMode) {
        devMode.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        devMode.destroyForcibly();
    }

    private static boolean envResetsSignals() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true")
                    .redirectErrorStream(true)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether dev mode exits in time; if not, its threads are dumped next to its log, to show what it waits for. */
    private static boolean stopsWithin(Process devMode, Duration bound) throws IOException, InterruptedException {
        if (devMode.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        Path dump = logFile("threads-of-" + devMode.pid() + ".txt");
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(devMode.pid()),
                        "Thread.print")
                .redirectErrorStream(true)
                .redirectOutput(dump.toFile())
                .start();
        jcmd.waitFor(30, TimeUnit.SECONDS);
        devMode.waitFor(30, TimeUnit.SECONDS);
        return false;
    }

    /** Dev mode's output, kept under target/ for reading after a failure (the data stays in the temporary folder). */
    private static Path logFile(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "dev-mode-logs")).resolve(name);
    }

    /**
     * Starts dev mode as a terminal would: in a session of its own, with SIGINT at its default action. A build started
     * as a background job inherits SIGINT ignored, and a JVM keeps an ignored signal ignored, so GNU env resets it.
     */
    private Process startDevMode(Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toString(),
                "dev"));
        if (envResetsSignals()) {
            command.addAll(0, List.of("env", "--default-signal=INT"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private void awaitReady() {
        await("dev mode ready")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> get(queryPort, "/health/ready") == 200 && get(gatewayPort, "/health/ready") == 200);
    }

    /** What Ctrl-C does in a terminal: the signal goes to every process of the foreground group. */
    private static void signalProcessGroup(String signal, long leaderPid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + leaderPid)
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue())
                .as("kill -" + signal + " to process group " + leaderPid)
                .isZero();
    }

    /** The token in the dashboard URL dev mode prints ({@code …/#token=…}). */
    private static String dashboardTokenIn(String banner) {
        Matcher url = Pattern.compile("dashboard\\s+http://\\S+/#token=(\\S+)").matcher(banner);
        assertThat(url.find())
                .as("dev mode prints a dashboard URL with a token")
                .isTrue();
        return url.group(1);
    }

    /**
     * Changelog records restored into stores, as query-api logs them ("Restored store last-seen of partition 0 (3
     * records)").
     */
    private static long restoredRecords(String log) {
        Matcher restored = Pattern.compile("Restored store \\S+ of partition \\d+ \\((\\d+) records\\)")
                .matcher(log);
        long total = 0;
        while (restored.find()) {
            total += Long.parseLong(restored.group(1));
        }
        return total;
    }

    private static int get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int post(String path, String user) throws IOException, InterruptedException {
        return CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                                .header("Authorization", "Bearer " + Tokens.sign(env.get("PRESENCE_JWT_SECRET"), user))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
