package io.presence.stream;

/**
 * One look at a heartbeat partition, taken at a known wall-clock instant: every record appended before
 * {@code observedAtMs} lies below {@code endOffset}, and the consumer group had committed {@code committedOffset}
 * (every record below it is reflected in the task's restored state).
 *
 * @param endOffset       the partition's end offset (high watermark) as the broker answered
 * @param committedOffset the group's committed position, or 0 when it has none
 * @param observedAtMs    the wall-clock time the question was sent, so an answer is never credited with a later time
 */
record LogPosition(long endOffset, long committedOffset, long observedAtMs) {}
