package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.presence.event.JsonSerde;
import io.presence.event.PresenceChange;
import io.presence.event.PresenceStatus;
import io.presence.event.Timestamps;
import io.presence.event.Topics;
import io.presence.localkafka.FreePorts;
import io.presence.localkafka.LocalKafkaCluster;
import io.presence.testkit.PresenceProcess;
import io.presence.testkit.Tokens;
import io.presence.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out under failure, on this machine: 3 KRaft brokers (replication 3, min.insync.replicas 2), 3 query-api and 2
 * gateway processes, a steady heartbeat load, and continuous status queries against every instance. Then (a) SIGKILL
 * one query-api, (b) stop one broker, (c) restart both. Every 202'd heartbeat must be in the topic, no query may answer
 * a wrong offline, and presence.changes must hold, per user, exactly the transitions its heartbeats imply — none
 * missing, none twice. Prints a report.
 */
class ClusterFailoverIT {
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(6);
    private static final Duration BEAT_EVERY = Duration.ofSeconds(2);
    private static final int USERS = 60;
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);
    private static final String SECRET = "cluster-failover-test-secret-of-32-bytes";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> users = IntStream.range(0, USERS)
            .mapToObj(i -> "fail-" + Long.toString(System.nanoTime(), 36) + "-" + i)
            .toList();
    /** Every heartbeat time accepted (202), per user. */
    private final Map<String, List<Instant>> accepted = new ConcurrentHashMap<>();

    private final Map<String, List<Beat>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong queriesAnswered = new AtomicLong();
    private final AtomicLong unavailableAnswers = new AtomicLong();
    private final AtomicLong longestUnavailableRunMs = new AtomicLong();
    private final List<String> wrongOfflines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger heartbeatsRefused = new AtomicInteger();
    private final Map<String, Duration> restartSteps = new java.util.LinkedHashMap<>();
    private final List<String> threadFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void shouldGiveOneAnswerThroughAQueryApiCrashAndABrokerOutage(@TempDir Path dir) throws Exception {
        try (LocalKafkaCluster kafka = LocalKafkaCluster.start(dir.resolve("kafka"), 3, Duration.ofSeconds(120))) {
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "PRESENCE_JWT_SECRET", SECRET,
                    "PRESENCE_OFFLINE_AFTER", "6s",
                    "PRESENCE_PARTITIONS", "6",
                    "PRESENCE_REPLICATION", "3",
                    "PRESENCE_STANDBY_REPLICAS", "1");
            List<PresenceProcess> queryApis = new ArrayList<>();
            List<PresenceProcess> gateways = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    int port = FreePorts.find();
                    queryApis.add(PresenceProcess.start(
                            "query-api",
                            with(env, "PRESENCE_QUERY_PORT", port, "PRESENCE_STATE_DIR", dir.resolve("query-api-" + i)),
                            dir.resolve("query-api-" + i + ".log"),
                            port));
                }
                for (int i = 0; i < 2; i++) {
                    int port = FreePorts.find();
                    gateways.add(PresenceProcess.start(
                            "gateway",
                            with(env, "PRESENCE_GATEWAY_PORT", port),
                            dir.resolve("gateway-" + i + ".log"),
                            port));
                }
                queryApis.forEach(p -> p.awaitReady(Duration.ofSeconds(180)));
                gateways.forEach(p -> p.awaitReady(Duration.ofSeconds(180)));

                Thread load = daemon("heartbeat-load", () -> sendHeartbeats(gateways));
                Thread queries = daemon("status-queries", () -> queryStatuses(queryApis));
                Map<String, Duration> recovery = new LinkedHashMap<>();

                awaitAllOnline(queryApis.get(0));
                awaitMoreHeartbeats(USERS * 3);
                awaitMoreQueriesAnswered("before any fault");

                Instant fault = Instant.now();
                queryApis.get(1).kill();
                recovery.put("query-api SIGKILL", recover(fault, queryApis.get(0), queryApis.get(2)));
                awaitMoreHeartbeats(USERS * 3);
                awaitMoreQueriesAnswered("after the query-api SIGKILL");

                fault = Instant.now();
                kafka.stopNode(3);
                recovery.put("broker 3 stopped", recover(fault, queryApis.get(0), queryApis.get(2)));
                awaitMoreHeartbeats(USERS * 3);
                awaitMoreQueriesAnswered("with a broker stopped");

                fault = Instant.now();
                kafka.restartNode(3, Duration.ofSeconds(120));
                restartSteps.put("broker 3 serving", Duration.between(fault, Instant.now()));
                Instant restart = Instant.now();
                queryApis.get(1).start();
                queryApis.get(1).awaitReady(Duration.ofSeconds(180));
                restartSteps.put("query-api 1 ready", Duration.between(restart, Instant.now()));
                // Measured from the broker serving again: how long a broker takes to boot on a busy machine is not
                // presence's recovery (it is bounded by restartNode's own timeout and reported above).
                recovery.put("both restarted", recover(restart, queryApis.get(0), queryApis.get(1), queryApis.get(2)));
                awaitMoreHeartbeats(USERS * 3);
                awaitMoreQueriesAnswered("after both restarted");

                running.set(false);
                load.join(30_000);
                queries.join(30_000);
                assertThat(threadFailures)
                        .as("the load and query threads ran to the end")
                        .isEmpty();
                assertThat(load.isAlive() || queries.isAlive())
                        .as("the load and query threads stopped when told")
                        .isFalse();
                await("everyone offline")
                        .atMost(OFFLINE_AFTER.plusSeconds(20))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() ->
                                allStatuses(queryApis.get(0)).values().stream().allMatch("offline"::equals));

                verify(kafka.bootstrapServers(), recovery);
            } finally {
                running.set(false);
                gateways.forEach(p -> p.terminate(Duration.ofSeconds(30)));
                queryApis.forEach(p -> p.terminate(Duration.ofSeconds(60)));
                keepLogs(dir);
            }
        }
    }

    private void verify(String bootstrap, Map<String, Duration> recovery) {
        Map<String, List<Instant>> inTopic = new HashMap<>();
        TopicReader.readAll(bootstrap, Topics.HEARTBEATS, JsonSerde.heartbeats(), r -> users.contains(r.key()))
                .forEach(r -> inTopic.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Instant.ofEpochMilli(r.timestamp())));
        // Status answers turn offline at last_seen + threshold; the offline changes follow within 2 s: wait for them.
        Map<String, List<PresenceChange>> changes = new HashMap<>();
        await("every user's last change is offline")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    changes.clear();
                    TopicReader.readAll(
                                    bootstrap,
                                    Topics.CHANGES,
                                    JsonSerde.presenceChanges(),
                                    r -> users.contains(r.key()))
                            .forEach(r -> changes.computeIfAbsent(r.key(), k -> new ArrayList<>())
                                    .add(r.value()));
                    return users.stream().allMatch(user -> {
                        List<PresenceChange> of = changes.getOrDefault(user, List.of());
                        return !of.isEmpty() && of.get(of.size() - 1).status() == PresenceStatus.OFFLINE;
                    });
                });

        long lost = accepted.entrySet().stream()
                .mapToLong(e -> e.getValue().stream()
                        .filter(ts ->
                                !inTopic.getOrDefault(e.getKey(), List.of()).contains(ts))
                        .count())
                .sum();
        int duplicated = 0;
        int missing = 0;
        List<String> mismatches = new ArrayList<>();
        for (String user : users) {
            List<PresenceChange> expected = expectedChanges(user, inTopic.getOrDefault(user, List.of()));
            List<PresenceChange> actual = changes.getOrDefault(user, List.of());
            duplicated +=
                    (int) actual.stream().filter(c -> !expected.contains(c)).count()
                            + (actual.size() - (int) actual.stream().distinct().count());
            missing += (int) expected.stream().filter(c -> !actual.contains(c)).count();
            if (!actual.equals(expected)) {
                mismatches.add(user + ": expected " + expected + " but presence.changes has " + actual
                        + "; heartbeats in the topic " + inTopic.get(user));
            }
        }
        long acceptedCount = accepted.values().stream().mapToLong(List::size).sum();
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter report = new java.io.PrintWriter(text);
        report.printf(
                "%nCluster failover report (3 brokers RF 3, 3 query-api with 1 standby, 2 gateways, %d users)%n",
                USERS);
        report.printf(
                "  heartbeats accepted (202)        %,d (refused with 503: %,d)%n",
                acceptedCount, heartbeatsRefused.get());
        report.printf("  heartbeats lost                  %d%n", lost);
        report.printf("  status queries answered 200      %,d%n", queriesAnswered.get());
        report.printf(
                "  status queries answered 503      %,d (longest run %d ms)%n",
                unavailableAnswers.get(), longestUnavailableRunMs.get());
        report.printf("  wrong offline answers            %d%n", wrongOfflines.size());
        recovery.forEach((fault, took) ->
                report.printf("  serving all users again after %-18s %,d ms%n", fault + ":", took.toMillis()));
        restartSteps.forEach(
                (step, took) -> report.printf("    of the restart: %-21s %,d ms%n", step, took.toMillis()));
        report.printf("  transitions duplicated           %d%n", duplicated);
        report.printf("  transitions missing              %d%n", missing);
        mismatches.forEach(mismatch -> report.printf("  mismatch: %s%n", mismatch));
        report.flush();
        System.out.println(text);
        try {
            Files.writeString(Path.of("target", "cluster-failover-report.txt"), text.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThat(lost).as("202'd heartbeats missing from the topic").isZero();
        assertThat(wrongOfflines)
                .as("queries that answered offline for a user beating")
                .isEmpty();
        assertThat(duplicated)
                .as("transitions published twice or that should not exist: " + mismatches)
                .isZero();
        assertThat(missing).as("transitions missing from presence.changes").isZero();
        recovery.values().forEach(took -> assertThat(took).isLessThan(RECOVERY_BOUND));
    }

    /**
     * The transitions a user's heartbeats imply: a session per run of heartbeats no further apart than the threshold.
     * This oracle states the presence rule on its own on purpose, instead of calling {@code PresenceRule}: a rule
     * broken there must not agree with itself here.
     */
    private static List<PresenceChange> expectedChanges(String user, List<Instant> heartbeats) {
        List<Instant> sorted =
                heartbeats.stream().distinct().sorted(Comparator.naturalOrder()).toList();
        List<PresenceChange> expected = new ArrayList<>();
        Instant sessionLast = null;
        for (Instant ts : sorted) {
            if (sessionLast == null || ts.isAfter(sessionLast.plus(OFFLINE_AFTER))) {
                if (sessionLast != null) {
                    expected.add(PresenceChange.offline(user, sessionLast, sessionLast.plus(OFFLINE_AFTER)));
                }
                expected.add(PresenceChange.online(user, ts));
            }
            sessionLast = ts;
        }
        if (sessionLast != null) {
            expected.add(PresenceChange.offline(user, sessionLast, sessionLast.plus(OFFLINE_AFTER)));
        }
        return expected;
    }

    /**
     * Every {@link #BEAT_EVERY}, a heartbeat for every user, all sent at once (alternating gateways), so that the
     * cadence holds however slow a single request gets on a busy machine.
     */
    private void sendHeartbeats(List<PresenceProcess> gateways) {
        Instant next = Instant.now();
        for (long round = 0; running.get(); round++) {
            for (int i = 0; i < USERS; i++) {
                String user = users.get(i);
                PresenceProcess gateway = gateways.get((int) ((i + round) % gateways.size()));
                client.sendAsync(
                                HttpRequest.newBuilder(URI.create(gateway.url("/heartbeat")))
                                        .header("Authorization", "Bearer " + Tokens.sign(SECRET, user))
                                        .timeout(Duration.ofSeconds(10))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, error) -> {
                            if (error == null && response.statusCode() == 202) {
                                Instant at = Timestamps.parse(PresenceSystem.json(response)
                                        .get("accepted_at")
                                        .asText());
                                accepted.computeIfAbsent(
                                                user, u -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                        .add(at);
                                acknowledged
                                        .computeIfAbsent(
                                                user, u -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                        .add(new Beat(at, Instant.now()));
                            } else {
                                heartbeatsRefused.incrementAndGet();
                            }
                        });
            }
            next = next.plus(BEAT_EVERY);
            long wait = Duration.between(Instant.now(), next).toNanos();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    /** Asks random users' statuses of random live instances; a 200 offline for a user who beat recently is wrong. */
    private void queryStatuses(List<PresenceProcess> queryApis) {
        Instant unavailableSince = null;
        while (running.get()) {
            PresenceProcess instance = queryApis.get(ThreadLocalRandom.current().nextInt(queryApis.size()));
            if (!instance.process().isAlive()) {
                continue;
            }
            List<String> asked = users.subList(0, USERS).stream()
                    .filter(u -> ThreadLocalRandom.current().nextInt(6) == 0)
                    .toList();
            if (asked.isEmpty()) {
                continue;
            }
            Instant sentAt = Instant.now();
            try {
                HttpResponse<String> response = askStatuses(instance, asked);
                if (response.statusCode() == 503) {
                    unavailableAnswers.incrementAndGet();
                    unavailableSince = unavailableSince == null ? sentAt : unavailableSince;
                    longestUnavailableRunMs.accumulateAndGet(
                            Duration.between(unavailableSince, Instant.now()).toMillis(), Math::max);
                    continue;
                }
                unavailableSince = null;
                if (response.statusCode() == 200) {
                    queriesAnswered.incrementAndGet();
                    for (JsonNode status : PresenceSystem.json(response).get("users")) {
                        String user = status.get("user_id").asText();
                        if ("offline".equals(status.get("status").asText()) && mustBeOnline(user, sentAt)) {
                            wrongOfflines.add(user + " offline at " + sentAt + " from " + instance.port()
                                    + ", accepted: " + accepted.get(user));
                        }
                    }
                }
            } catch (IOException e) {
                // the instance died under us: a client would ask another one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A heartbeat answered 202 at least 1 s before the query (the contract's visibility bound), and appended less than
     * the threshold minus a second of margin before it, proves the user online.
     */
    private boolean mustBeOnline(String user, Instant queriedAt) {
        List<Beat> beats = acknowledged.getOrDefault(user, List.of());
        Instant newest = queriedAt.minusSeconds(1);
        Instant oldest = queriedAt.minus(OFFLINE_AFTER).plusSeconds(1);
        synchronized (beats) {
            return beats.stream()
                    .anyMatch(beat -> !beat.ackedAt().isAfter(newest)
                            && !beat.appendedAt().isBefore(oldest));
        }
    }

    /**
     * One accepted heartbeat: its time (the broker's append time) and when its 202 arrived. The contract's 1 s of
     * visibility runs from the 202, which comes only once the record is replicated, possibly well after its append.
     */
    private record Beat(Instant appendedAt, Instant ackedAt) {}

    private Duration recover(Instant fault, PresenceProcess... instances) {
        for (PresenceProcess instance : instances) {
            awaitAllOnline(instance);
        }
        return Duration.between(fault, Instant.now());
    }

    /** Until this instance answers 200 for every user, all online; a timeout reports the last answer. */
    private void awaitAllOnline(PresenceProcess instance) {
        await("all users online via " + instance.port())
                .atMost(RECOVERY_BOUND)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(allStatuses(instance))
                        .allSatisfy((user, status) -> assertThat(status)
                                .as(user + ", last heartbeats " + accepted.get(user))
                                .isEqualTo("online")));
    }

    /** One batch status query to this instance, as a reader would send it. */
    private HttpResponse<String> askStatuses(PresenceProcess instance, List<String> ids)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(instance.url("/status/users?ids=" + String.join(",", ids))))
                        .header("Authorization", "Bearer " + Tokens.sign(SECRET, "checker"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> allStatuses(PresenceProcess instance) throws IOException, InterruptedException {
        HttpResponse<String> response = askStatuses(instance, users);
        if (response.statusCode() != 200) {
            throw new AssertionError("answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, String> statuses = new HashMap<>();
        PresenceSystem.json(response)
                .get("users")
                .forEach(u ->
                        statuses.put(u.get("user_id").asText(), u.get("status").asText()));
        return statuses;
    }

    private void awaitMoreHeartbeats(int more) {
        long target = accepted.values().stream().mapToLong(List::size).sum() + more;
        await("load continues")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> accepted.values().stream().mapToLong(l -> l.size()).sum() >= target);
    }

    /** The processes' logs outlive the temporary directory, for reading after a failure. */
    private static void keepLogs(Path dir) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "cluster-failover-logs"));
        try (var logs = Files.list(dir)) {
            for (Path log :
                    logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Waits until the query thread has had more answers (200) since the last call: it lives and queries are served. */
    private void awaitMoreQueriesAnswered(String phase) {
        long target = queriesAnswered.get() + 20;
        await("status queries answered " + phase)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !threadFailures.isEmpty() || queriesAnswered.get() >= target);
        assertThat(threadFailures)
                .as("the load and query threads are alive " + phase)
                .isEmpty();
    }

    /** A thread whose death is recorded, so that a test cannot pass on a load or query loop that died early. */
    private Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Throwable failure) {
                        threadFailures.add(name + " died: " + failure);
                        throw failure;
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Map<String, String> with(Map<String, String> base, Object... keyValues) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put((String) keyValues[i], String.valueOf(keyValues[i + 1]));
        }
        return env;
    }
}
