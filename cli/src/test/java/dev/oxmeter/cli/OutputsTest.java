package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's data formats: JSON parses and carries the header, CSV columns are in docs/columns.md, and both
 * match golden files ({@code -Doxmeter.updateGolden=true} rewrites them).
 */
class OutputsTest {
    @TempDir
    static Path tmp;
    static Path repo;
    static Path store;

    /** Per command, the arguments of a run over the report fixture (besides REPO, --store and --format). */
    static final Map<String, List<String>> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("scan", List.of("--rev", "v3-<b>&amp;"));
        RUNS.put("history", List.of("--tags", "v*"));
        RUNS.put("people", List.of("--tags", "v*"));
        RUNS.put("owners", List.of("--tags", "v*"));
        RUNS.put("safety", List.of("--tags", "v*"));
        RUNS.put("boundary", List.of());
        RUNS.put("fixes", List.of("--tags", "v*"));
        RUNS.put("toolchain", List.of("--tags", "v*"));
        RUNS.put("diff", List.of());
        // warnings only: the fixture's v2 adds undocumented unsafe code, and a failing gate exits 1
        RUNS.put("check", List.of("--rule", "undocumented-unsafe=warning", "--rule",
                "unsafe-fn-without-safety-doc=warning", "--rule", "unannotated-helper=warning", "--rule",
                "rust-share-decrease=warning"));
        RUNS.put("sql", List.of());
    }

    @BeforeAll
    static void fixture() throws Exception {
        repo = tmp.resolve("r.git");
        store = tmp.resolve("s.duckdb");
        ReportFixture.create(repo);
        if (ReportCommandTest.UPDATE) {
            Files.createDirectories(ReportCommandTest.GOLDEN.resolve("outputs"));
        }
    }

    private static Cli.Result run(String command, String format) {
        List<String> args = new ArrayList<>(List.of(command));
        if (command.equals("diff")) {
            args.addAll(List.of("v1", "v2", repo.toString(), "--store", store.toString(), "-q", "--name", "fixture"));
        } else if (command.equals("check")) {
            args.addAll(List.of(repo.toString(), "--base", "v1", "--head", "v2", "--store", store.toString(), "-q",
                    "--name", "fixture"));
        } else if (command.equals("sql")) {
            args.addAll(List.of("SELECT revision, language, code FROM history WHERE language IN ('C', 'Rust') "
                    + "ORDER BY date, revision, language", "--store", store.toString()));
        } else {
            args.addAll(List.of(repo.toString(), "--store", store.toString(), "-q", "--name", "fixture"));
        }
        args.addAll(RUNS.get(command));
        args.addAll(List.of("--format", format));
        return Cli.Run.ok(Cli.run(args.toArray(String[]::new)));
    }

    /** The commands that print data, i.e. take {@code --format json}. */
    static List<String> dataCommands() {
        List<String> out = new ArrayList<>();
        Main.commandLine().getSubcommands().forEach((name, cl) -> {
            CommandLine.Model.OptionSpec f = cl.getCommandSpec().findOption("--format");
            if (f != null && !name.equals("report")) {
                out.add(name);
            }
        });
        return out;
    }

    @Test
    void everyCommandsJsonParsesAndCarriesTheHeader() throws Exception {
        assertThat(RUNS.keySet()).as("every data command has a run here").containsExactlyInAnyOrderElementsOf(
                dataCommands());
        // sql reads what history wrote
        run("history", "csv");
        ObjectMapper json = new ObjectMapper();
        for (String command : RUNS.keySet()) {
            String out = run(command, "json").out();
            JsonNode root = json.readTree(out);
            assertThat(root.isObject()).as(command).isTrue();
            JsonNode h = root.get("header");
            assertThat(h).as(command + " has a header").isNotNull();
            assertThat(h.get("tool").asText()).isEqualTo("oxmeter");
            assertThat(h.get("version").asText()).isEqualTo(dev.oxmeter.Version.VERSION);
            assertThat(h.get("command").asText()).isEqualTo(command);
            assertThat(h.get("analysis").size()).as(command).isPositive();
            assertThat(h.get("options").isObject()).as(command).isTrue();
            if (!command.equals("sql")) {
                assertThat(h.get("repository").asText()).isEqualTo("fixture");
                assertThat(h.get("options").has("exclude")).as(command).isTrue();
                assertThat(h.get("revisions").size()).as(command).isPositive();
                for (JsonNode rev : h.get("revisions")) {
                    assertThat(rev.get("commit").asText()).as(command).matches("[0-9a-f]{40}");
                    assertThat(rev.get("date").asText()).as(command).startsWith("20");
                    assertThat(rev.get("revision").asText()).as(command).isNotEqualTo("HEAD");
                }
            }
            assertThat(root.has("rows") || root.has("tables") || root.has("windows") || root.has("findings"))
                    .as(command).isTrue();
            ReportCommandTest.golden("outputs/" + command + ".json", normalize(out));
        }
    }

    @Test
    void csvColumnsFollowTheNamingTable() throws Exception {
        Set<String> documented = documentedColumns();
        Pattern snake = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
        run("history", "csv");
        for (String command : RUNS.keySet()) {
            if (command.equals("sql")) {
                continue; // its columns are the query's
            }
            String out = run(command, "csv").out();
            List<String> headers = new ArrayList<>();
            boolean next = true;
            for (String line : out.split("\n", -1)) {
                if (next && !line.isEmpty()) {
                    headers.add(line);
                }
                next = line.isEmpty(); // several tables are separated by an empty line
            }
            for (String header : headers) {
                for (String column : header.split(",")) {
                    assertThat(column).as(command + " column").matches(snake);
                    assertThat(documented).as(command + " column " + column + " is in docs/columns.md")
                            .contains(column);
                }
            }
            ReportCommandTest.golden("outputs/" + command + ".csv", normalize(out));
        }
    }

    /** The other groupings and modes print their own columns: those are in the naming table too. */
    @Test
    void csvColumnsOfEveryGroupingAreInTheTable() throws Exception {
        Set<String> documented = documentedColumns();
        List<List<String>> variants = List.of(List.of("scan", "--by", "file"), List.of("scan", "--by", "directory:2"),
                List.of("safety", "--by", "file"), List.of("safety", "--by", "owner", "--tags", "v*"),
                List.of("safety", "--by", "directory", "--tags", "v*"), List.of("safety", "--list", "undocumented"),
                List.of("boundary", "--tags", "v*"), List.of("boundary", "--tags", "v*", "--by", "file"),
                List.of("owners"), List.of("people", "--range", "v1..v2"));
        for (List<String> v : variants) {
            List<String> args = new ArrayList<>(List.of(v.get(0), repo.toString(), "--store", store.toString(), "-q",
                    "--format", "csv"));
            args.addAll(v.subList(1, v.size()));
            String out = Cli.Run.ok(Cli.run(args.toArray(String[]::new))).out();
            boolean header = true;
            for (String line : out.split("\n", -1)) {
                if (header && !line.isEmpty()) {
                    for (String column : line.split(",")) {
                        assertThat(documented).as(v + " column " + column + " is in docs/columns.md").contains(column);
                    }
                }
                header = line.isEmpty();
            }
        }
    }

    @Test
    void ownersAtOneRevisionNamesItsCommitNotHead() throws Exception {
        String out = run("owners", "csv").out();
        assertThat(out).doesNotContain("HEAD");
        Cli.Result one = Cli.Run.ok(Cli.run("owners", repo.toString(), "--store", store.toString(), "-q",
                "--format", "csv"));
        assertThat(one.out()).doesNotContain("HEAD");
        JsonNode h = new ObjectMapper().readTree(Cli.Run.ok(Cli.run("safety", repo.toString(), "--store",
                store.toString(), "-q", "--format", "json")).out()).get("header");
        assertThat(h.get("revisions").get(0).get("revision").asText()).matches("[0-9a-f]{12}");
        JsonNode scan = new ObjectMapper().readTree(Cli.Run.ok(Cli.run("scan", repo.toString(), "--store",
                store.toString(), "-q", "--format", "json")).out()).get("header");
        assertThat(scan.get("revisions").get(0).get("revision").asText()).matches("[0-9a-f]{12}");
    }

    /** Column names in the first cell of the naming table's rows, several per cell allowed. */
    static Set<String> documentedColumns() throws Exception {
        String doc = Files.readString(Path.of("../docs/columns.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("## The columns");
        assertThat(start).isPositive();
        Set<String> out = new TreeSet<>();
        for (String line : doc.substring(start).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher m = Pattern.compile("`([a-z0-9_]+)`").matcher(first);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * Output with the temporary paths and the versions that follow the language catalog (lines, commit facts)
     * masked, for golden files.
     */
    static String normalize(String out) {
        return out.replace(repo.toString(), "REPO").replace(store.toAbsolutePath().toString(), "STORE")
                .replaceAll("\"lines\" : \"[^\"]*\"", "\"lines\" : \"LINES-VERSION\"")
                .replaceAll("\"commit_facts\" : \"[^\"]*\"", "\"commit_facts\" : \"COMMIT-FACTS-VERSION\"");
    }
}
