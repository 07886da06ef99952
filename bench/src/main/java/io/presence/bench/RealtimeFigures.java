package io.presence.bench;

import io.presence.bench.kafka.BenchBroker;
import io.presence.bench.load.Latencies;
import io.presence.bench.proc.Http;
import io.presence.bench.proc.MetricSamples;
import io.presence.bench.report.Figures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The real-time figures, on a broker of their own: what open WebSockets cost the gateway (memory per socket,
 * heartbeats written for them, CPU next to the same users polling {@code POST /heartbeat}), then how fast changes reach
 * a thousand Server-Sent Events subscribers, next to a plain consumer of {@code presence.changes}.
 */
final class RealtimeFigures {
    /** The product's default: sockets are beaten for every 5 s. */
    private static final Duration SOCKET_THRESHOLD = Duration.ofSeconds(10);
    /** Short, so that the same users go online and offline over and over while subscribers watch. */
    private static final Duration CHANGE_THRESHOLD = Duration.ofSeconds(1);

    private static final Duration CYCLE = Duration.ofMillis(2_500);

    private final BenchRun run;
    private final Scale scale;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** How many sockets and subscribers, and how long each is measured. */
    record Scale(int sockets, int subscribers, int idsPerSubscriber, int cyclingUsers, Duration window) {
        static Scale of(BenchProfile profile) {
            return profile.name().equals("full")
                    ? new Scale(10_000, 1_000, 50, 1_000, Duration.ofSeconds(30))
                    : new Scale(300, 50, 20, 200, Duration.ofSeconds(10));
        }
    }

    RealtimeFigures(BenchRun run) {
        this.run = run;
        this.scale = Scale.of(run.profile);
    }

    void measure() {
        sockets(run.dir.resolve("realtime-sockets"));
        subscribers(run.dir.resolve("realtime-subscribers"));
    }

    private void sockets(Path dir) {
        run.progress.step("real time: " + scale.sockets() + " WebSocket connections");
        List<String> tokens = IntStream.range(0, scale.sockets())
                .mapToObj(i -> run.token("socket-" + i))
                .toList();
        try (BenchBroker kafka = BenchBroker.start(dir.resolve("kafka"), run.profile.partitions());
                PresenceLauncher.Process gateway = run.launcherOn(kafka, SOCKET_THRESHOLD, dir.resolve("logs"))
                        .gateway()
                        .start()) {
            gateway.awaitReady(Duration.ofMinutes(1));
            double pollingMicros = pollingCpu(gateway, tokens);
            run.report.record(Figures.POLLING_CPU, pollingMicros);
            Http.pause(SOCKET_THRESHOLD); // the polled users' rate-limit windows end

            double heapBefore = heapAfterGc(gateway);
            double rssBefore = gateway.jvm().rssMb();
            List<WebSocket> sockets = openSockets(gateway, tokens);
            double open = sum(gateway, "presence_gateway_sockets_open");
            run.report.record(Figures.SOCKETS_OPEN, open);
            Http.pause(SOCKET_THRESHOLD.dividedBy(2)); // every user has had its first beat

            double written0 = socketHeartbeats(gateway);
            double cpu0 = cpuSeconds(gateway.jvm().pid());
            long start = System.nanoTime();
            Http.pause(scale.window());
            double seconds = (System.nanoTime() - start) / 1e9;
            double socketCores = (cpuSeconds(gateway.jvm().pid()) - cpu0) / seconds;
            double perSecond = (socketHeartbeats(gateway) - written0) / seconds;
            double heapAfter = heapAfterGc(gateway);
            double rssAfter = gateway.jvm().rssMb();

            run.report.record(Figures.SOCKET_EXPECTED_HB, open / (SOCKET_THRESHOLD.toMillis() / 2000.0));
            run.report.record(Figures.SOCKET_HB, perSecond);
            run.report.record(Figures.SOCKET_CPU, socketCores / perSecond * 1e6);
            run.report.record(Figures.SOCKET_HEAP_BYTES, (heapAfter - heapBefore) / open);
            run.report.record(Figures.SOCKET_RSS_KB, (rssAfter - rssBefore) * 1024 / open);
            run.progress.step(String.format(
                    "sockets: %.0f open, %.0f hb/s, %.2f cores, %.0f µs CPU a heartbeat (polling: %.0f µs),"
                            + " %.0f B heap and %.1f KB RSS each",
                    open,
                    perSecond,
                    socketCores,
                    socketCores / perSecond * 1e6,
                    pollingMicros,
                    (heapAfter - heapBefore) / open,
                    (rssAfter - rssBefore) * 1024 / open));
            run.report.note(String.format(
                    "Sockets: %d asked for, %.0f open at the end; the gateway closed %.0f (%s); %.0f heartbeats for"
                            + " them not stored.",
                    tokens.size(),
                    sum(gateway, "presence_gateway_sockets_open"),
                    sum(gateway, "presence_gateway_sockets_closed_total"),
                    closesByReason(gateway),
                    MetricSamples.of(
                                    gateway.url("/metrics"),
                                    "presence_gateway_sockets_heartbeats_total",
                                    Map.of("outcome", "not_stored"))
                            .stream()
                            .mapToDouble(Double::doubleValue)
                            .sum()));
            sockets.forEach(WebSocket::abort);
        }
    }

