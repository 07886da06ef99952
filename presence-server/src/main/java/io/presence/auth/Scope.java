package io.presence.auth;

/** The scopes a token may carry in its space-separated {@code scope} claim. */
public final class Scope {
    /** May send heartbeats for any user (a relaying backend). */
    public static final String WRITE = "presence:write";
    /** May read every user's changes at once (a subscription to everyone). */
    public static final String READ = "presence:read";

    private Scope() {}
}
