package io.presence.auth;

import java.util.Set;

/** Who sent a request, as proven by a verified token: the user id ({@code sub}) and the scopes granted. */
public record Caller(String userId, Set<String> scopes) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
