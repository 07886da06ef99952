package io.presence.bench;

import io.presence.bench.load.LuaScripts;
import io.presence.bench.load.WrkResult;
import io.presence.bench.proc.MetricSamples;
import io.presence.bench.report.Figures;
import java.time.Duration;
import java.util.Map;

/**
 * Batch queries across two instances: a second query-api joins, the partitions split between them, and one client asks
 * the first for batches of 100 random ids. About half of each batch lives on the other instance, so every batch waits
 * for one call to its peer; the peer's own metrics confirm the calls were made.
 */
final class PeerHopFigures {
    private static final int BATCH = 100;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final BenchRun run;

    PeerHopFigures(BenchRun run) {
        this.run = run;
    }

    /** {@code asked} is serving every user; {@code peer} is a stopped instance that joins it now. */
    void measure(PresenceLauncher.Process asked, PresenceLauncher.Process peer) {
        if (run.wrk.isEmpty()) {
            run.report.unmeasured(Figures.BATCH100_PEER_P99, "wrk is not installed");
            return;
        }
        peer.start();
        peer.awaitReady(READY_TIMEOUT);
        asked.awaitReady(READY_TIMEOUT);
        String queries = LuaScripts.statusQueries(run.token("bench-reader"), run.profile.users(), BATCH);
        run.wrk.get().run("peer-hop-warm-up", asked.url(""), queries, 1, run.profile.warmUp());
        double callsBefore = peerCalls(peer);
        WrkResult result =
                run.wrk.get().run("batch100-peer-hop", asked.url(""), queries, 1, run.profile.httpDuration());
        double calls = peerCalls(peer) - callsBefore;
        run.progress.step(String.format(
                "queries over two instances, batch of 100, one client: %s; %.0f calls to the peer", result, calls));
        if (!result.clean()) {
            run.report.note("Run " + run.index + ", queries over two instances: " + result);
            run.report.unmeasured(Figures.BATCH100_PEER_P99, "not every batch was answered 200: " + result);
        } else if (calls < result.requests()) {
            run.report.unmeasured(
                    Figures.BATCH100_PEER_P99,
                    "the peer answered " + calls + " calls for " + result.requests() + " batches: the partitions did"
                            + " not split between the instances");
        } else {
            run.report.record(Figures.BATCH100_PEER_P99, result.p99Ms());
        }
    }

    /** Calls answered 200 on the peer's internal last-seen route, from its metrics. */
    private static double peerCalls(PresenceLauncher.Process peer) {
        return MetricSamples.of(
                        peer.url("/metrics"),
                        "http_server_requests_seconds_count",
                        Map.of("route", "/internal/last-seen", "status", "200"))
                .stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }
}
