package io.presence.stream;

import java.util.SortedSet;

/** One instance of the application and the heartbeat partitions it runs, active and standby. */
public record Member(Instance instance, SortedSet<Integer> active, SortedSet<Integer> standby) {}
