package io.presence.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a {@code GET /metrics} answer (Prometheus text format) for assertions. */
public final class PrometheusText {
    private PrometheusText() {}

    /**
     * The sum of every sample of {@code series}, whatever its labels; {@code NaN} when the series is absent, so that a
     * missing meter never passes for a zero.
     */
    public static double sum(String scrape, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? (\\S+)$")
                .matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (sample.find()) {
            sum += Double.parseDouble(sample.group(1));
            found = true;
        }
        return found ? sum : Double.NaN;
    }
}
