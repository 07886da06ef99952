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
}
