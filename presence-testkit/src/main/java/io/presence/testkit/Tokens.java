package io.presence.testkit;

import io.presence.auth.JwtSettings;
import io.presence.auth.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Token minting for tests that talk to processes with a known secret. */
public final class Tokens {
    private Tokens() {}

    public static String sign(String secret, String userId, String... scopes) {
        JwtSettings settings =
                new JwtSettings(secret.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty());
        return new TokenIssuer(settings, Clock.systemUTC()).issue(userId, Set.of(scopes), Duration.ofMinutes(10));
    }
}
