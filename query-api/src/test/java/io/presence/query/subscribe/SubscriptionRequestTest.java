package io.presence.query.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.auth.Caller;
import io.presence.auth.Scope;
import io.presence.http.ProblemException;
import io.presence.user.InvalidUserIdException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTest {
    private static final Caller ANYONE = new Caller("u", Set.of(), Instant.MAX);
    private static final Caller READER = new Caller("u", Set.of(Scope.READ), Instant.MAX);

    @Test
    void shouldFollowTheIdsGivenOnTheirPartitions() {
        SubscriptionRequest request = SubscriptionRequest.of(ANYONE, "alice,bob,alice", null, null, 12);
        assertThat(request.ids()).containsExactly("alice", "bob");
        assertThat(request.interest().partitions())
                .containsExactlyInAnyOrder(
                        SubscriptionRequest.partitionOf("alice", 12), SubscriptionRequest.partitionOf("bob", 12));
        assertThat(request.interest().follows("bob")).isTrue();
        assertThat(request.interest().follows("carol")).isFalse();
        assertThat(request.resumeFrom()).isNull();
    }

    @Test
    void shouldFollowEveryoneOnlyWithTheReadScope() {
        assertThat(SubscriptionRequest.of(READER, null, "true", null, 3)
                        .interest()
                        .partitions())
                .containsExactlyInAnyOrder(0, 1, 2);
        assertStatus(() -> SubscriptionRequest.of(ANYONE, null, "true", null, 3), 403);
    }

    @Test
    void shouldRefuseWhatItCannotServeWith400() {
        assertStatus(() -> SubscriptionRequest.of(READER, null, null, null, 3), 400);
        assertStatus(() -> SubscriptionRequest.of(READER, "a", "true", null, 3), 400);
        assertStatus(() -> SubscriptionRequest.of(READER, null, "yes", null, 3), 400);
        assertThatThrownBy(() -> SubscriptionRequest.of(READER, "a,,b", null, null, 3))
                .isInstanceOf(InvalidUserIdException.class); // a 400 like any invalid id
        int partition = SubscriptionRequest.partitionOf("alice", 3);
        String otherPartitions = ((partition + 1) % 3) + "-5";
        assertStatus(() -> SubscriptionRequest.of(READER, "alice", null, otherPartitions, 3), 400);
        assertThat(SubscriptionRequest.of(READER, "alice", null, partition + "-5", 3)
                        .resumeFrom())
                .isEqualTo(FeedPosition.parse(partition + "-5", 3));
    }

    private static void assertStatus(Runnable request, int status) {
        assertThatThrownBy(request::run)
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(status));
    }
}
