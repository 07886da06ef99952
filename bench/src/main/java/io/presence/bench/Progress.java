package io.presence.bench;

import java.io.PrintStream;
import java.time.Duration;

/** One line per step on standard output, with the time since the bench started, so a long run shows where it is. */
public final class Progress {
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private String run = "";

    public Progress(PrintStream out) {
        this.out = out;
    }

    void run(int index, int of) {
        run = "run " + index + "/" + of + " ";
    }

    public void step(String message) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        out.printf("[%2d:%02d] %s%s%n", elapsed.toMinutes(), elapsed.toSecondsPart(), run, message);
        out.flush();
    }
}
