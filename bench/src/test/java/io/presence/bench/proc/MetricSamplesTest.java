package io.presence.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSamplesTest {
    private static final String SCRAPE = """
            # HELP presence_online_users Users online
            presence_online_users 42.0
            presence_online_users_total 7.0
            http_server_requests_seconds_count{method="POST",problem="",route="/internal/last-seen",status="200"} 12.0
            http_server_requests_seconds_count{method="POST",problem="",route="/internal/last-seen",status="503"} 3.0
            http_server_requests_seconds_count{method="GET",problem="",route="/status/users",status="200"} 99.0
            """;

    @Test
    void shouldReadTheSamplesOfOneSeriesWithTheLabelsAsked() {
        assertThat(MetricSamples.in(SCRAPE, "presence_online_users", Map.of())).containsExactly(42.0);
        assertThat(MetricSamples.in(
                        SCRAPE,
                        "http_server_requests_seconds_count",
                        Map.of("route", "/internal/last-seen", "status", "200")))
                .containsExactly(12.0);
        assertThat(MetricSamples.in(SCRAPE, "http_server_requests_seconds_count", Map.of()))
                .containsExactly(12.0, 3.0, 99.0);
        assertThat(MetricSamples.in(SCRAPE, "absent", Map.of())).isEmpty();
    }
}
