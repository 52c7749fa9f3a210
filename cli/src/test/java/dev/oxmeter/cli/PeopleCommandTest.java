package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.people.PeopleFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PeopleCommandTest {
    @TempDir
    static Path tmp;
    static Path repo;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void fixture() throws Exception {
        repo = tmp.resolve("repo.git");
        PeopleFixture.build(repo);
    }

    private static Run people(String... args) {
        List<String> all = new ArrayList<>(List.of("people", repo.toString(), "-q", "--store",
                tmp.resolve("store.duckdb").toString()));
        all.addAll(List.of(args));
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void csvHasOneRowPerWindowAndPerson() {
        Run r = people("--tags", "v*", "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("window,name,email,commits")
                .isEqualTo("window,name,email,commits,lines_added,lines_removed,roles,first_window,new,employer");
        assertThat(lines).hasSize(1 + 3 + 2);
        assertThat(lines).contains("v1..v2,Grace,grace@example.com,1,1,0,,v1..v2,true,example.com");
        assertThat(lines).anyMatch(l -> l.startsWith("..v1,Alice Liddell,alice@example.com,1,3,0,"));
    }

    @Test
    void thanksListsNamesPerWindow() {
        Run r = people("--tags", "v*", "--format", "thanks");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("..v1: Alice Liddell, Bob, Carol\n\nv1..v2: Alice Liddell, Grace\n");
    }

    @Test
    void tableAndJsonRender() {
        Run t = people("--tags", "v*");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("contributors", "cumulative", "Rust contributors · v1..v2", "Rust credits",
                "Rust employers");
        Run j = people("--range", "v1..v2", "--format", "json");
        assertThat(j.code()).as(j.err()).isZero();
        assertThat(j.out()).contains("\"window\" : \"v1..v2\"", "\"new_contributors\" : 1",
                "\"cumulative_contributors\" : 4");
    }

    @Test
    void unknownLanguage() {
        Run r = people("--lang", "rusty");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("oxmeter: unknown language 'rusty' (try: Rust, C").doesNotContain("\n");
    }

    @Test
    void emptyWindow() {
        Run r = people("--range", "v1..v1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("oxmeter: window v1..v1 is empty: every commit reachable from v1 is "
                + "reachable from v1");
    }

    @Test
    void unreadableAffiliations() {
        Run r = people("--affiliations", tmp.resolve("nope.map").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("oxmeter: cannot read affiliations file " + tmp.resolve("nope.map")
                + ": no such file");
    }

    @Test
    void malformedMailmapLine() throws Exception {
        Path mm = tmp.resolve("bad.mailmap");
        Files.writeString(mm, "# ok\nJane Doe jane@example.com\n");
        Run r = people("--mailmap", mm.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("oxmeter: " + mm + ":2: invalid mailmap line").doesNotContain("\n");
    }

    @Test
    void rangeExcludesOtherTimelines() {
        Run r = people("--range", "v1..v2", "--tags", "v*");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--range");
    }
}
