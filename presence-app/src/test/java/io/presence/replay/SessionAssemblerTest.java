package io.presence.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a replay reports of the transitions it decided, clipped to the interval asked for. */
class SessionAssemblerTest {
    private static final long FROM = 100_000;
    private static final long TO = 200_000;

    private final StringWriter written = new StringWriter();
    private final List<Session> sessions = new ArrayList<>();
    private final SessionAssembler assembler = new SessionAssembler(
            FROM, TO, new ReplayOutput(written, ReplayOutput.Emit.CHANGES, ReplayOutput.Format.CSV, sessions::add));

    @Test
    void sessionsOverlappingTheIntervalAreReportedWithUnknownEdgesLeftOpen() {
        assembler.online("early", 95_000); // came online before the interval: start unknown
        assembler.online("gone", 90_000);
        assembler.offline("gone", 90_000, 99_999); // ended before the interval: not reported
        assembler.online("inside", 120_000);
        assembler.offline("inside", 130_000, 140_000);
        assembler.offline("early", 101_000, 111_000);
        assembler.online("late", 190_000); // still online at the end
        assembler.online("after", 200_000); // beyond the interval
        assembler.finish();

        assertThat(sessions)
                .containsExactlyInAnyOrder(
                        new Session("inside", 120_000L, 140_000L),
                        new Session("early", null, 111_000L),
                        new Session("late", 190_000L, null));
    }

    @Test
    void onlyTransitionsWithinTheIntervalAreWritten() {
        assembler.online("a", 95_000);
        assembler.offline("a", 95_000, 105_000);
        assembler.online("b", 150_000);
        assembler.online("c", 200_000);
        assembler.finish();

        assertThat(written.toString())
                .isEqualTo("user_id,status,at,last_seen\n"
                        + "a,offline,1970-01-01T00:01:45.000Z,1970-01-01T00:01:35.000Z\n"
                        + "b,online,1970-01-01T00:02:30.000Z,1970-01-01T00:02:30.000Z\n");
    }
}
