package io.presence.query.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.http.ProblemException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedPositionTest {
    @Test
    void shouldReadBackTheIdItWrites() {
        FeedPosition position = FeedPosition.of(Map.of(5, 99L, 0, 1234L));
        assertThat(position.text()).isEqualTo("0-1234.5-99");
        assertThat(FeedPosition.parse(position.text(), 12)).isEqualTo(position);
    }

    @Test
    void shouldMoveOnlyForwardAndOnlyOnItsPartitions() {
        FeedPosition position = FeedPosition.of(Map.of(0, 10L, 3, 5L));
        assertThat(position.after(0, 10).next()).containsEntry(0, 11L);
        assertThat(position.after(0, 9)).as("an older record moves nothing").isEqualTo(position);
        assertThat(position.after(7, 100)).as("a partition not followed").isEqualTo(position);
        assertThat(position.advancedTo(FeedPosition.of(Map.of(0, 8L, 3, 20L, 4, 1L)))
                        .next())
                .containsExactly(Map.entry(0, 10L), Map.entry(3, 20L));
        assertThat(position.isNew(0, 10)).isTrue();
        assertThat(position.isNew(0, 9)).isFalse();
        assertThat(position.isNew(4, 0)).isFalse();
        assertThat(position.only(Set.of(3)).text()).isEqualTo("3-5");
    }

    @Test
    void shouldRefuseIdsItCouldNotHaveWrittenWith400() {
        for (String bad : new String[] {"", "x", "0-", "-5", "0-1.0-2", "12-0", "0-1.", "a-b", "0--1"}) {
            assertThatThrownBy(() -> FeedPosition.parse(bad, 12))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.problem().status()).isEqualTo(400));
        }
    }
}
