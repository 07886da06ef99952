package io.presence.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress report on stderr for long replays: records read out of the total, records per second and the
 * time left, redrawn at most twice a second.
 */
final class ProgressBar implements ReplayProgress {
    private static final long REDRAW_NANOS = 500_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private long total;
    private long startedNanos = System.nanoTime();
    private long drawnNanos;
    private boolean drawn;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(long records) {
        total = records;
        startedNanos = System.nanoTime();
    }

    @Override
    public void read(long read) {
        long now = System.nanoTime();
        if (now - drawnNanos < REDRAW_NANOS) {
            return;
        }
        drawnNanos = now;
        draw(read, now);
    }

    @Override
    public void finished(long read) {
        draw(read, System.nanoTime());
        if (drawn) {
            out.println();
        }
    }

    private void draw(long read, long now) {
        double seconds = Math.max(1e-3, (now - startedNanos) / 1e9);
        double rate = read / seconds;
        double share = total == 0 ? 1 : Math.min(1, (double) read / total);
        int filled = (int) (share * WIDTH);
        long leftSeconds = rate > 0 ? (long) ((total - read) / rate) : 0;
        out.print(String.format(
                Locale.ROOT,
                "\r[%s%s] %,d / %,d records  %,.0f records/s  ETA %d:%02d ",
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                read,
                total,
                rate,
                leftSeconds / 60,
                leftSeconds % 60));
        out.flush();
        drawn = true;
    }
}
