package io.presence.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplaySummaryTest {
    @Test
    void thePeakCountsUsersOnlineAtTheSameInstantIncludingOneWhoseSessionEndsThen() {
        ReplaySummary summary = new ReplaySummary(0, 100);
        summary.accept(new Session("open-before", null, 30L));
        summary.accept(new Session("a", 10L, 20L));
        summary.accept(new Session("b", 20L, 40L)); // a is still online at 20, its end
        summary.accept(new Session("c", 50L, null));

        assertThat(summary.peak()).isEqualTo(new ReplaySummary.Peak(3, 20));
    }

    @Test
    void theSummaryLineCountsUsersSessionsAndOnlineTimeWithinTheInterval() {
        ReplaySummary summary = new ReplaySummary(0, 3_600_000);
        summary.accept(new Session("a", null, 600_000L));
        summary.accept(new Session("a", 1_200_000L, null));
        summary.accept(new Session("b", 0L, 60_000L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        summary.print(new PrintStream(out, true, StandardCharsets.UTF_8), 1234, Duration.ofMillis(1500));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("1,234 records in 1.5 s")
                .contains("2 users, 3 sessions")
                .contains("0h 51m 0s online in total")
                .contains("peak 2 users online at 1970-01-01T00:00:00Z");
    }
}
