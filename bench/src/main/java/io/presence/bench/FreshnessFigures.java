package io.presence.bench;

import io.presence.auth.Scope;
import io.presence.bench.kafka.ChangeWatcher;
import io.presence.bench.load.Latencies;
import io.presence.bench.load.PacedRelay;
import io.presence.bench.proc.Http;
import io.presence.bench.report.Figures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How soon a heartbeat shows: users never seen before send one heartbeat each through the gateway while a background
 * relay holds half the sustained load; from the 202, the time until query-api answers {@code online}, and until the
 * {@code online} event can be read from {@code presence.changes}.
 */
final class FreshnessFigures {
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    private final BenchRun run;

    FreshnessFigures(BenchRun run) {
        this.run = run;
    }

    void measure(PresenceLauncher.Process gateway, PresenceLauncher.Process queryApi, double backgroundRate) {
        String prefix = "f" + run.index + "-";
        String reader = run.token("bench-reader");
        List<Double> toQuery = new ArrayList<>();
        Map<String, Long> acceptedAtMs = new ConcurrentHashMap<>();
        try (ChangeWatcher changes = new ChangeWatcher(run.broker.bootstrapServers(), prefix);
                PacedRelay background = new PacedRelay(
                        gateway.url("/heartbeats"),
                        run.token("bench-relay", Scope.WRITE),
                        IngestFigures.rotation(
                                backgroundRate, run.profile.offlineAfter().dividedBy(2)),
                        IngestFigures.IDS_PER_BATCH,
                        backgroundRate)) {
            Http.pause(Duration.ofSeconds(2));
            for (int probe = 0; probe < run.profile.freshnessProbes(); probe++) {
                String userId = prefix + probe;
                long accepted = heartbeat(gateway, userId);
                acceptedAtMs.put(userId, System.currentTimeMillis());
                toQuery.add(untilOnline(queryApi, userId, reader, accepted) / 1e6);
            }
            Http.pause(Duration.ofSeconds(2));
            List<Double> toEvent = new ArrayList<>();
            acceptedAtMs.forEach((userId, at) -> changes.online(userId)
                    .ifPresent(arrival -> toEvent.add((double) Math.max(0, arrival.readAtMs() - at))));
            record(Latencies.of(toQuery), Latencies.of(toEvent), background);
        }
    }

    private void record(Latencies query, Latencies event, PacedRelay background) {
        run.report.record(Figures.FRESHNESS_QUERY_P50, query.p50());
        run.report.record(Figures.FRESHNESS_QUERY_P99, query.p99());
        if (event.count() > 0) {
            run.report.record(Figures.FRESHNESS_CHANGE_P99, event.p99());
        }
        if (event.count() < query.count()) {
            run.report.note("Run " + run.index + ", freshness: " + (query.count() - event.count())
                    + " online events not read within 2 s of the last probe");
        }
        run.progress.step("freshness 202 → online answer: " + query + "; 202 → online event: " + event
                + "; background relay " + background.accepted() + " batches accepted, " + background.failed()
                + " failed");
    }

    /** Sends the user's heartbeat; the nanoTime at which the 202 arrived. */
    private long heartbeat(PresenceLauncher.Process gateway, String userId) {
        try {
            int status =
                    Http.post(gateway.url("/heartbeat"), run.token(userId), "").statusCode();
            if (status != 202) {
                throw new IllegalStateException("A freshness probe's heartbeat was answered " + status);
            }
            return System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks query-api for the user until it says online; nanoseconds since {@code acceptedNanos}. */
    private static long untilOnline(
            PresenceLauncher.Process queryApi, String userId, String token, long acceptedNanos) {
        long deadline = acceptedNanos + VISIBLE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Http.get(queryApi.url("/status/user/" + userId), token)
                        .body()
                        .contains("\"status\":\"online\"")) {
                    return System.nanoTime() - acceptedNanos;
                }
            } catch (IOException e) {
                // keep asking until the deadline
            }
        }
        throw new IllegalStateException(userId + " was not online in query-api " + VISIBLE_WITHIN + " after its 202");
    }
}
