package io.presence.bench;

import io.presence.bench.proc.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many Server-Sent Events subscribers of one query-api, read without a thread each (the JDK client hands each stream's
 * lines to a subscriber), timing every online change from its heartbeat to its arrival.
 */
final class SubscriberLoad implements AutoCloseable {
    private final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicInteger opened = new AtomicInteger();
    private final List<CompletableFuture<?>> streams = new ArrayList<>();
    private final List<Lines> readers = new ArrayList<>();

    static SubscriberLoad open(
            HttpClient client,
            PresenceLauncher.Process queryApi,
            BenchRun run,
            List<String> users,
            RealtimeFigures.Scale scale) {
        SubscriberLoad load = new SubscriberLoad();
        String token = run.token("watcher");
        for (int s = 0; s < scale.subscribers(); s++) {
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < scale.idsPerSubscriber(); i++) {
                ids.append(i == 0 ? "" : ",").append(users.get((s * scale.idsPerSubscriber() + i) % users.size()));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(queryApi.url("/subscribe?ids=" + ids)))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token)
                    .build();
            Lines lines = load.new Lines();
            load.readers.add(lines);
            load.streams.add(client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines)));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (load.opened.get() < scale.subscribers() && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(200));
        }
        return load;
    }

    int open() {
        return opened.get();
    }

    void reset() {
        latencies.clear();
        events.set(0);
    }

    long events() {
        return events.get();
    }

    List<Double> latencies() {
        return List.copyOf(latencies);
    }

    @Override
    public void close() {
        readers.forEach(Lines::cancel);
        streams.forEach(stream -> stream.cancel(true));
    }

    /** One stream's lines: counts its events and times its online changes. */
    private final class Lines implements Flow.Subscriber<String> {
        private volatile Flow.Subscription subscription;
        private String event = "";

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            given.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
                if (event.equals("open")) {
                    opened.incrementAndGet();
                }
            } else if (line.startsWith("data: ") && event.equals("change")) {
                events.incrementAndGet();
                ChangeLatency.record(latencies, line);
            }
        }

        @Override
        public void onError(Throwable error) {
            // the stream ended (closed at the end of the figure)
        }

        @Override
        public void onComplete() {
            // the server ended the stream
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
