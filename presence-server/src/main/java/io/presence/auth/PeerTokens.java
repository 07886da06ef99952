package io.presence.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens that query-api instances present to each other, and nothing else can. They are signed with a key derived from
 * {@code PRESENCE_JWT_SECRET} (so a user token never verifies here, and a peer token never verifies as a user token),
 * carry their own audience and a subject no user id can be ({@code /} is outside the id alphabet), and live one minute.
 */
public final class PeerTokens {
    public static final String AUDIENCE = "presence-internal";
    public static final String SUBJECT = "query-api/peer";
    static final Duration TTL = Duration.ofMinutes(1);
    private static final String KEY_PURPOSE = "presence peer tokens v1";
    private static final long LEEWAY_SECONDS = 5;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;

    public PeerTokens(JwtSettings settings, Clock clock) {
        this.algorithm = Algorithm.HMAC256(derivedKey(settings.secret()));
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                        .withAudience(AUDIENCE)
                        .withSubject(SUBJECT)
                        .withClaimPresence("exp")
                        .acceptLeeway(LEEWAY_SECONDS))
                .build(clock);
        this.clock = clock;
    }

    /** A fresh token for one call to another instance. */
    public String issue() {
        Instant now = clock.instant();
        return JWT.create()
                .withSubject(SUBJECT)
                .withAudience(AUDIENCE)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(TTL))
                .sign(algorithm);
    }

    /** Whether this {@code Authorization} header (may be null) carries a valid peer token. */
    public boolean isPeer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        try {
            verifier.verify(authorizationHeader.substring(7).trim());
            return true;
        } catch (JWTVerificationException e) {
            return false;
        }
    }

    /** HMAC of a fixed purpose under the shared secret: one secret to configure, two keys that never mix. */
    private static byte[] derivedKey(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(KEY_PURPOSE.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
