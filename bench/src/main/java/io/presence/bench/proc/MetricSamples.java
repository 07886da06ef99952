package io.presence.bench.proc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of one series in a process's {@code GET /metrics} answer (Prometheus text format). */
public final class MetricSamples {
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    private MetricSamples() {}

    /** The values of {@code series} whose labels include every one given; empty when there are none. */
    public static List<Double> of(String metricsUrl, String series, Map<String, String> labels) {
        try {
            return in(Http.get(metricsUrl, null).body(), series, labels);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + metricsUrl, e);
        }
    }

    static List<Double> in(String scrape, String series, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            String sampleLabels = sample.group(2) == null ? "" : sample.group(2);
            if (sample.group(1).equals(series)
                    && labels.entrySet().stream()
                            .allMatch(
                                    label -> sampleLabels.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                values.add(Double.parseDouble(sample.group(3)));
            }
        }
        return values;
    }
}
