package io.presence.bench;

import io.presence.auth.Scope;
import io.presence.bench.kafka.GroupProgress;
import io.presence.bench.load.LuaScripts;
import io.presence.bench.load.PacedRelay;
import io.presence.bench.load.Wrk;
import io.presence.bench.load.WrkResult;
import io.presence.bench.proc.Http;
import io.presence.bench.proc.ReadinessWatch;
import io.presence.bench.report.Figures;
import io.presence.event.Topics;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole pipeline on one machine: relayed batches through the gateway at a held rate, from a population of users
 * who each beat every half threshold (5 s), while one wrk client asks query-api for batches of 100 and readiness is
 * polled. The rate steps up by a quarter until the stream no longer keeps up (a backlog of more than a second of
 * heartbeats at the end of a step, a relay that failed, a query not answered 200, or readiness down once); when the
 * first rate already fails, it steps down until one holds. The figure is the heartbeats/s the stream processed at the
 * highest step it kept up with.
 */
final class PipelineFigures {
    private static final double STEP = 1.25;
    /** A step that ended before its queries were asked: the stream had not caught up with its new users. */
    private static final WrkResult NOTHING_ASKED = new WrkResult(0, 0, 0, 0, Double.NaN, Double.NaN);

    private final BenchRun run;

    PipelineFigures(BenchRun run) {
        this.run = run;
    }

    /** What one step at a held rate showed; {@code readinessDown} counts readiness polls not answered 200. */
    private record Step(
            double rate, double processed, long backlog, long relayFailures, WrkResult queries, long readinessDown) {
        boolean keptUp() {
            return backlog <= rate && relayFailures == 0 && queries.clean() && readinessDown == 0;
        }
    }

    /** The sustained heartbeats/s; empty when no step kept up, or wrk was not there to ask the queries. */
    Optional<Double> measure(PresenceLauncher.Process gateway, PresenceLauncher.Process queryApi, double firstRate) {
        if (run.wrk.isEmpty()) {
            run.report.unmeasured(Figures.PIPELINE, "wrk is not installed");
            run.report.unmeasured(Figures.BATCH100_LOADED_P99, "wrk is not installed");
            return Optional.empty();
        }
        try (Admin admin = run.broker.admin()) {
            GroupProgress stream = new GroupProgress(admin, "presence", Topics.HEARTBEATS);
            Step best = null;
            boolean steppingDown = false;
            double rate = firstRate;
            for (int step = 0; step < run.profile.pipelineSteps(); step++) {
                Step result = step(gateway, queryApi, stream, rate);
                run.progress.step(describe(result) + (result.keptUp() ? " → kept up" : " → fell behind"));
                stream.awaitCaughtUp(Duration.ofMinutes(3), queryApi.jvm()::alive);
                if (result.keptUp()) {
                    best = result;
                    if (steppingDown) {
                        break;
                    }
                    rate *= STEP;
                } else {
                    run.report.note(String.format("Run %d, pipeline fell behind: %s", run.index, describe(result)));
                    if (best != null) {
                        break;
                    }
                    // Not even the first rate: step down until one holds.
                    steppingDown = true;
                    rate /= STEP;
                }
            }
            return record(best);
        }
    }

    private static String describe(Step step) {
        return String.format(
                "at %.0f hb/s the stream processed %.0f hb/s with a backlog of %d at the end, %d relay failures,"
                        + " readiness down in %d polls; one client's batch queries: %s",
                step.rate(),
                step.processed(),
                step.backlog(),
                step.relayFailures(),
                step.readinessDown(),
                step.queries());
    }

    private Step step(
            PresenceLauncher.Process gateway, PresenceLauncher.Process queryApi, GroupProgress stream, double rate) {
        Wrk wrk = run.wrk.orElseThrow();
        Duration duration = run.profile.pipelineDuration();
        String queries = LuaScripts.statusQueries(run.token("bench-reader"), run.profile.users(), 100);
        try (PacedRelay relay = new PacedRelay(
                gateway.url("/heartbeats"),
                run.token("bench-relay", Scope.WRITE),
                IngestFigures.rotation(rate, beatPeriod()),
                IngestFigures.IDS_PER_BATCH,
                rate)) {
            // The step's new users come online in its first period; measured is what follows: users beating steadily.
            Http.pause(beatPeriod());
            if (!stream.caughtUpWithin(duration, queryApi.jvm()::alive)) {
                return new Step(rate, 0, stream.endOffsets() - stream.committed(), relay.failed(), NOTHING_ASKED, 0);
            }
            long fromCommitted = stream.committed();
            long fromNanos = System.nanoTime();
            WrkResult answered;
            long readinessDown;
            try (ReadinessWatch readiness = new ReadinessWatch(queryApi.url("/health/ready"))) {
                answered = wrk.run("pipeline-queries", queryApi.url(""), queries, 1, duration);
                readinessDown = readiness.down();
            }
            double processed = (stream.committed() - fromCommitted) / ((System.nanoTime() - fromNanos) / 1e9);
            return new Step(
                    rate, processed, stream.endOffsets() - stream.committed(), relay.failed(), answered, readinessDown);
        }
    }

    /** Clients beat every half threshold (5 s): the relay cycles through rate × that many users. */
    private Duration beatPeriod() {
        return run.profile.offlineAfter().dividedBy(2);
    }

    private Optional<Double> record(Step best) {
        if (best == null) {
            run.report.unmeasured(Figures.PIPELINE, "the stream fell behind at the lowest rate tried");
            run.report.unmeasured(Figures.BATCH100_LOADED_P99, "the stream fell behind at the lowest rate tried");
            return Optional.empty();
        }
        run.report.record(Figures.PIPELINE, best.processed());
        run.report.record(Figures.BATCH100_LOADED_P99, best.queries().p99Ms());
        return Optional.of(best.processed());
    }
}
