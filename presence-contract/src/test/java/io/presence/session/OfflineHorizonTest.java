package io.presence.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OfflineHorizonTest {
    private static final long ALLOWANCE = 500;

    @Test
    void nothingIsDecidedBeforeAnythingWasRead() {
        assertThat(OfflineHorizon.horizon(10_000, 0, OptionalLong.empty(), ALLOWANCE))
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void followsTheNewerOfStreamTimeAndTheReachedLookLessTheAllowance() {
        assertThat(OfflineHorizon.horizon(10_000, 8_000, OptionalLong.of(9_000), ALLOWANCE))
                .isEqualTo(8_500);
        assertThat(OfflineHorizon.horizon(10_000, 9_000, OptionalLong.of(7_000), ALLOWANCE))
                .isEqualTo(8_500);
        assertThat(OfflineHorizon.horizon(10_000, 9_000, OptionalLong.empty(), ALLOWANCE))
                .isEqualTo(8_500);
    }

    @Test
    void neverRunsAheadOfTheWallClock() {
        assertThat(OfflineHorizon.horizon(10_000, 60_000, OptionalLong.of(60_000), ALLOWANCE))
                .isEqualTo(10_000);
    }
}
