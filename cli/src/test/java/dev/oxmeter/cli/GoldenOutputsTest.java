package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command in every format it offers, on one kernel-shaped history ({@link KernelFixture}), against a golden
 * file under {@code golden/commands/} ({@code -Doxmeter.updateGolden=true} rewrites them). The commands and their
 * formats are read from the picocli model, so a new command or format without a golden fails here.
 */
class GoldenOutputsTest {
    static final String DIR = "commands";
    static final String VERSION = dev.oxmeter.Version.VERSION;

    @TempDir
    static Path tmp;
    static Path repo;
    static Path store;
    /** The store sql and export read: filled by history and people only, so their output does not depend on order. */
    static Path sqlStore;

    /** A run: the arguments besides {@code --format}, and the exit code it must end with. */
    record Run(List<String> args, int exit) {
    }

    /**
     * Per command, its run over the fixture; REPO, STORE and SQLSTORE stand for the fixture's paths. The analysing
     * commands share one store, as successive runs of a user do (what it serves equals a fresh run's).
     */
    static final Map<String, Run> RUNS = new LinkedHashMap<>();

    static {
        List<String> common = List.of("REPO", "--store", "STORE", "-q");
        RUNS.put("scan", run(common));
        RUNS.put("history", run(common));
        RUNS.put("people", run(common));
        RUNS.put("owners", run(common));
        RUNS.put("safety", run(common));
        RUNS.put("boundary", run(common));
        RUNS.put("toolchain", run(common));
        RUNS.put("fixes", run(common));
        RUNS.put("report", run(common, "--generated-at", "none"));
        RUNS.put("diff", run(List.of("v1.1", "v1.2", "REPO", "--store", "STORE", "-q")));
        // the change adds undocumented unsafe code and an unannotated helper: the gate fails, exit 1
        RUNS.put("check", new Run(List.of("REPO", "--base", "v1.1", "--head", "v1.2", "--store", "STORE", "-q"), 1));
        RUNS.put("sql", run(List.of("SELECT revision, rust_code, programming_code, round(rust_share, 3) AS rust_share "
                + "FROM rust_share ORDER BY date, revision", "--store", "SQLSTORE")));
    }

