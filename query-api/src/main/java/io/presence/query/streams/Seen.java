package io.presence.query.streams;

/**
 * What one store copy knows of a user: the last-seen time (null: never seen) and how far that copy's offline
 * decisions have gone ({@code Long.MIN_VALUE} for copies that make none, such as standbys). An {@code offline} answer is
 * only as good as the decisions behind it.
 */
public record Seen(Long lastSeenMs, long decidedUntilMs) {
    public static final long NOTHING_DECIDED = Long.MIN_VALUE;
}
