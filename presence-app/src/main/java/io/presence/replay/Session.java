package io.presence.replay;

import org.jspecify.annotations.Nullable;

/**
 * One online session as a replay reports it, clipped to the interval read: {@code startMs} is null when it began
 * before the interval, {@code endMs} null when the user was still online at its end.
 */
record Session(
        String userId, @Nullable Long startMs, @Nullable Long endMs) {}
