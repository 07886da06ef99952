package io.presence.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.presence.config.ConfigException;
import io.presence.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-01T02:20:00Z");
    private static final byte[] SECRET = "a-test-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final JwtSettings OPEN = new JwtSettings(SECRET, Optional.empty(), Optional.empty());
    private static final JwtSettings STRICT =
            new JwtSettings(SECRET, Optional.of("https://auth.example"), Optional.of("presence"));

    private final TokenVerifier verifier = new TokenVerifier(OPEN, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldReturnTheCallerOfAValidToken() {
        Caller caller = verifier.verify(bearer(token(b -> b.withClaim("scope", "presence:write presence:read"))));

        assertThat(caller.userId()).isEqualTo("alice");
        assertThat(caller.hasScope(Scope.WRITE)).isTrue();
        assertThat(caller.hasScope("presence:read")).isTrue();
    }

    @Test
    void shouldAcceptATokenExpiredWithinTheLeewayButNotBeyond() {
        String justExpired = token(b -> b.withExpiresAt(NOW.minusSeconds(TokenVerifier.LEEWAY_SECONDS - 5)));
        String longExpired = token(b -> b.withExpiresAt(NOW.minusSeconds(TokenVerifier.LEEWAY_SECONDS + 5)));

        assertThat(verifier.verify(bearer(justExpired)).userId()).isEqualTo("alice");
        assertUnauthorized(bearer(longExpired), "expired");
    }

    @Test
    void shouldRequireExp() {
        assertUnauthorized(bearer(JWT.create().withSubject("alice").sign(Algorithm.HMAC256(SECRET))), "exp");
    }

    @Test
    void shouldHonourNotBefore() {
        assertUnauthorized(bearer(token(b -> b.withNotBefore(NOW.plusSeconds(120)))), "nbf");
        assertThat(verifier.verify(bearer(token(b -> b.withNotBefore(NOW.minusSeconds(1)))))
                        .userId())
                .isEqualTo("alice");
    }

    @Test
    void shouldRefuseUnsignedTokensAndOtherAlgorithms() throws Exception {
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64("{\"sub\":\"alice\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}") + ".";
        String hs384 = JWT.create()
                .withSubject("alice")
                .withExpiresAt(NOW.plusSeconds(600))
                .sign(Algorithm.HMAC384(SECRET));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var keys = generator.generateKeyPair();
        String rs256 = JWT.create()
                .withSubject("alice")
                .withExpiresAt(NOW.plusSeconds(600))
                .sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));

        assertUnauthorized(bearer(unsigned), "HS256");
        assertUnauthorized(bearer(hs384), "HS256");
        assertUnauthorized(bearer(rs256), "HS256");
    }

    @Test
    void shouldRefuseAWrongSignature() {
        String forged = JWT.create()
                .withSubject("alice")
                .withExpiresAt(NOW.plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-that-is-at-least-32-bytes"));

        assertUnauthorized(bearer(forged), "signature");
    }

    @Test
    void shouldRefuseTokensNamingAKeyId() {
        assertUnauthorized(bearer(token(b -> b.withKeyId("key-7"))), "key id");
    }

    @Test
    void shouldRefuseASubjectThatIsNotAValidUserId() {
        assertUnauthorized(bearer(token(b -> b.withSubject("../etc/passwd"))), "sub");
        assertUnauthorized(bearer(token(b -> b.withSubject("x".repeat(129)))), "sub");
        assertUnauthorized(
                bearer(JWT.create().withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET))), "sub");
    }

    @Test
    void shouldCheckIssuerAndAudienceExactlyWhenConfigured() {
        TokenVerifier strict = new TokenVerifier(STRICT, Clock.fixed(NOW, ZoneOffset.UTC));
        String right = token(b -> b.withIssuer("https://auth.example").withAudience("presence"));
        String wrongIssuer = token(b -> b.withIssuer("https://evil.example").withAudience("presence"));
        String noAudience = token(b -> b.withIssuer("https://auth.example"));

        assertThat(strict.verify(bearer(right)).userId()).isEqualTo("alice");
        assertThatThrownBy(() -> strict.verify(bearer(wrongIssuer))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> strict.verify(bearer(noAudience))).isInstanceOf(ProblemException.class);
    }

    @Test
    void shouldRefuseMissingAndMalformedHeaders() {
        for (String header :
                new String[] {null, "", "Bearer", "Bearer ", "Basic abc", "bearer not-a-jwt", "Bearer a.b.c"}) {
            assertThatThrownBy(() -> verifier.verify(header))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.problem().status()).isEqualTo(401));
        }
    }

    @Test
    void shouldRefuseToBuildSettingsWithAShortKey() {
        assertThatThrownBy(() -> new JwtSettings(
                        "too-short".getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PRESENCE_JWT_SECRET:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "sub is a number   | \"sub\":12345                        | claim 'sub' must be a JSON string",
                "sub is true       | \"sub\":true                         | claim 'sub' must be a JSON string",
                "sub is an array   | \"sub\":[\"alice\"]                  | claim 'sub' must be a JSON string",
                "sub is an object  | \"sub\":{\"id\":\"alice\"}           | claim 'sub' must be a JSON string",
                "scope is an array | \"sub\":\"alice\",\"scope\":[\"p:w\"] | claim 'scope' must be a JSON string",
                "scope is a number | \"sub\":\"alice\",\"scope\":7        | claim 'scope' must be a JSON string",
                "iss is a number   | \"sub\":\"alice\",\"iss\":1          | claim 'iss' must be a JSON string",
                "aud is a number   | \"sub\":\"alice\",\"aud\":1          | claim 'aud' must be a JSON string or",
                "aud holds a number| \"sub\":\"alice\",\"aud\":[\"a\",1]    | claim 'aud' must be a JSON string or",
                "nbf is a string   | \"sub\":\"alice\",\"nbf\":\"0\"        | claim 'nbf' must be a JSON number",
                "iat is a string   | \"sub\":\"alice\",\"iat\":\"0\"        | claim 'iat' must be a JSON number",
            })
    void shouldRefuseAClaimOfTheWrongJsonType(String name, String claims, String detail) {
        String json = "{" + claims.trim() + ",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}";

        assertUnauthorized(bearer(signed(json)), detail);
    }

    @Test
    void shouldRefuseAnExpiryThatIsNotANumber() {
        assertUnauthorized(
                bearer(signed(
                        "{\"sub\":\"alice\",\"exp\":\"" + NOW.plusSeconds(600).getEpochSecond() + "\"}")),
                "exp");
    }

    @Test
    void shouldAcceptEveryClaimOfItsTypeIncludingAnAudienceList() {
        long exp = NOW.plusSeconds(600).getEpochSecond();
        String json = "{\"sub\":\"alice\",\"scope\":\"presence:write\",\"iss\":\"x\",\"aud\":[\"a\",\"b\"],"
                + "\"nbf\":" + (exp - 1200) + ",\"iat\":" + (exp - 1200) + ",\"exp\":" + exp + "}";

        Caller caller = verifier.verify(bearer(signed(json)));

        assertThat(caller.userId()).isEqualTo("alice");
        assertThat(caller.hasScope(Scope.WRITE)).isTrue();
    }

    /** A token signed with the right key whose payload is exactly {@code payloadJson}, types and all. */
    private static String signed(String payloadJson) {
        String unsigned = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            byte[] signature = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(UnaryOperator<JWTCreator.Builder> customize) {
        return customize
                .apply(JWT.create().withSubject("alice").withExpiresAt(NOW.plusSeconds(600)))
                .sign(Algorithm.HMAC256(SECRET));
    }

    private void assertUnauthorized(String header, String detailMentions) {
        assertThatThrownBy(() -> verifier.verify(header)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(401);
            assertThat(e.headers()).containsKey("WWW-Authenticate");
            assertThat(e.problem().detail()).containsIgnoringCase(detailMentions);
        });
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
