package io.presence.auth;

import com.auth0.jwt.JWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * What verifying a heartbeat's token costs, against parsing the same token without verifying it (the baseline,
 * measured in the same run). One thread, warmed up, five rounds; prints throughput and latency per round and the
 * medians.
 *
 * <p>Run: {@code ./mvnw -q -pl presence-server test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.presence.auth.TokenVerificationBenchmark}
 */
public final class TokenVerificationBenchmark {
    private static final int ROUNDS = 5;
    private static final Duration ROUND = Duration.ofSeconds(3);
    private static final int DISTINCT_TOKENS = 10_000;

    private TokenVerificationBenchmark() {}

    /** One measured round: operations per second and latency percentiles in microseconds. */
    private record Round(double opsPerSecond, double p50Micros, double p99Micros, double maxMicros) {}

    public static void main(String[] args) {
        JwtSettings settings = new JwtSettings(
                "a-benchmark-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                Optional.empty());
        TokenIssuer issuer = new TokenIssuer(settings, Clock.systemUTC());
        String[] headers = new String[DISTINCT_TOKENS];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "Bearer " + issuer.issue("user-" + i, Set.of(), Duration.ofHours(1));
        }
        TokenVerifier verifier = new TokenVerifier(settings, Clock.systemUTC());

        Consumer<String> parseOnly = header -> JWT.decode(header.substring(7));
        Consumer<String> verify = verifier::verify;

        System.out.printf(
                "Token verification, %d distinct HS256 tokens of %d bytes, 1 thread, %d rounds of %d s%n",
                DISTINCT_TOKENS, headers[0].length() - 7, ROUNDS, ROUND.toSeconds());
        run("warm-up parse", parseOnly, headers, Duration.ofSeconds(3));
        run("warm-up verify", verify, headers, Duration.ofSeconds(3));
        List<Round> baseline = new ArrayList<>();
        List<Round> measured = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            baseline.add(print("parse only  #" + r, run("parse", parseOnly, headers, ROUND)));
            measured.add(print("verify      #" + r, run("verify", verify, headers, ROUND)));
        }
        Round base = median(baseline);
        Round verified = median(measured);
        print("parse only  median", base);
        print("verify      median", verified);
        System.out.printf(
                "verify costs %.2f us per token (median p50), %.1fx the cost of parsing it%n",
                verified.p50Micros(), base.opsPerSecond() / verified.opsPerSecond());
    }

    private static Round run(String name, Consumer<String> operation, String[] headers, Duration duration) {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        long end = System.nanoTime() + duration.toNanos();
        long operations = 0;
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            String header = headers[(int) (operations % headers.length)];
            long before = System.nanoTime();
            operation.accept(header);
            latency.recordValue(System.nanoTime() - before);
            operations++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Round(
                operations / seconds,
                latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3,
                latency.getMaxValue() / 1e3);
    }

    private static Round print(String label, Round round) {
        System.out.printf(
                "%-20s %,12.0f ops/s   p50 %7.2f us   p99 %7.2f us   max %9.2f us%n",
                label, round.opsPerSecond(), round.p50Micros(), round.p99Micros(), round.maxMicros());
        return round;
    }

    private static Round median(List<Round> rounds) {
        return new Round(
                rounds.stream().mapToDouble(Round::opsPerSecond).sorted().toArray()[rounds.size() / 2],
                rounds.stream().mapToDouble(Round::p50Micros).sorted().toArray()[rounds.size() / 2],
                rounds.stream().mapToDouble(Round::p99Micros).sorted().toArray()[rounds.size() / 2],
                rounds.stream().mapToDouble(Round::maxMicros).sorted().toArray()[rounds.size() / 2]);
    }
}
