package io.presence.bench;

import io.presence.bench.proc.ChildJvm;
import io.presence.bench.report.Figures;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a million users cost in memory and on disk, and how fast query-api comes back: memory with every user in its
 * stores, a restart on its own state (twice, to see whether the state directory grows), the state on disk after a
 * clean stop, a fresh instance restoring every user from the changelogs, and what those changelogs hold once
 * compacted; last, the first instance joins the fresh one, for batch queries across two instances.
 */
final class LifecycleFigures {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final BenchRun run;
    private final double users;

    LifecycleFigures(BenchRun run) {
        this.run = run;
        this.users = run.profile.users();
    }

    void measure(PresenceLauncher.Process queryApi, Path stateDir) {
        double rss = queryApi.jvm().rssMb();
        run.report.record(Figures.QUERY_API_RSS, rss);
        run.progress.step(String.format("query-api RSS %.0f MB", rss));

        stop(queryApi.jvm());
        long firstStop = bytes(stateDir);
        run.report.record(Figures.STORE_BYTES, firstStop / users);
        run.progress.step(String.format("state on disk after a clean stop: %.1f B/user", firstStop / users));

        double restart = restart(queryApi);
        restart(queryApi);
        long thirdStop = bytes(stateDir);
        run.report.record(Figures.RESTART_READY, restart);
        run.report.record(Figures.STATE_DIR_GROWTH, Math.max(0, thirdStop - firstStop) / users);
        run.progress.step(String.format(
                "restart → ready %.2f s; state directory %+.1f B/user over two restarts",
                restart, (thirdStop - firstStop) / users));

        try (PresenceLauncher.Process fresh =
                run.launcher.queryApi(run.dir.resolve("fresh-state")).start()) {
            double restore = fresh.awaitReady(READY_TIMEOUT);
            run.report.record(Figures.RESTORE_READY, restore);
            run.progress.step(String.format("fresh instance restoring every user → ready %.2f s", restore));
            changelogs(fresh);
            new PeerHopFigures(run).measure(fresh, queryApi);
        }
    }

    private void changelogs(PresenceLauncher.Process queryApi) {
        ChangelogSize changelogs = new ChangelogSize(run);
        long bytes = changelogs.awaitCompacted(queryApi);
        double perUser = bytes / (users + ChangelogSize.ROLLING_USERS);
        run.report.record(Figures.CHANGELOG_BYTES, perUser);
        run.progress.step(String.format("changelogs after compaction: %.1f B/user", perUser));
    }

    /** Starts query-api again on its state; returns start → ready, then stops it cleanly. */
    private double restart(PresenceLauncher.Process queryApi) {
        queryApi.start();
        double ready = queryApi.awaitReady(READY_TIMEOUT);
        stop(queryApi.jvm());
        return ready;
    }

    private void stop(ChildJvm jvm) {
        int status = jvm.stop(STOP_TIMEOUT);
        if (status != 0) {
            run.report.note("Run " + run.index + ": query-api exited with " + status + " on SIGTERM; see " + jvm.log());
        }
    }

    /** The per-user state on disk: everything but the history stores, which grow with sessions (HistoryFigures). */
    static long bytes(Path dir) {
        return StateFiles.bytes(dir, file -> !StateFiles.isHistory(file));
    }
}