    /**
     * The baseline: the same users posting a heartbeat each every next_heartbeat_ms (as many as 256 requests in flight
     * allow); the gateway's CPU time per heartbeat answered 202, in microseconds.
     */
    private double pollingCpu(PresenceLauncher.Process gateway, List<String> tokens) {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong accepted = new AtomicLong();
        long beatMs = SOCKET_THRESHOLD.toMillis() / 2;
        long tickMs = 50;
        int perTick = (int) Math.ceil(tokens.size() * tickMs / (double) beatMs);
        AtomicLong next = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        // Bounded, like a fleet of clients each waiting for its answer: the client's connection pool stays as small.
        Semaphore inFlight = new Semaphore(256);
        pacer.scheduleAtFixedRate(
                () -> {
                    for (int i = 0; i < perTick; i++) {
                        if (!inFlight.tryAcquire()) {
                            skipped.incrementAndGet();
                            continue;
                        }
                        String token = tokens.get((int) (next.getAndIncrement() % tokens.size()));
                        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/heartbeat")))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build();
                        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                                .whenComplete((response, error) -> {
                                    inFlight.release();
                                    if (response != null && response.statusCode() == 202) {
                                        accepted.incrementAndGet();
                                    }
                                });
                    }
                },
                0,
                tickMs,
                TimeUnit.MILLISECONDS);
        try {
            Http.pause(Duration.ofMillis(beatMs)); // warm up: every user once
            double cpu0 = cpuSeconds(gateway.jvm().pid());
            long accepted0 = accepted.get();
            long start = System.nanoTime();
            Http.pause(scale.window());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cores = (cpuSeconds(gateway.jvm().pid()) - cpu0) / seconds;
            double rate = (accepted.get() - accepted0) / seconds;
            run.report.note(String.format(
                    "Polling baseline: %d users, %.0f heartbeats/s answered 202 while the gateway used %.2f cores"
                            + " (%d not sent: 256 already waiting).",
                    tokens.size(), rate, cores, skipped.get()));
            return cores / rate * 1e6;
        } finally {
            pacer.shutdownNow();
        }
    }

    private List<WebSocket> openSockets(PresenceLauncher.Process gateway, List<String> tokens) {
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        String base = gateway.url("/ws").replace("http:", "ws:") + "?access_token=";
        for (String token : tokens) {
            inFlight.acquireUninterruptibly();
            opening.add(client.newWebSocketBuilder()
                    .buildAsync(URI.create(base + token), new WebSocket.Listener() {})
                    .whenComplete((socket, error) -> inFlight.release()));
        }
        return opening.stream().map(CompletableFuture::join).toList();
    }

