package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Partitions listed for this address but owned by no thread here mean that someone else advertises it. */
class SharedAddressCheckTest {
    private static final Instance SELF = new Instance("10.0.0.7", 8081);
    private static final TopicPartition P0 = new TopicPartition("presence.heartbeats", 0);
    private static final TopicPartition P1 = new TopicPartition("presence.heartbeats", 1);

    @Test
    void shouldSeeNoConflictWhenWhatIsListedIsOwnedHere() {
        assertThat(SharedAddressCheck.conflict(SELF, Set.of(P0, P1), Set.of(P0, P1)))
                .isEmpty();
        assertThat(SharedAddressCheck.conflict(SELF, Set.of(), Set.of())).isEmpty();
    }

    @Test
    void shouldNameTheAddressAndWhatToSetWhenOthersAreListedUnderIt() {
        assertThat(SharedAddressCheck.conflict(SELF, Set.of(P0, P1), Set.of(P0)))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("10.0.0.7:8081")
                        .contains("presence.heartbeats-1")
                        .doesNotContain("presence.heartbeats-0")
                        .contains("PRESENCE_ADVERTISED_HOST"));
    }
}
