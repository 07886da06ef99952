package io.presence.stream;

/**
 * The transitions of one task within one minute: the net change of the online count, and the highest the count rose
 * above its value at the minute's start while they were applied. {@code totalAfter} and {@code seq} anchor the series:
 * the users online in the task right after the newest write, and that write's sequence number within the task.
 */
record OnlineMinute(int netChange, int highestRise, long totalAfter, long seq) {}
