package io.presence.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who sent a request, as proven by a verified token: the user id ({@code sub}), the scopes granted, and when the token
 * stops being valid ({@code exp}), which long-lived connections check.
 */
public record Caller(String userId, Set<String> scopes, Instant expiresAt) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
