package io.presence.event;

/** The topics of the contract. */
public final class Topics {
    public static final String HEARTBEATS = "presence.heartbeats";
    public static final String CHANGES = "presence.changes";

    private Topics() {}
}
