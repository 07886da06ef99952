package io.presence.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.http.ProblemException;
import io.presence.user.UserIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final JwtSettings JWT = new JwtSettings(
            "a-test-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Optional.empty());
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final PeerTokens peers = new PeerTokens(JWT, CLOCK);

    @Test
    void aPeerTokenIsAPeerToken() {
        assertThat(peers.isPeer("Bearer " + peers.issue())).isTrue();
    }

    @Test
    void aPeerTokenIsRefusedAsAUserToken() {
        TokenVerifier users = new TokenVerifier(JWT, CLOCK);

        assertThatThrownBy(() -> users.verify("Bearer " + peers.issue()))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(401));
    }

    @Test
    void noUserTokenIsAPeerTokenWhateverItsSubjectOrScope() {
        TokenIssuer users = new TokenIssuer(JWT, CLOCK);

        assertThat(peers.isPeer("Bearer " + users.issue("alice", Set.of(), Duration.ofMinutes(5))))
                .isFalse();
        assertThat(peers.isPeer(
                        "Bearer " + users.issue("query-api", Set.of("presence:internal"), Duration.ofMinutes(5))))
                .isFalse();
    }

    @Test
    void itsSubjectCanNeverBeAUserId() {
        assertThat(UserIds.isValid(PeerTokens.SUBJECT)).isFalse();
    }

    @Test
    void aPeerTokenLivesOneMinute() {
        String token = peers.issue();
        PeerTokens later = new PeerTokens(JWT, Clock.offset(CLOCK, PeerTokens.TTL.plusSeconds(10)));

        assertThat(later.isPeer("Bearer " + token)).isFalse();
    }

    @Test
    void aPeerTokenOfAnotherSecretIsRefused() {
        JwtSettings other = new JwtSettings(
                "another-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                Optional.empty());

        assertThat(peers.isPeer("Bearer " + new PeerTokens(other, CLOCK).issue()))
                .isFalse();
    }

    @Test
    void noHeaderOrGarbageIsNotAPeer() {
        assertThat(peers.isPeer(null)).isFalse();
        assertThat(peers.isPeer("")).isFalse();
        assertThat(peers.isPeer("Bearer garbage")).isFalse();
        assertThat(peers.isPeer("Basic YWxpY2U6cHc=")).isFalse();
    }
}
