package io.presence.query.subscribe;

/** One record of {@code presence.changes} as subscribers get it: where it is in the topic, whose it is, its JSON. */
record ChangeEvent(int partition, long offset, String userId, String json) {}
