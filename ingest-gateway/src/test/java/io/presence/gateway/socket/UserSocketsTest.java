package io.presence.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presence.auth.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSocketsTest {
    private static final SocketLimits LIMITS = SocketLimits.forOfflineAfter(Duration.ofSeconds(10));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    private final OpenSockets registry = new OpenSockets(metrics, clock);

    @Test
    void shouldWriteOneHeartbeatPerBeatForAllOfAUsersSockets() {
        UserSockets user = userWith(2, Instant.MAX);
        long now = clock.millis();
        assertThat(user.startBeat(now, LIMITS))
                .as("the first beat is due at once")
                .isTrue();
        assertThat(user.startBeat(now + 100, LIMITS))
                .as("one write in flight at most")
                .isFalse();
        user.written(now + 50, "{}", LIMITS);
        assertThat(user.startBeat(now + 4_000, LIMITS))
                .as("not before the beat")
                .isFalse();
        assertThat(user.startBeat(now + 5_050, LIMITS))
                .as("due a beat after the last write")
                .isTrue();
    }

    @Test
    void shouldBringTheNextHeartbeatForwardForATextFrameButNotSoonerThanASecond() {
        UserSockets user = userWith(1, Instant.MAX);
        long now = clock.millis();
        user.startBeat(now, LIMITS);
        user.written(now, "{}", LIMITS);
        user.textHeard(now + 300);
        assertThat(user.startBeat(now + 900, LIMITS)).isFalse();
        assertThat(user.startBeat(now + 1_000, LIMITS)).isTrue();
    }

    @Test
    void shouldCloseSocketsThatStoppedAnsweringOrWhoseTokenExpired() {
        UserSockets silent = userWith(1, Instant.MAX);
        assertThat(silent.startBeat(clock.millis() + LIMITS.deadAfter().toMillis() + 1, LIMITS))
                .as("no heartbeat for a dead socket")
                .isFalse();
        assertThat(closed(SocketClose.NO_PONG)).isEqualTo(1);

        UserSockets expired = userWith(1, clock.instant().minusSeconds(31));
        assertThat(expired.startBeat(clock.millis(), LIMITS)).isFalse();
        assertThat(closed(SocketClose.TOKEN_EXPIRED)).isEqualTo(1);
    }

    @Test
    void shouldRetryRefusedHeartbeatsAndCloseTheSocketsAfterTheBound() {
        UserSockets user = userWith(1, Instant.MAX);
        long now = clock.millis();
        user.startBeat(now, LIMITS);
        user.failed(now, "{}", LIMITS);
        assertThat(user.startBeat(now + 999, LIMITS)).isFalse();
        assertThat(user.startBeat(now + 1_000, LIMITS))
                .as("retried after a second")
                .isTrue();
        user.failed(now + 1_000, "{}", LIMITS);
        assertThat(closed(SocketClose.KAFKA_UNAVAILABLE)).isZero();
        user.failed(now + LIMITS.kafkaBound().toMillis(), "{}", LIMITS);
        assertThat(closed(SocketClose.KAFKA_UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void shouldHoldAtMostTheSocketsAllowedPerUser() {
        for (int i = 0; i < SocketLimits.SOCKETS_PER_USER; i++) {
            assertThat(registry.opened(socket("many", Instant.MAX))).isTrue();
        }
        assertThat(registry.opened(socket("many", Instant.MAX))).isFalse();
        assertThat(registry.countFor("many")).isEqualTo(SocketLimits.SOCKETS_PER_USER);
    }

    @Test
    void shouldForgetAUserWithItsLastSocket() {
        UserSocket first = socket("leaving", Instant.MAX);
        UserSocket second = socket("leaving", Instant.MAX);
        registry.opened(first);
        registry.opened(second);
        registry.closed(first);
        assertThat(registry.countFor("leaving")).isEqualTo(1);
        registry.closed(second);
        registry.closed(second);
        assertThat(registry.countFor("leaving")).isZero();
        assertThat(registry.openSockets()).isZero();
        assertThat(registry.users()).isEmpty();
    }

    @Test
    void shouldAllowABurstOfMessagesThenTheSustainedRate() {
        MessageRate rate = new MessageRate(2, 3, 0);
        assertThat(rate.tryAcquire(0)).isTrue();
        assertThat(rate.tryAcquire(0)).isTrue();
        assertThat(rate.tryAcquire(0)).isTrue();
        assertThat(rate.tryAcquire(0)).isFalse();
        assertThat(rate.tryAcquire(500)).isTrue();
        assertThat(rate.tryAcquire(500)).isFalse();
    }

    private UserSockets userWith(int sockets, Instant expiresAt) {
        String id = "u" + System.nanoTime();
        for (int i = 0; i < sockets; i++) {
            registry.opened(socket(id, expiresAt));
        }
        return registry.users().stream()
                .filter(user -> user.userId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private UserSocket socket(String userId, Instant expiresAt) {
        return new UserSocket(new Caller(userId, Set.of(), expiresAt), registry, clock);
    }

    private double closed(SocketClose why) {
        return metrics.get("presence.gateway.sockets.closed")
                .tag("reason", why.tag())
                .counter()
                .count();
    }
}