    private void subscribers(Path dir) {
        run.progress.step("real time: " + scale.subscribers() + " subscribers of " + scale.cyclingUsers()
                + " users going online and offline");
        try (BenchBroker kafka = BenchBroker.start(dir.resolve("kafka"), run.profile.partitions())) {
            PresenceLauncher launcher = run.launcherOn(kafka, CHANGE_THRESHOLD, dir.resolve("logs"));
            try (PresenceLauncher.Process queryApi =
                            launcher.queryApi(dir.resolve("state")).start();
                    PresenceLauncher.Process gateway = launcher.gateway().start();
                    ChangeLatency consumer = ChangeLatency.start(kafka.bootstrapServers())) {
                queryApi.awaitReady(Duration.ofMinutes(3));
                gateway.awaitReady(Duration.ofMinutes(1));
                List<String> users = IntStream.range(0, scale.cyclingUsers())
                        .mapToObj(i -> "cycling-" + i)
                        .toList();
                SubscriberLoad subscribers = SubscriberLoad.open(client, queryApi, run, users, scale);
                ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
                String relay = run.token("relay", "presence:write");
                // A tenth of the users every tenth of the cycle: each user beats once a cycle, the load stays even.
                int slice = Math.max(1, users.size() / 10);
                AtomicLong nextSlice = new AtomicLong();
                beats.scheduleAtFixedRate(
                        () -> {
                            int from = (int) (nextSlice.getAndIncrement() % 10) * slice;
                            relay(gateway, relay, users.subList(from, Math.min(users.size(), from + slice)));
                        },
                        0,
                        CYCLE.toMillis() / 10,
                        TimeUnit.MILLISECONDS);
                try {
                    Http.pause(CYCLE.multipliedBy(2)); // warm up
                    consumer.reset();
                    subscribers.reset();
                    long start = System.nanoTime();
                    Http.pause(scale.window());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Latencies baseline = Latencies.of(consumer.latencies());
                    Latencies fanOut = Latencies.of(subscribers.latencies());
                    run.report.record(Figures.CONSUMER_CHANGE_P50, baseline.p50());
                    run.report.record(Figures.CONSUMER_CHANGE_P99, baseline.p99());
                    run.report.record(Figures.SUBSCRIBER_CHANGE_P50, fanOut.p50());
                    run.report.record(Figures.SUBSCRIBER_CHANGE_P99, fanOut.p99());
                    run.report.record(Figures.SUBSCRIBER_EVENTS, subscribers.events() / seconds);
                    double dropped = sum(queryApi, "presence_subscribers_dropped_total");
                    run.report.note(String.format(
                            "Subscribers: %d open, %.0f dropped; consumer %s; subscribers %s.",
                            subscribers.open(), dropped, baseline, fanOut));
                    run.progress.step("subscribers: " + fanOut + ", consumer " + baseline + ", "
                            + Math.round(subscribers.events() / seconds) + " events/s");
                } finally {
                    beats.shutdownNow();
                    subscribers.close();
                }
            }
        }
    }

    private static void relay(PresenceLauncher.Process gateway, String token, List<String> users) {
        for (int from = 0; from < users.size(); from += 1_000) {
            List<String> batch = users.subList(from, Math.min(users.size(), from + 1_000));
            StringBuilder body = new StringBuilder("{\"user_ids\":[");
            for (int i = 0; i < batch.size(); i++) {
                body.append(i == 0 ? "\"" : ",\"").append(batch.get(i)).append('"');
            }
            try {
                Http.post(gateway.url("/heartbeats"), token, body.append("]}").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private double heapAfterGc(PresenceLauncher.Process process) {
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(process.jvm().pid()),
                            "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            jcmd.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return MetricSamples.of(process.url("/metrics"), "jvm_memory_used_bytes", Map.of("area", "heap")).stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    private static double socketHeartbeats(PresenceLauncher.Process gateway) {
        return MetricSamples.of(
                        gateway.url("/metrics"),
                        "presence_gateway_sockets_heartbeats_total",
                        Map.of("outcome", "stored"))
                .stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    private static double sum(PresenceLauncher.Process process, String series) {
        return MetricSamples.of(process.url("/metrics"), series, Map.of()).stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    private static String closesByReason(PresenceLauncher.Process gateway) {
        StringBuilder reasons = new StringBuilder();
        for (String reason : List.of("no_pong", "token_expired", "too_many_messages", "kafka_unavailable")) {
            double count = MetricSamples.of(
                            gateway.url("/metrics"), "presence_gateway_sockets_closed_total", Map.of("reason", reason))
                    .stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            reasons.append(reasons.length() == 0 ? "" : ", ")
                    .append(reason)
                    .append(' ')
                    .append(Math.round(count));
        }
        return reasons.toString();
    }

    /** User plus system CPU time of a process so far, from {@code /proc}, in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
