package io.presence.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Mints user tokens with the service's own key: for the {@code token} command, dev mode and tests. */
public final class TokenIssuer {
    private final JwtSettings settings;
    private final Algorithm algorithm;
    private final Clock clock;

    public TokenIssuer(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.algorithm = Algorithm.HMAC256(settings.secret());
        this.clock = clock;
    }

    public String issue(String userId, Set<String> scopes, Duration ttl) {
        Instant now = clock.instant();
        JWTCreator.Builder builder =
                JWT.create().withSubject(userId).withIssuedAt(now).withExpiresAt(now.plus(ttl));
        if (!scopes.isEmpty()) {
            builder.withClaim("scope", String.join(" ", scopes));
        }
        settings.issuer().ifPresent(builder::withIssuer);
        settings.audience().ifPresent(builder::withAudience);
        return builder.sign(algorithm);
    }
}
