package io.presence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presence.bench.load.Wrk;
import io.presence.bench.report.FigureSpec;
import io.presence.bench.report.Figures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench's smallest configuration, end to end, so that it cannot rot: a broker, the Presence processes, the
 * baselines and every figure, and a report that names every figure with a value or a reason.
 */
class BenchSmokeIT {
    /** Measured without wrk: what the bench times itself, with Kafka's tools and its own programs. */
    private static final List<String> ALWAYS_MEASURED = List.of(
            Figures.CONSUMER_PERF,
            Figures.PRODUCER_PERF,
            Figures.KSTREAMS_MINIMAL,
            Figures.STREAM,
            Figures.OFFLINE_LATENESS_P99,
            Figures.OFFLINE_MISSED,
            Figures.OFFLINE_EARLY,
            Figures.FRESHNESS_QUERY_P99,
            Figures.STORE_BYTES,
            Figures.CHANGELOG_BYTES,
            Figures.QUERY_API_RSS,
            Figures.RESTART_READY,
            Figures.RESTORE_READY,
            Figures.REPLAY_CONSUMER_PERF,
            Figures.REPLAY,
            Figures.HISTORY_QUERY_P99,
            Figures.SESSION_STORE_BYTES);

    @Test
    void shouldMeasureEveryFigureOfTheSmallestConfiguration(@TempDir Path out) throws Exception {
        int exit = new CommandLine(new BenchMain())
                .execute("--smoke", "--out", out.toString(), "--presence-jar", System.getProperty("bench.presenceJar"));

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode figures = report.get("figures");
        for (FigureSpec spec : Figures.ALL) {
            JsonNode figure = figures.get(spec.name());
            assertThat(figure).as(spec.name()).isNotNull();
            boolean measured = !figure.get("median").isNull();
            assertThat(measured || figure.hasNonNull("why"))
                    .as(spec.name() + " has a value or says why not")
                    .isTrue();
            if (measured) {
                assertThat(figure.get("runs").asInt()).as(spec.name()).isEqualTo(1);
            }
        }
        for (String name : ALWAYS_MEASURED) {
            assertThat(figures.get(name).get("median").isNull())
                    .as(name + " measured")
                    .isFalse();
        }
        if (Wrk.installed()) {
            assertThat(figures.get(Figures.HEARTBEAT_HTTP_RPS).get("ratio").asDouble())
                    .as("gateway against bare Javalin")
                    .isPositive();
        }
        assertThat(figures.get(Figures.OFFLINE_MISSED).get("median").asDouble()).isZero();
        assertThat(figures.get(Figures.OFFLINE_EARLY).get("median").asDouble()).isZero();
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
        assertThat(Files.readString(out.resolve("REPORT.md"))).contains("| `stream_heartbeats_per_s` |");
    }
}
