package io.presence.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The replay's arguments: defaults, and one clear line for anything wrong. */
class ReplayCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void theLastDayUnderTheLiveThresholdByDefault() {
        ReplayRequest request = parse();

        assertThat(request.toMs()).isEqualTo(NOW.toEpochMilli());
        assertThat(request.fromMs()).isEqualTo(NOW.minusSeconds(86_400).toEpochMilli());
        assertThat(request.rule().offlineAfterMs()).isEqualTo(30_000);
        assertThat(request.source()).isEqualTo(Replay.Source.HEARTBEATS);
        assertThat(request.emit()).isEqualTo(ReplayOutput.Emit.SESSIONS);
        assertThat(request.format()).isEqualTo(ReplayOutput.Format.CSV);
    }

    @Test
    void anotherThresholdOneUserAndJsonLines() {
        ReplayRequest request = parse(
                "--from",
                "2026-12-02T00:00:00Z",
                "--to",
                "2026-12-03T00:00:00+01:00",
                "--offline-after",
                "45s",
                "--user",
                "alice",
                "--format",
                "jsonl",
                "--emit",
                "changes");

        assertThat(request.fromMs())
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z").toEpochMilli());
        assertThat(request.toMs())
                .isEqualTo(Instant.parse("2026-12-02T23:00:00Z").toEpochMilli());
        assertThat(request.rule().offlineAfterMs()).isEqualTo(45_000);
        assertThat(request.userId()).isEqualTo("alice");
        assertThat(request.format()).isEqualTo(ReplayOutput.Format.JSONL);
        assertThat(request.emit()).isEqualTo(ReplayOutput.Emit.CHANGES);
    }

    @Test
    void badArgumentsSayWhatToFix() {
        assertBad("--from must be before --to", "--from", "2026-12-03T00:00:00Z", "--to", "2026-12-02T00:00:00Z");
        assertBad("is not an instant", "--from", "yesterday");
        assertBad("--user:", "--user", "no spaces");
        assertBad("--source must be one of [heartbeats, changes]", "--source", "topic");
        assertBad("cannot be used with --source changes", "--source", "changes", "--offline-after", "30s");
        assertBad("is not a duration", "--offline-after", "long");
    }

    @Test
    void aBadArgumentExitsNonZeroWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new ReplayCommand(env())).execute("--format", "xml");
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("presence replay: --format must be one of [csv, jsonl], not 'xml'");
    }

    private static ReplayRequest parse(String... args) {
        ReplayCommand command = new ReplayCommand(env());
        new CommandLine(command).parseArgs(args);
        return command.request(NOW);
    }

    private static void assertBad(String message, String... args) {
        assertThatThrownBy(() -> parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static Env env() {
        return Env.of(Map.of("PRESENCE_OFFLINE_AFTER", "30s", "KAFKA_BOOTSTRAP_SERVERS", "broker:9092"));
    }
}
