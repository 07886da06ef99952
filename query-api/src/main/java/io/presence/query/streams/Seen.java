package io.presence.query.streams;

/**
 * What one store copy knows of a user: the last-seen time (null: never seen) and how far that copy's offline
 * decisions have gone ({@code Long.MIN_VALUE} for copies that make none, such as standbys). An {@code offline} answer is
 * only as good as the decisions behind it.
 */
public record Seen(Long lastSeenMs, long decidedUntilMs) {
    public static final long NOTHING_DECIDED = Long.MIN_VALUE;
    /** A caught-up task decides offline every 250 ms; decisions this recent still count as current. */
    public static final long CURRENT_WITHIN_MS = 2_000;

    /** Offline decisions that reach nearly now: the copy is caught up. */
    public static boolean isCurrent(long decidedUntilMs, long nowMs) {
        return decidedUntilMs != NOTHING_DECIDED && decidedUntilMs >= nowMs - CURRENT_WITHIN_MS;
    }
}
