package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxmeter.toolchain.ToolchainFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainCommandTest {
    @TempDir
    static Path tmp;
    static Path repo;

    @BeforeAll
    static void history() throws Exception {
        repo = ToolchainFixture.build(tmp.resolve("t.git"));
    }

    @Test
    void csvHasOneRowPerRevisionWithTheFixtureFigures() {
        Cli.Result r = Cli.Run.ok(Cli.run("toolchain", repo.toString(), "--no-store", "--format", "csv"));
        List<String> lines = Arrays.asList(r.out().split("\n"));
        assertThat(lines.get(0)).startsWith("revision,commit,date,minimum,minimum_from,strictest,strictest_from,"
                + "required,required_from");
        assertThat(lines).hasSize(6);
        String v2 = lines.get(2);
        assertThat(v2).startsWith("v2,").contains(",2023-09-01,1.70,Cargo.toml,1.81,tests/fixture/Cargo.toml,1.70,")
                .contains(",1.72.0,").contains(",vendor/foo,Fedora,");
        assertThat(lines.get(4)).startsWith("v4,").contains(",1.78.0,scripts/min-tool-version.sh,")
                .contains(",0.65.1,");
        assertThat(lines.get(5)).contains("s390=1.96.0").contains("Debian 13 (trixie); Fedora");
    }

    @Test
    void jsonNestsLockFilesAndDistributionData() throws Exception {
        Cli.Result r = Cli.Run.ok(Cli.run("toolchain", repo.toString(), "--no-store", "--format", "json",
                "--revs", "v1,v2"));
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode v2 = doc.path("rows").get(1);
        assertThat(v2.path("revision").asText()).isEqualTo("v2");
        JsonNode main = v2.path("lock_files").get(0);
        assertThat(main.path("path").asText()).isEqualTo("Cargo.lock");
        assertThat(main.path("registry").asInt()).isEqualTo(3);
        assertThat(main.path("git").asInt()).isEqualTo(1);
        assertThat(main.path("local").asInt()).isEqualTo(2);
        assertThat(v2.path("lock_files").get(1).path("test_or_example").asBoolean()).isTrue();
        assertThat(v2.path("crate_changes").path("added")).hasSize(4);
        assertThat(doc.path("rows").get(0).path("minimum").path("version").isNull()).isTrue();
        assertThat(doc.path("distribution_data").toString()).contains("https://packages.debian.org/bookworm/rustc");
    }

    @Test
    void tableShowsWhoCanBuildAndWhatChanged() {
        Cli.Result r = Cli.Run.ok(Cli.run("toolchain", repo.toString(), "--no-store", "--format", "md"));
        assertThat(r.out()).contains("who can build it").contains("| v2 | 1.70 | Cargo.toml |")
                .contains("1.63.0 \u2717").contains("| v3 | updated | serde 1.0.100 \u2192 1.0.200 |")
                .contains("| v3 | removed | pcre2 0.2.9 |");
    }

    @Test
    void reportHasTheToolchainSection() throws Exception {
        Path out = tmp.resolve("r.html");
        Cli.Run.ok(Cli.run("report", repo.toString(), "--no-store", "--generated-at", "none", "-q", "--out",
                out.toString()));
        String html = Files.readString(out);
        assertThat(html).contains("<section id=\"toolchain\">").contains("Debian 12 (bookworm)")
                .contains("aria-label=\"Required minimum rustc and distribution rustc per release (minor version)\"");
        Cli.Result md = Cli.Run.ok(Cli.run("report", repo.toString(), "--no-store", "--generated-at", "none",
                "--format", "md"));
        assertThat(md.out()).contains("## Toolchain and distributions").contains("| v4 | 1.78.0 |");
    }

    @Test
    void badInputIsOneLine() {
        Cli.Result r = Cli.run("toolchain", repo.toString(), "--no-store", "--revs", "nope");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip()).startsWith("oxmeter: ").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
        Cli.Result f = Cli.run("toolchain", repo.toString(), "--no-store", "--format", "xml");
        assertThat(f.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(f.err()).startsWith("oxmeter: ");
    }
}
