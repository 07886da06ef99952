package io.presence.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** Online or offline, written in lower case on the wire. */
public enum PresenceStatus {
    ONLINE("online"),
    OFFLINE("offline");

    private final String wireName;

    PresenceStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
