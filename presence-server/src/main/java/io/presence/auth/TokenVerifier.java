package io.presence.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import io.presence.http.ProblemException;
import io.presence.user.UserIds;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks {@code Authorization: Bearer} tokens: HS256 only (so {@code alg: none} and every other algorithm are refused),
 * {@code exp} required with a leeway of {@value #LEEWAY_SECONDS} s, {@code nbf} honoured, optional exact {@code iss}
 * and {@code aud}, a {@code sub} that is a valid user id, and every claim read of its JSON type ({@link ClaimTypes}).
 * Every failure is a 401 problem.
 */
public final class TokenVerifier {
    public static final long LEEWAY_SECONDS = 30;
    private static final String BEARER = "Bearer ";

    private final JWTVerifier verifier;

    public TokenVerifier(JwtSettings settings, Clock clock) {
        Verification verification = JWT.require(Algorithm.HMAC256(settings.secret()))
                .withClaimPresence("exp")
                .withClaimPresence("sub")
                .acceptLeeway(LEEWAY_SECONDS);
        settings.issuer().ifPresent(verification::withIssuer);
        settings.audience().ifPresent(verification::withAudience);
        this.verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
    }

    /** Verifies the raw {@code Authorization} header value (may be null) and returns the caller it proves. */
    public Caller verify(String authorizationHeader) {
        return verifyToken(bearerToken(authorizationHeader));
    }

    /**
     * As {@link #verify(String)}, but a browser's {@code EventSource} and {@code WebSocket} cannot send headers: they
     * may send the token as {@code ?access_token=} instead (RFC 6750, section 2.3). The header wins when both are sent.
     */
    public Caller verify(String authorizationHeader, String accessTokenParameter) {
        if (authorizationHeader == null && accessTokenParameter != null) {
            if (accessTokenParameter.isBlank()) {
                throw ProblemException.unauthorized("The access_token parameter is empty; send a signed JWT");
            }
            return verifyToken(accessTokenParameter.trim());
        }
        return verify(authorizationHeader);
    }

    private Caller verifyToken(String token) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (JWTDecodeException e) {
            // Unreadable, or a date claim that is not a number: the library stops before the signature; say which.
            throw ProblemException.unauthorized(
                    ClaimTypes.problemIn(payloadOf(token)).orElse("The token is malformed; send a signed JWT"));
        } catch (JWTVerificationException e) {
            throw ProblemException.unauthorized(reason(e));
        }
        ClaimTypes.problemIn(jwt.getPayload()).ifPresent(wrongType -> {
            throw ProblemException.unauthorized(wrongType);
        });
        if (jwt.getKeyId() != null) {
            throw ProblemException.unauthorized(
                    "The token names key id '" + jwt.getKeyId() + "', which this service does not know");
        }
        String subject = jwt.getSubject();
        if (!UserIds.isValid(subject)) {
            throw ProblemException.unauthorized("The token's sub is not a valid user id: " + UserIds.describe(subject));
        }
        return new Caller(subject, scopes(jwt.getClaim("scope").asString()), jwt.getExpiresAtAsInstant());
    }

    private static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.unauthorized("Send a token as 'Authorization: Bearer <JWT>'");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() == BEARER.length()) {
            throw ProblemException.unauthorized("The Authorization header must be 'Bearer <JWT>'");
        }
        return header.substring(BEARER.length()).trim();
    }

    private static String payloadOf(String token) {
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 ? parts[1] : "";
    }

    private static Set<String> scopes(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(claim.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }

    private static String reason(JWTVerificationException e) {
        if (e instanceof TokenExpiredException) {
            return "The token has expired; get a new one";
        }
        if (e instanceof AlgorithmMismatchException) {
            return "The token must be signed with HS256";
        }
        if (e instanceof SignatureVerificationException) {
            return "The token's signature does not verify";
        }
        if (e instanceof MissingClaimException missing) {
            return "The token lacks the required claim '" + missing.getClaimName() + "'";
        }
        if (e instanceof IncorrectClaimException incorrect) {
            return "The token's claim '" + incorrect.getClaimName()
                    + "' is not accepted here (wrong value, or not yet valid)";
        }
        return "The token is malformed; send a signed JWT";
    }
}
