package io.presence.bench.proc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls a readiness endpoint in the background while load runs, counting the polls that were not answered 200: under a
 * load an instance keeps up with, readiness stays up.
 */
public final class ReadinessWatch implements AutoCloseable {
    private static final Duration EVERY = Duration.ofMillis(200);

    private final String url;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final Thread poller;
    private volatile boolean stopped;

    public ReadinessWatch(String url) {
        this.url = url;
        this.poller = new Thread(this::poll, "readiness-watch");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (!stopped) {
            polls.incrementAndGet();
            if (Http.status(url, null) != 200) {
                down.incrementAndGet();
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long polls() {
        return polls.get();
    }

    /** Polls not answered 200. */
    public long down() {
        return down.get();
    }

    @Override
    public void close() {
        stopped = true;
        poller.interrupt();
    }
}
