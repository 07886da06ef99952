package io.presence.bench;

/**
 * The parts of a run, in the order they run; {@code --phases} picks some, for a quicker look while engineering. Every
 * phase but {@link #INGEST}, {@link #HISTORY} and {@link #REALTIME} (which bring their own brokers) works on the state
 * the stream phase builds, so it runs whenever one of them does.
 */
public enum BenchPhase {
    STREAM,
    QUERIES,
    LIFECYCLE,
    LIVE,
    INGEST,
    HISTORY,
    REALTIME
}
