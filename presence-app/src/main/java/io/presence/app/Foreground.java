package io.presence.app;

import java.util.concurrent.CountDownLatch;

/** Keeps a command in the foreground until the JVM shuts down (Ctrl-C or SIGTERM run the shutdown hooks). */
final class Foreground {
    private Foreground() {}

    static void waitForShutdown() {
        CountDownLatch never = new CountDownLatch(1);
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
