package io.presence.auth;

/** The scopes a token may carry in its space-separated {@code scope} claim. */
public final class Scope {
    /** May send heartbeats for any user (a relaying backend). */
    public static final String WRITE = "presence:write";

    private Scope() {}
}
