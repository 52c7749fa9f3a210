package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.people.PeopleFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's views answer the users' questions with the numbers the commands print. */
class SqlViewsTest {
    @TempDir
    static Path tmp;
    static Path repo;
    static Path store;

    @BeforeAll
    static void fixture() throws Exception {
        repo = tmp.resolve("repo.git");
        store = tmp.resolve("store.duckdb");
        PeopleFixture.build(repo);
    }

    private static Cli.Result sql(String query) {
        return Cli.Run.ok(Cli.run("sql", query, "--store", store.toString(), "--format", "csv"));
    }

    /** CSV rows without the header line. */
    private static List<String> rows(Cli.Result r) {
        return r.out().lines().skip(1).toList();
    }

    @Test
    void contributorsViewEqualsPeople() {
        // the fixture has a mailmapped author (two addresses of Alice), a co-author trailer (Carol), a vendored-only
        // commit (Eve) and a merge (Mallory): the view must apply and leave out exactly what people does
        Cli.Result people = Cli.Run.ok(Cli.run("people", repo.toString(), "-q", "--tags", "v*", "--format", "csv",
                "--store", store.toString()));
        List<String> expected = new ArrayList<>();
        for (String line : rows(people)) {
            String[] f = line.split(",", -1);
            // window, person (address, lower case), name, commits, lines_added, lines_removed
            expected.add(String.join(",", f[0], f[2].toLowerCase(Locale.ROOT), f[1], f[3], f[4], f[5]));
        }
        assertThat(expected).contains("..v1,carol@example.com,Carol,1,2,0", "..v1,alice@example.com,Alice Liddell,1,3,0")
                .hasSize(5);
        Cli.Result view = sql("SELECT window_label, person, name, commits, lines_added, lines_removed FROM contributors "
                + "WHERE language = 'Rust' ORDER BY window_label, person");
        assertThat(rows(view)).containsExactlyInAnyOrderElementsOf(expected);
        Cli.Result roles = sql("SELECT person, role FROM contributions WHERE window_label = '..v1' ORDER BY person");
        assertThat(rows(roles)).containsExactly("alice@example.com,author", "bob@example.com,author",
                "carol@example.com,co-author");
        // a second run of the same windows replaces its rows instead of adding to them
        Cli.Run.ok(Cli.run("people", repo.toString(), "-q", "--tags", "v*", "--format", "csv", "--store",
                store.toString()));
        assertThat(rows(sql("SELECT count(*) FROM contributions"))).containsExactly("5");
    }

    @Test
    void rustShareViewEqualsHistory() {
        Cli.Result history = Cli.Run.ok(Cli.run("history", repo.toString(), "-q", "--tags", "v*", "--format", "csv",
                "--store", store.toString()));
        List<String> expected = rows(history).stream().map(l -> l.split(",", -1))
                .map(f -> f[0] + "," + f[11] + "," + f[12]).distinct().toList();
        assertThat(expected).hasSize(2);
        Cli.Result view = sql("SELECT revision, programming_code, round(rust_share, 6) FROM rust_share "
                + "ORDER BY date, revision");
        List<String> actual = rows(view).stream().map(l -> {
            String[] f = l.split(",", -1);
            return f[0] + "," + f[1] + "," + new java.math.BigDecimal(f[2]).stripTrailingZeros().toPlainString();
        }).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void duckdbErrorsComeThroughOnOneLine() {
        Cli.Run.ok(Cli.run("history", repo.toString(), "-q", "--revs", "v1", "--store", store.toString()));
        Cli.Result r = Cli.run("sql", "SELECT * FROM histroy", "--store", store.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("oxmeter: query failed: Catalog Error: Table with name histroy does not exist")
                .contains("history").endsWith("\n");
        assertThat(r.err().strip()).doesNotContain("\n");
    }

    @Test
    void storeFileNeedsNoRepository() {
        Cli.Run.ok(Cli.run("history", repo.toString(), "-q", "--revs", "v1", "--store", store.toString()));
        // REPO names a directory that is no repository: with --store it is not needed
        Cli.Result r = Cli.run("sql", "SELECT count(*) AS n FROM revisions", tmp.resolve("nowhere").toString(),
                "--store", store.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("n\n");
    }
}
