package io.presence.replay;

import io.presence.config.ConfigException;
import io.presence.config.Durations;
import io.presence.config.Env;
import io.presence.config.OfflineAfter;
import io.presence.kafka.KafkaSettings;
import io.presence.user.PresenceRule;
import io.presence.user.UserIds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./presence replay}: reads a topic between two instants, found with offsets-for-times, and writes the sessions
 * or transitions it holds; heartbeats go through the same presence rules as the live topology.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the history: read presence.heartbeats (or presence.changes) between two instants and write each"
                    + " user's online sessions, or the transitions, as CSV or JSON lines.",
            "Reads only the interval (positions found with Kafka's offsets-for-times). A summary goes to stderr;"
                    + " a progress bar too when stderr is a terminal.",
        })
public final class ReplayCommand implements Callable<Integer> {
    private final Env env;

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            description = "Start of the interval, ISO-8601 (2026-12-02T00:00:00Z). Default: 24 h before --to.")
    private @Nullable String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "End of the interval (excluded). Default: now.")
    private @Nullable String to;

    @Option(
            names = "--source",
            paramLabel = "TOPIC",
            description = "heartbeats (recompute from presence.heartbeats) or changes (presence.changes as published)."
                    + " Default: ${DEFAULT-VALUE}.")
    private String source = "heartbeats";

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "Only this user; reads only the partition that holds it.")
    private @Nullable String userId;

    @Option(
            names = "--offline-after",
            paramLabel = "DURATION",
            description =
                    "Recompute with another threshold (30s, 1m); heartbeats only. Default: PRESENCE_OFFLINE_AFTER.")
    private @Nullable String offlineAfter;

    @Option(
            names = "--emit",
            paramLabel = "WHAT",
            description = "sessions (user_id,start,end) or changes (the shape of presence.changes)."
                    + " Default: ${DEFAULT-VALUE}.")
    private String emit = "sessions";

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or jsonl. Default: ${DEFAULT-VALUE}.")
    private String format = "csv";

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to this file. Default: stdout.")
    private @Nullable Path output;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress bar on stderr. Default: when stderr is a terminal.")
    private @Nullable Boolean progress;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar and no summary.")
    private boolean quiet;

    public ReplayCommand() {
        this(Env.system());
    }

    /** A replay configured by {@code env} rather than the process environment. */
    public ReplayCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ReplayRequest request;
        try {
            request = request(Instant.now());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("presence replay: " + e.getMessage());
            return 2;
        }
        try {
            return run(request);
        } catch (KafkaException e) {
            System.err.println("presence replay: Kafka could not be read (" + e.getMessage() + ")");
            return 1;
        } catch (UncheckedIOException e) {
            System.err.println("presence replay: could not write the output ("
                    + e.getCause().getMessage() + ")");
            return 1;
        }
    }

    private int run(ReplayRequest request) {
        PrintStream err = System.err;
        boolean showProgress = !quiet && (progress != null ? progress : System.console() != null);
        long started = System.nanoTime();
        try (Writer out = open()) {
            ReplaySummary summary = new ReplaySummary(request.fromMs(), Math.min(request.toMs(), request.nowMs()));
            ReplayOutput written = new ReplayOutput(out, request.emit(), request.format(), summary);
            SessionAssembler assembler = new SessionAssembler(request.fromMs(), request.toMs(), written);
            Replay replay = new Replay(request.kafka().clientConfig("presence-replay"));
            Replay.Outcome outcome = replay.run(
                    request.source(),
                    request.rule(),
                    request.fromMs(),
                    request.toMs(),
                    request.nowMs(),
                    request.userId(),
                    assembler,
                    showProgress ? new ProgressBar(err) : ReplayProgress.NONE);
            written.flush();
            if (!quiet) {
                summary.print(err, outcome.records(), Duration.ofNanos(System.nanoTime() - started));
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks every argument against the clock and the environment, or throws with one line that says what to fix. */
    ReplayRequest request(Instant now) {
        long nowMs = now.toEpochMilli();
        long toMs = to == null ? nowMs : instant("--to", to);
        long fromMs = from == null ? toMs - Duration.ofHours(24).toMillis() : instant("--from", from);
        if (fromMs >= toMs) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        if (fromMs > nowMs) {
            throw new IllegalArgumentException("--from is in the future; there is nothing to replay yet");
        }
        if (userId != null && !UserIds.isValid(userId)) {
            throw new IllegalArgumentException("--user: " + UserIds.describe(userId));
        }
        Replay.Source chosenSource = choice("--source", source, Replay.Source.class);
        if (offlineAfter != null && chosenSource == Replay.Source.CHANGES) {
            throw new IllegalArgumentException(
                    "--offline-after recomputes sessions from heartbeats; it cannot be used with --source changes");
        }
        PresenceRule rule = new PresenceRule(threshold());
        return new ReplayRequest(
                KafkaSettings.fromEnv(env),
                chosenSource,
                rule,
                fromMs,
                toMs,
                nowMs,
                userId,
                choice("--emit", emit, ReplayOutput.Emit.class),
                choice("--format", format, ReplayOutput.Format.class));
    }

    private Duration threshold() {
        if (offlineAfter == null) {
            return OfflineAfter.fromEnv(env);
        }
        Duration parsed = Durations.parse(offlineAfter);
        if (parsed.toMillis() < 1) {
            throw new IllegalArgumentException("--offline-after must be at least 1ms");
        }
        return parsed;
    }

    private Writer open() throws IOException {
        if (output == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush(); // stdout stays open
                }
            };
        }
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }

    private static long instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " '" + text + "' is not an instant; write it like 2026-12-02T09:00:00Z", e);
        }
    }

    private static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                            .toList()
                    + ", not '" + value + "'");
        }
    }
}
