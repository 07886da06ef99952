package io.presence.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The figures of one bench invocation as they are measured, run after run, plus notes on how. */
public final class Report {
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();

    public Report() {
        Figures.ALL.forEach(spec -> figures.put(spec.name(), new Figure(spec)));
    }

    public synchronized void record(String name, double value) {
        figure(name).add(value);
    }

    /** This run could not measure the figure, and why (the first reason is kept). */
    public synchronized void unmeasured(String name, String why) {
        figure(name).unmeasured(why);
    }

    /** A remark for the reader of the report: how something was measured, or what went wrong in a run. */
    public void note(String note) {
        notes.add(note);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures.values());
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized Figure figure(String name) {
        Figure figure = figures.get(name);
        if (figure == null) {
            throw new IllegalArgumentException("No figure named " + name);
        }
        return figure;
    }

    /** The figure's median over its baseline's median, when both were measured. */
    public synchronized Optional<Double> ratio(Figure figure) {
        String baseline = figure.spec().baseline();
        if (baseline == null) {
            return Optional.empty();
        }
        Optional<Double> base = figure(baseline).median();
        return figure.median().flatMap(value -> base.filter(b -> b > 0).map(b -> value / b));
    }

    /** A number as the report shows it: three significant digits, no exponent. */
    public static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
