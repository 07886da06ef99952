package io.presence.bench.load;

import java.util.Collection;
import java.util.List;

/** Percentiles of a set of measured latencies (nearest rank), for the figures the bench times itself. */
public record Latencies(int count, double p50, double p99, double max) {
    public static Latencies of(Collection<Double> values) {
        if (values.isEmpty()) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = values.stream().sorted().toList();
        return new Latencies(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double rank(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d)", p50, p99, max, count);
    }
}
