package io.presence.event;

/** The topics of the contract. */
public final class Topics {
    public static final String HEARTBEATS = "presence.heartbeats";
    public static final String CHANGES = "presence.changes";
    /**
     * Header of a heartbeat record: the {@code PRESENCE_OFFLINE_AFTER} (ms, decimal) of the gateway that wrote it, so
     * that the stream can tell when gateway and query-api were configured differently.
     */
    public static final String OFFLINE_AFTER_HEADER = "presence-offline-after-ms";

    private Topics() {}

    /**
     * Copies a write needs before it is acknowledged, for a topic with {@code replication} copies: two once there are
     * two or more, so that an acknowledged record survives the loss of any one broker. For ours and Kafka Streams'.
     */
    public static int minInSyncReplicas(int replication) {
        return Math.min(2, replication);
    }
}
