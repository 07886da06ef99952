package io.presence.bench;

import io.presence.bench.load.LuaScripts;
import io.presence.bench.load.Wrk;
import io.presence.bench.load.WrkResult;
import io.presence.bench.report.Figures;
import java.util.List;

/** Status queries over every user in the store: batches of 100 random ids, from one client and many; single ids. */
final class QueryFigures {
    private static final int BATCH = 100;

    private final BenchRun run;

    QueryFigures(BenchRun run) {
        this.run = run;
    }

    void measure(PresenceLauncher.Process queryApi) {
        if (run.wrk.isEmpty()) {
            List.of(Figures.BATCH100_P50, Figures.BATCH100_P99, Figures.BATCH100_RPS, Figures.SINGLE_RPS)
                    .forEach(name -> run.report.unmeasured(name, "wrk is not installed"));
            return;
        }
        Wrk wrk = run.wrk.get();
        String token = run.token("bench-reader");
        String base = queryApi.url("");
        // Warm up the JIT and the block cache on the same paths, unmeasured.
        wrk.run(
                "query-warm-up",
                base,
                LuaScripts.statusQueries(token, run.profile.users(), BATCH),
                8,
                run.profile.warmUp());

        WrkResult oneClient = wrk.run(
                "batch100-one-client",
                base,
                LuaScripts.statusQueries(token, run.profile.users(), BATCH),
                1,
                run.profile.httpDuration());
        record(oneClient, "batch of 100, one client");
        run.report.record(Figures.BATCH100_P50, oneClient.p50Ms());
        run.report.record(Figures.BATCH100_P99, oneClient.p99Ms());

        WrkResult batches = wrk.run(
                "batch100-concurrent",
                base,
                LuaScripts.statusQueries(token, run.profile.users(), BATCH),
                run.profile.queryConnections(),
                run.profile.httpDuration());
        record(batches, "batch of 100, " + run.profile.queryConnections() + " connections");
        run.report.record(Figures.BATCH100_RPS, batches.requestsPerSecond());

        WrkResult singles = wrk.run(
                "single-concurrent",
                base,
                LuaScripts.statusQueries(token, run.profile.users(), 1),
                run.profile.queryConnections(),
                run.profile.httpDuration());
        record(singles, "single ids, " + run.profile.queryConnections() + " connections");
        run.report.record(Figures.SINGLE_RPS, singles.requestsPerSecond());
    }

    private void record(WrkResult result, String what) {
        run.progress.step("queries, " + what + ": " + result);
        if (!result.clean()) {
            run.report.note("Run " + run.index + ", queries (" + what + "): " + result);
        }
    }
}
