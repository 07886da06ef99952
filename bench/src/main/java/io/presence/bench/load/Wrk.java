package io.presence.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load generator: wrk, a well-known one rather than ours. Runs a Lua script against a base URL with a number
 * of keep-alive connections for a while, and reads requests/s, the latency percentiles and the failures from its
 * report.
 */
public final class Wrk {
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

    private final Path workDir;

    public Wrk(Path workDir) {
        this.workDir = workDir;
    }

    /** Whether wrk is on the PATH; the bench command installs it where it can. */
    public static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the script with {@code connections} connections over two threads for {@code duration}. */
    public WrkResult run(String name, String baseUrl, String luaScript, int connections, Duration duration) {
        try {
            Path script = Files.writeString(workDir.resolve(name + ".lua"), luaScript);
            Path output = workDir.resolve(name + ".wrk.txt");
            int threads = Math.min(2, connections);
            Process wrk = new ProcessBuilder(List.of(
                            "wrk",
                            "-t" + threads,
                            "-c" + connections,
                            "-d" + duration.toSeconds() + "s",
                            "--timeout",
                            "10s",
                            "--latency",
                            "-s",
                            script.toString(),
                            baseUrl))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk did not finish; see " + output);
            }
            return parse(Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static WrkResult parse(String report) {
        Matcher rps = REQUESTS_PER_SECOND.matcher(report);
        if (!rps.find()) {
            throw new IllegalStateException("wrk printed no Requests/sec:\n" + report);
        }
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(report);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        Matcher non2xx = NON_2XX.matcher(report);
        Matcher total = TOTAL.matcher(report);
        return new WrkResult(
                Double.parseDouble(rps.group(1)),
                total.find() ? Long.parseLong(total.group(1)) : 0,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                errors,
                percentile(report, "50%"),
                percentile(report, "99%"));
    }

    /** A line of wrk's "Latency Distribution", in milliseconds. */
    private static double percentile(String report, String label) {
        Matcher line = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\b")
                .matcher(report);
        if (!line.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
