package io.presence.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Writes a report twice: {@code report.json} for programs, {@code REPORT.md} for people. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Report report;
    private final Map<String, Object> machine;
    private final Map<String, Object> setup;
    private final String command;

    /**
     * @param setup what was measured with what (users, runs, durations), as the reader needs it to reproduce a figure
     * @param command the command line that produced the report
     */
    public ReportWriter(Report report, Map<String, Object> machine, Map<String, Object> setup, String command) {
        this.report = report;
        this.machine = machine;
        this.setup = setup;
        this.command = command;
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("report.json").toFile(), json());
            Files.writeString(dir.resolve("REPORT.md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> json() {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (Figure figure : report.figures()) {
            figures.put(figure.spec().name(), json(figure));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated_at", Instant.now().toString());
        root.put("command", command);
        root.put("machine", machine);
        root.put("setup", setup);
        root.put("figures", figures);
        root.put("notes", report.notes());
        return root;
    }

    private Map<String, Object> json(Figure figure) {
        FigureSpec spec = figure.spec();
        Optional<Double> ratio = report.ratio(figure);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("unit", spec.unit());
        node.put("median", figure.median().orElse(null));
        node.put("min", figure.min().orElse(null));
        node.put("max", figure.max().orElse(null));
        node.put("runs", figure.samples().size());
        node.put("samples", figure.samples());
        node.put("baseline", spec.baseline());
        node.put("ratio", ratio.orElse(null));
        node.put("target", spec.target() == null ? null : spec.target().toString());
        node.put("target_met", met(figure).orElse(null));
        figure.why().ifPresent(why -> node.put("why", why));
        node.put("how", spec.description());
        return node;
    }

    private Optional<Boolean> met(Figure figure) {
        FigureSpec.Target target = figure.spec().target();
        if (target == null || figure.median().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                target.met(figure.median().get(), report.ratio(figure).orElse(null)));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Presence benchmark report\n\n");
        md.append("Written by `")
                .append(command)
                .append("` at ")
                .append(Instant.now())
                .append(".\n\n");
        md.append("Machine: ").append(describe(machine)).append(".\n\n");
        md.append("Setup: ").append(describe(setup)).append(".\n\n");
        md.append("Each figure is the median over the runs, with the smallest and largest run; a ratio is the median")
                .append(" over the median of its baseline, measured in the same runs on the same broker.\n\n");
        md.append("| figure | median | min – max | runs | baseline | ratio | target | met |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Figure figure : report.figures()) {
            md.append(row(figure)).append('\n');
        }
        md.append("\n## How each figure is measured\n\n");
        for (Figure figure : report.figures()) {
            md.append("- `")
                    .append(figure.spec().name())
                    .append("`: ")
                    .append(figure.spec().description());
            figure.why().ifPresent(why -> md.append(" — **not measured**: ").append(why));
            md.append('\n');
        }
        if (!report.notes().isEmpty()) {
            md.append("\n## Notes from the runs\n\n");
            report.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private String row(Figure figure) {
        FigureSpec spec = figure.spec();
        String unit = " " + spec.unit();
        String median = figure.median().map(v -> Report.format(v) + unit).orElse("—");
        String range = figure.min().isPresent()
                ? Report.format(figure.min().get()) + " – "
                        + Report.format(figure.max().get())
                : "";
        String baseline = spec.baseline() == null
                ? ""
                : "`" + spec.baseline() + "` "
                        + report.figure(spec.baseline())
                                .median()
                                .map(Report::format)
                                .orElse("—");
        String ratio = report.ratio(figure)
                .map(r -> String.format(java.util.Locale.ROOT, "%.2f×", r))
                .orElse("");
        String target = spec.target() == null ? "" : spec.target().toString();
        String met = met(figure).map(ok -> ok ? "yes" : "**no**").orElse("");
        return String.join(
                " | ",
                "| `" + spec.name() + "`",
                median,
                range,
                Integer.toString(figure.samples().size()),
                baseline,
                ratio,
                target,
                met + " |");
    }

    private static String describe(Map<String, Object> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(key).append(' ').append(value);
        });
        return text.toString();
    }
}
