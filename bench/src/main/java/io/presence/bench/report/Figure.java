package io.presence.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reported figure: what it measures, its unit, the baseline it is compared with, its target, and the value of
 * each run. A figure no run could measure keeps the reason why.
 */
public final class Figure {
    private final FigureSpec spec;
    private final List<Double> samples = new ArrayList<>();
    private @Nullable String why;

    Figure(FigureSpec spec) {
        this.spec = spec;
    }

    public FigureSpec spec() {
        return spec;
    }

    void add(double value) {
        samples.add(value);
    }

    void unmeasured(String reason) {
        if (why == null) {
            why = reason;
        }
    }

    public List<Double> samples() {
        return Collections.unmodifiableList(samples);
    }

    /** Why no run measured this figure; empty once any run has. */
    public Optional<String> why() {
        return samples.isEmpty() ? Optional.ofNullable(why).or(() -> Optional.of("not measured")) : Optional.empty();
    }

    public Optional<Double> median() {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = samples.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(
                sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }

    public Optional<Double> min() {
        return samples.stream().min(Double::compare);
    }

    public Optional<Double> max() {
        return samples.stream().max(Double::compare);
    }
}
