package io.presence.bench;

import io.presence.bench.report.Machine;
import io.presence.bench.report.Report;
import io.presence.bench.report.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The bench command: runs every figure {@code --runs} times, each run on a fresh broker, and writes the report. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures Presence next to same-run baselines and writes REPORT.md and report.json.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--smoke", description = "The smallest configuration: a minute, one run, 20,000 users.")
    boolean smoke;

    @Option(names = "--runs", description = "Runs per figure (default: 3, or 1 with --smoke).")
    Integer runs;

    @Option(names = "--users", description = "Users in the store (default: 1,000,000, or 20,000 with --smoke).")
    Integer users;

    @Option(names = "--out", description = "Where the report goes (default: ${DEFAULT-VALUE}).", defaultValue = "bench")
    Path out;

    @Option(
            names = "--presence-jar",
            description = "The Presence jar to measure (default: ${DEFAULT-VALUE}).",
            defaultValue = "presence-app/target/presence.jar")
    Path presenceJar;

    @Option(
            names = "--phases",
            split = ",",
            description = "Only these parts of each run (${COMPLETION-CANDIDATES}); the stream phase comes with any but"
                    + " INGEST. Default: all.")
    Set<BenchPhase> phases;

    @Option(names = "--keep", description = "Keep the working directory (broker data, logs) for inspection.")
    boolean keep;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    @Override
    public Integer call() throws IOException {
        BenchProfile base = smoke ? BenchProfile.SMOKE : BenchProfile.FULL;
        BenchProfile profile = base.with(
                users == null ? base.users() : users,
                runs == null ? base.runs() : runs,
                phases == null ? base.phases() : phases);
        if (!Files.isRegularFile(presenceJar)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), presenceJar + " is missing: build it with ./mvnw package -DskipTests");
        }
        Report report = new Report();
        Progress progress = new Progress(System.out);
        Path work = Files.createTempDirectory("presence-bench-");
        try {
            for (int run = 1; run <= profile.runs(); run++) {
                progress.run(run, profile.runs());
                BenchRun.execute(
                        profile, run, work.resolve("run-" + run), report, progress, presenceJar.toAbsolutePath());
            }
        } finally {
            new ReportWriter(report, Machine.describe(), profile.describe(), command()).write(out);
            progress.step("report written to " + out.resolve("REPORT.md") + " and " + out.resolve("report.json"));
            if (keep) {
                progress.step("working directory kept: " + work);
            } else {
                delete(work);
            }
        }
        return 0;
    }

    private String command() {
        return "bench/run" + (smoke ? " --smoke" : "") + (runs == null ? "" : " --runs " + runs)
                + (users == null ? "" : " --users " + users)
                + (phases == null
                        ? ""
                        : " --phases "
                                + phases.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