    /**
     * Further runs, in every format of their command, for the groupings and timelines whose tables differ from the
     * default run's: golden {@code COMMAND-VARIANT.FORMAT}.
     */
    static final Map<String, Run> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("scan-by-file", run(List.of("REPO", "--store", "STORE", "-q", "--by", "file")));
        VARIANTS.put("history-every-month", run(List.of("REPO", "--store", "STORE", "-q", "--every", "month")));
        VARIANTS.put("owners-releases", run(List.of("REPO", "--store", "STORE", "-q", "--tags", "v*")));
        VARIANTS.put("safety-by-owner", run(List.of("REPO", "--store", "STORE", "-q", "--by", "owner")));
        VARIANTS.put("safety-undocumented", run(List.of("REPO", "--store", "STORE", "-q", "--list",
                "undocumented")));
        VARIANTS.put("boundary-releases", run(List.of("REPO", "--store", "STORE", "-q", "--tags", "v*")));
    }

    /** Per command without a --format option, its runs by golden name. */
    static final Map<String, Map<String, Run>> OTHER = new LinkedHashMap<>();

    static {
        OTHER.put("export", Map.of("export.txt", run(List.of("REPO", "--store", "SQLSTORE", "--parquet", "PARQUET"))));
        OTHER.put("completion", Map.of("completion.bash", run(List.of("bash"))));
        // picocli's own help command prints the usage texts, which the options' annotations define
        OTHER.put("help", Map.of());
    }

    private static Run run(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return new Run(List.copyOf(all), 0);
    }

    @BeforeAll
    static void fixture() throws Exception {
        repo = tmp.resolve("linux.git");
        store = tmp.resolve("linux.duckdb");
        sqlStore = tmp.resolve("sql.duckdb");
        KernelFixture.create(repo);
        if (ReportCommandTest.UPDATE) {
            Files.createDirectories(ReportCommandTest.GOLDEN.resolve(DIR));
        }
        // sql and export read what these keep in the store
        Cli.Run.ok(Cli.run("history", repo.toString(), "--store", sqlStore.toString(), "-q"));
        Cli.Run.ok(Cli.run("people", repo.toString(), "--store", sqlStore.toString(), "-q"));
    }

    private static String[] args(Run run, String command, String format) {
        List<String> out = new ArrayList<>(List.of(command));
        for (String a : run.args()) {
            out.add(a.replace("REPO", repo.toString()).replace("SQLSTORE", sqlStore.toString())
                    .replace("STORE", store.toString())
                    .replace("PARQUET", tmp.resolve("parquet").toString()));
        }
        if (format != null) {
            out.addAll(List.of("--format", format));
        }
        return out.toArray(String[]::new);
    }

    /** The formats a command offers, as its help states them: the --format description and the command's. */
    static List<String> formats(CommandSpec spec) {
        OptionSpec option = spec.findOption("--format");
        String text = String.join(" ", option.description()).replaceAll("\\([^)]*\\)", " ")
                .replace("Output format:", " ");
        Set<String> out = new LinkedHashSet<>();
        for (String word : text.split("[\\s,.]+")) {
            if (!word.isEmpty() && !word.equals("or")) {
                out.add(word);
            }
        }
        Matcher also = Pattern.compile("--format also accepts '([a-z]+)'").matcher(String.join(" ",
                spec.usageMessage().description()));
        while (also.find()) {
            out.add(also.group(1));
        }
        return List.copyOf(out);
    }

    static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> out = new LinkedHashMap<>();
        Main.commandLine().getSubcommands().forEach((name, cl) -> out.put(name, cl.getCommandSpec()));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyCommandInEveryFormat() {
        List<DynamicTest> tests = new ArrayList<>();
        commands().forEach((command, spec) -> {
            if (spec.findOption("--format") == null) {
                return;
            }
            for (String format : formats(spec)) {
                tests.add(DynamicTest.dynamicTest(command + " --format " + format, () -> {
                    Run run = RUNS.get(command);
                    assertThat(run).as("a run of %s over the fixture in RUNS", command).isNotNull();
                    Cli.Result r = Cli.run(args(run, command, format));
                    assertThat(r.exit()).as("exit of %s --format %s: %s", command, format, r.err())
                            .isEqualTo(run.exit());
                    ReportCommandTest.golden(DIR + "/" + command + "." + format, normalize(r.out()));
                    // notices (the default timeline, what was left out) are the same whatever the format
                    ReportCommandTest.golden(DIR + "/" + command + ".stderr", normalize(r.err()));
                }));
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> variantsInEveryFormat() {
        Map<String, CommandSpec> commands = commands();
        List<DynamicTest> tests = new ArrayList<>();
        VARIANTS.forEach((variant, run) -> {
            String command = variant.substring(0, variant.indexOf('-'));
            for (String format : formats(commands.get(command))) {
                tests.add(DynamicTest.dynamicTest(variant + " --format " + format, () -> {
                    Cli.Result r = Cli.run(args(run, command, format));
                    assertThat(r.exit()).as("exit of %s --format %s: %s", variant, format, r.err())
                            .isEqualTo(run.exit());
                    ReportCommandTest.golden(DIR + "/" + variant + "." + format, normalize(r.out()));
                }));
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> commandsWithoutFormats() {
        List<DynamicTest> tests = new ArrayList<>();
        commands().forEach((command, spec) -> {
            if (spec.findOption("--format") != null) {
                return;
            }
            tests.add(DynamicTest.dynamicTest(command, () -> {
                assertThat(OTHER).as("%s has no --format: its runs are in OTHER", command).containsKey(command);
                for (Map.Entry<String, Run> e : OTHER.get(command).entrySet()) {
                    Cli.Result r = Cli.run(args(e.getValue(), command, null));
                    assertThat(r.exit()).as(r.err()).isEqualTo(e.getValue().exit());
                    ReportCommandTest.golden(DIR + "/" + e.getKey(), normalize(r.out()));
                    assertThat(r.err()).as(command).isEmpty();
                }
            }));
        });
        return tests.stream();
    }

    /** The formats the help names are the ones the command accepts: a format its parser takes is named. */
    @Test
    void theHelpNamesEveryFormatTheParserTakes() {
        commands().forEach((command, spec) -> {
            if (spec.findOption("--format") == null) {
                return;
            }
            Cli.Result r = Cli.run(args(RUNS.get(command), command, "nosuchformat"));
            assertThat(r.exit()).as(command).isEqualTo(2);
            Matcher m = Pattern.compile("\\(expected ([a-z, ]+)\\)").matcher(r.err());
            assertThat(m.find()).as("%s names the formats it expects: %s", command, r.err()).isTrue();
            List<String> parsed = List.of(m.group(1).replace(" or ", ", ").split(", "));
            assertThat(formats(spec)).as("formats in the help of %s", command).containsAll(parsed);
        });
    }

    /** Every golden file under commands/ is one a test above writes: none is left over from a removed run. */
    @Test
    void noGoldenFileIsLeftOver() throws IOException {
        Set<String> expected = new TreeSet<>();
        commands().forEach((command, spec) -> {
            if (spec.findOption("--format") != null) {
                formats(spec).forEach(f -> expected.add(command + "." + f));
                expected.add(command + ".stderr");
                VARIANTS.keySet().stream().filter(v -> v.startsWith(command + "-"))
                        .forEach(v -> formats(spec).forEach(f -> expected.add(v + "." + f)));
            } else if (OTHER.containsKey(command)) {
                expected.addAll(OTHER.get(command).keySet());
            }
        });
        Path dir = ReportCommandTest.GOLDEN.resolve(DIR);
        Set<String> present = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> present.add(p.getFileName().toString()));
            }
        }
        assertThat(present).as("golden files in %s", dir).isEqualTo(expected);
    }

    /**
     * Output with what depends on the machine masked: the temporary paths, the tool's version, and the versions
     * that follow the language catalog and the commit-facts schema. Counts, ids and dates are kept.
     */
    static String normalize(String out) {
        return out.replace(repo.toString(), "REPO").replace(sqlStore.toString(), "SQLSTORE")
                .replace(store.toString(), "STORE")
                .replace(tmp.resolve("parquet").toString(), "PARQUET")
                .replaceAll("(\"(?:semantic)?[vV]ersion\" : \")" + Pattern.quote(VERSION) + "\"", "$1VERSION\"")
                .replace("oxmeter " + VERSION, "oxmeter VERSION")
                .replaceAll("(generated by \\[picocli\\]\\([^)]*\\) version )[0-9][0-9.]*[0-9]", "$1PICOCLI-VERSION")
                .replaceAll("\"lines\" : \"[^\"]*\"", "\"lines\" : \"LINES-VERSION\"")
                .replaceAll("\"commit_facts\" : \"[^\"]*\"", "\"commit_facts\" : \"COMMIT-FACTS-VERSION\"");
    }
}
