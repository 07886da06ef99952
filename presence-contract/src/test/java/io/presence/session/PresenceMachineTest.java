package io.presence.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.presence.user.PresenceRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The transition rules alone, over a map: what the live topology and the replay both obey. */
class PresenceMachineTest {
    private static final long T = 10_000;

    private final Map<String, LastSeen> users = new HashMap<>();
    private final List<String> changes = new ArrayList<>();
    private final PresenceMachine machine = new PresenceMachine(
            new PresenceRule(Duration.ofMillis(T)),
            new UserStates() {
                @Override
                public @Nullable LastSeen get(String userId) {
                    return users.get(userId);
                }

                @Override
                public void put(String userId, LastSeen seen) {
                    users.put(userId, seen);
                }
            },
            new DeadlineIndex(),
            new Transitions() {
                @Override
                public void online(String userId, long atMs) {
                    changes.add(userId + " online " + atMs);
                }

                @Override
                public void offline(String userId, long lastSeenMs, long atMs) {
                    changes.add(userId + " offline " + atMs + " last " + lastSeenMs);
                }
            });

    @Test
    void aSessionStartsAtTheFirstHeartbeatAndEndsOneThresholdAfterTheLast() {
        machine.heartbeat("u", 1_000);
        machine.heartbeat("u", 6_000);
        machine.heartbeat("u", 11_000);

        assertThat(machine.decideBefore(21_000, 100)).isEqualTo(21_000);
        assertThat(changes).containsExactly("u online 1000");

        machine.decideBefore(21_001, 100);
        assertThat(changes).containsExactly("u online 1000", "u offline 21000 last 11000");
        assertThat(users.get("u")).isEqualTo(new LastSeen(11_000, false));
    }

    @Test
    void aHeartbeatExactlyAtTheOfflineInstantContinuesTheSession() {
        machine.heartbeat("u", 1_000);
        machine.heartbeat("u", 1_000 + T);
        machine.decideBefore(1_000 + 2 * T, 100);

        assertThat(changes).containsExactly("u online 1000");
    }

    @Test
    void aHeartbeatAfterASilenceTheHorizonHasNotReachedClosesTheSessionAtItsInstant() {
        machine.heartbeat("u", 1_000);
        machine.heartbeat("u", 1_001 + T);

        assertThat(changes).containsExactly("u online 1000", "u offline 11000 last 1000", "u online 11001");
        // The index entry stayed: when it comes due it moves to the new session's deadline, nothing is published.
        machine.decideBefore(11_500, 100);
        assertThat(changes).hasSize(3);
        assertThat(machine.deadlines().earliestDeadlineMs()).isEqualTo(11_001 + T);
    }

    @Test
    void heartbeatsOlderThanTheNewestNeverMoveLastSeenBackNorReopenASession() {
        machine.heartbeat("u", 5_000);
        machine.heartbeat("u", 4_000);
        assertThat(users.get("u").lastSeenMs()).isEqualTo(5_000);

        machine.decideBefore(20_000, 100);
        machine.heartbeat("u", 4_500);

        assertThat(changes).containsExactly("u online 5000", "u offline 15000 last 5000");
    }

    @Test
    void oneCallDecidesAtMostTheGivenNumberOfEntriesAndSaysHowFarItGot() {
        for (int i = 0; i < 5; i++) {
            machine.heartbeat("u" + i, 1_000 + i);
        }

        long decidedUntil = machine.decideBefore(60_000, 2);

        assertThat(changes.stream().filter(c -> c.contains("offline"))).hasSize(2);
        assertThat(decidedUntil).isEqualTo(11_002);
        assertThat(machine.decideBefore(60_000, 10)).isEqualTo(60_000);
        assertThat(changes.stream().filter(c -> c.contains("offline"))).hasSize(5);
    }

    @Test
    void aResumedUserGoesOfflineOnTime() {
        users.put("u", new LastSeen(3_000, true));
        machine.resume("u", users.get("u"));

        machine.decideBefore(13_001, 100);

        assertThat(changes).containsExactly("u offline 13000 last 3000");
    }
}
