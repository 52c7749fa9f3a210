package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.TestRepos;
import dev.oxmeter.store.Store;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
    @TempDir
    Path tmp;
    Path repo;
    Path store;

    /** Five releases; each changes a few files, adds Rust, and v3 is a pre-release. */
    @BeforeEach
    void history() throws Exception {
        repo = tmp.resolve("r.git");
        store = tmp.resolve("s.duckdb");
        try (TestRepos t = TestRepos.bare(repo)) {
            TestRepos.Snapshot s = snapshot();
            for (int i = 0; i < 40; i++) {
                s.file("drivers/d" + (i % 4) + "/f" + i + ".c", "int f" + i + ";\n/* c */\n\nint g" + i + ";\n");
            }
            String[] tags = {"v6.1", "v6.2", "v6.10-rc1", "v6.9", "v6.10"};
            for (int r = 0; r < tags.length; r++) {
                s.file("rust/kernel/m" + r + ".rs", "// SPDX\nfn m" + r + "() {}\n");
                s.file("drivers/d0/f0.c", "int changed" + r + ";\n".repeat(r + 1));
                t.commit(s.at("2023-0" + (r + 1) + "-15T12:00:00Z"));
                t.tag(tags[r]);
            }
        }
    }

    private List<String> csvLines(Cli.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return Arrays.stream(r.out().split("\n")).skip(1).toList();
    }

    @Test
    void versionOrderExcludesAndCsvHeader() {
        Cli.Result r = Cli.run("history", repo.toString(), "--exclude-tags", "*-rc*", "--format", "csv",
                "--store", store.toString());
        assertThat(r.out()).startsWith("revision,commit,date,language,files,lines,code,comment,blank");
        List<String> revs = csvLines(r).stream().map(l -> l.split(",")[0]).distinct().toList();
        assertThat(revs).containsExactly("v6.1", "v6.2", "v6.9", "v6.10");
        Cli.Result rust = Cli.run("history", repo.toString(), "--tags", "v6.1*", "--format", "csv",
                "--store", store.toString());
        assertThat(csvLines(rust).stream().map(l -> l.split(",")[0]).distinct().toList())
                .containsExactly("v6.1", "v6.10-rc1", "v6.10");
        assertThat(rust.err()).contains("oxmeter: --tags 'v6.1*' also matches 2 tags with a longer number "
                + "(v6.10-rc1 ... v6.10); --exclude-tags 'v6.1[0-9]*' leaves them out");
        Cli.Result exact = Cli.run("history", repo.toString(), "--tags", "v6.1", "--format", "csv",
                "--store", store.toString());
        assertThat(exact.err()).doesNotContain("also matches");
    }

    @Test
    void historyEqualsScanAtEveryRevision() {
        Cli.Result h = Cli.run("history", repo.toString(), "--tags", "v*", "--format", "csv", "--store",
                store.toString());
        List<String> rows = csvLines(h);
        for (String tag : List.of("v6.1", "v6.2", "v6.10-rc1", "v6.9", "v6.10")) {
            Cli.Result s = Cli.run("scan", repo.toString(), "--rev", tag, "--format", "csv", "--no-store");
            List<String> scan = csvLines(s).stream().map(l -> l.substring(0, l.lastIndexOf(',') < 0 ? l.length()
                    : l.length())).toList();
            List<String> hist = rows.stream().filter(l -> l.startsWith(tag + ","))
                    .map(l -> {
                        String[] c = l.split(",");
                        return String.join(",", Arrays.copyOfRange(c, 3, 10));
                    }).toList();
            assertThat(hist).as(tag).isEqualTo(scan);
        }
    }

    @Test
    void secondRunServesEverythingFromTheStore() {
        Cli.Result first = Cli.run("history", repo.toString(), "--store", store.toString(), "-v", "-q",
                "--tags", "v6.1", "--tags", "v6.2");
        assertThat(first.err()).contains("0 of 2 revisions served from the store");
        Cli.Result second = Cli.run("history", repo.toString(), "--store", store.toString(), "-v", "-q",
                "--tags", "v6.1", "--tags", "v6.2", "--tags", "v6.9");
        // v6.9 differs from v6.2 by f0.c, one new .rs (and v6.10-rc1's .rs, not selected before): 3 new blobs
        assertThat(second.err()).contains("2 of 3 revisions served from the store").contains(" 3 unique blobs read");
        assertThat(first.out()).contains("Rust %");
    }

    @Test
    void compositionsServedPackedOrFromTheirTablesEqualAFreshRun() throws Exception {
        String fresh = Cli.run("history", repo.toString(), "--no-store", "-q", "--format", "csv").out();
        Cli.Run.ok(Cli.run("history", repo.toString(), "--store", store.toString(), "-q"));
        assertThat(count("SELECT count(*) FROM tree_composition_packed"))
                .isEqualTo(count("SELECT count(DISTINCT tree) FROM tree_composition")).isEqualTo(4);
        Cli.Result packed = Cli.run("history", repo.toString(), "--store", store.toString(), "-q", "--format", "csv",
                "-v");
        assertThat(packed.err()).contains("4 of 4 revisions served from the store");
        assertThat(packed.out()).isEqualTo(fresh);
        // a store whose packed rows another writer did not keep: read from the two tables, the same
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + store);
             java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM tree_composition_packed WHERE tree IN (SELECT tree FROM revisions "
                    + "WHERE label IN ('v6.1', 'v6.9'))");
        }
        Cli.Result mixed = Cli.run("history", repo.toString(), "--store", store.toString(), "-q", "--format", "csv",
                "-v");
        assertThat(mixed.err()).contains("4 of 4 revisions served from the store");
        assertThat(mixed.out()).isEqualTo(fresh);
        assertThat(count("SELECT count(*) FROM tree_composition_packed")).isEqualTo(2);
        // ... and made again when the store is brought up to this oxmeter's schema statements
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + store);
             java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM meta WHERE key = 'ddl_digest'");
        }
        assertThat(Cli.run("history", repo.toString(), "--store", store.toString(), "-q", "--format", "csv").out())
                .isEqualTo(fresh);
        assertThat(count("SELECT count(*) FROM tree_composition_packed")).isEqualTo(4);
    }

    private long count(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + store);
             java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aNewTagReadsOnlyItsNewTreesAndEqualsAFreshRun() {
        Cli.Result first = Cli.run("history", repo.toString(), "--store", store.toString(), "-q",
                "--tags", "v6.1", "--tags", "v6.2");
        assertThat(first.exit()).as(first.err()).isZero();
        Cli.Result second = Cli.run("history", repo.toString(), "--store", store.toString(), "-v", "-q",
                "--tags", "v6.1", "--tags", "v6.2", "--tags", "v6.9", "--format", "csv");
        // v6.9 changes drivers/d0 and rust/kernel: only they and their parents (5 trees) are read; drivers/d1..d3
        // come from the store unread
        assertThat(second.err()).contains(" 3 unique blobs read").contains(" 5 trees read")
                .contains("(3 of them saved by earlier runs)");
        Cli.Result fresh = Cli.run("history", repo.toString(), "--no-store", "-q",
                "--tags", "v6.1", "--tags", "v6.2", "--tags", "v6.9", "--format", "csv");
        assertThat(second.out()).isEqualTo(fresh.out());
        Cli.Result warm = Cli.run("history", repo.toString(), "--store", store.toString(), "-q", "--format", "csv");
        assertThat(warm.out()).isEqualTo(Cli.run("history", repo.toString(), "--no-store", "-q", "--format", "csv")
                .out());
    }

    @Test
    void everyMonthSamplesTheLastCommitOfEachMonth() {
        Cli.Result r = Cli.run("history", repo.toString(), "--every", "month", "--since", "2023-02-01",
                "--until", "2023-04-30", "--format", "csv", "--store", store.toString());
        assertThat(csvLines(r).stream().map(l -> l.split(",")[0]).distinct().toList())
                .containsExactly("2023-02", "2023-03", "2023-04");
    }

    @Test
    void conflictingOrBadTimelineOptionsAreRejected() {
        for (String[] args : new String[][] {
                {"history", repo.toString(), "--tags", "v*", "--every", "month"},
                {"history", repo.toString(), "--revs", "v6.1", "--since", "2023-01-01"},
                {"history", repo.toString(), "--since", "2024-01-01", "--store", store.toString()},
                {"history", repo.toString(), "--every", "fortnight"},
                {"history", repo.toString(), "--every", "month", "--since", "yesterday"},
                {"history", repo.toString(), "--tags", "nothing*", "--store", store.toString()},
                {"history", repo.toString(), "--order", "random"},
        }) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("oxmeter: ").doesNotContain("Exception");
        }
    }

    @Test
    void treeTagsAreReportedAndSkipped() throws Exception {
        Path r2 = tmp.resolve("r2.git");
        try (TestRepos t = TestRepos.bare(r2)) {
            t.commit(snapshot().file("a.c", "int a;\n"));
            t.tag("v1");
            t.treeTag("v2-tree");
        }
        Cli.Result r = Cli.run("history", r2.toString(), "--tags", "v*", "--format", "csv", "--store",
                store.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("tag v2-tree points to a tree, not a commit: skipped");
    }

    @Test
    void theDefaultTimelineIsTheReleasesAndDatesNarrowIt() {
        Cli.Result all = Cli.run("history", repo.toString(), "--format", "csv", "--store", store.toString());
        assertThat(csvLines(all).stream().map(l -> l.split(",")[0]).distinct().toList())
                .containsExactly("v6.1", "v6.2", "v6.9", "v6.10");
        assertThat(all.err()).contains("oxmeter: default timeline: 4 releases (tags 'v*' that are plain version "
                + "numbers); left out: 1 with a suffix (rc, beta, ...); --tags GLOB chooses");
        Cli.Result window = Cli.run("history", repo.toString(), "--since", "2023-02-01", "--until", "2023-04-15",
                "--format", "csv", "--store", store.toString());
        assertThat(csvLines(window).stream().map(l -> l.split(",")[0]).distinct().toList())
                .containsExactly("v6.2", "v6.9");
        Cli.Result tags = Cli.run("history", repo.toString(), "--tags", "v6.*", "--since", "2023-03-01",
                "--format", "csv", "--store", store.toString());
        assertThat(csvLines(tags).stream().map(l -> l.split(",")[0]).distinct().toList())
                .containsExactly("v6.9", "v6.10-rc1", "v6.10");
    }

    @Test
    void tagsOfOneCommitAreFoldedAndNoReleaseFallsBackToMonths() throws Exception {
        Path r2 = tmp.resolve("r2.git");
        try (TestRepos t = TestRepos.bare(r2)) {
            t.commit(snapshot().file("a.c", "int a;\n").at("2023-01-15T12:00:00Z"));
            t.tag("v1.0");
            t.commit(snapshot().file("a.c", "int b;\n").at("2023-02-15T12:00:00Z"));
            t.tag("v1.1");
            t.tag("v1.1.0");
        }
        Cli.Result r = Cli.run("history", r2.toString(), "--format", "csv", "--store", store.toString());
        assertThat(csvLines(r).stream().map(l -> l.split(",")[0]).distinct().toList())
                .containsExactly("v1.0", "v1.1.0");
        assertThat(r.err()).contains("1 tag points to the same commit as the next one, folded into it (empty "
                + "window): v1.1 = v1.1.0");
        Path r3 = tmp.resolve("r3.git");
        try (TestRepos t = TestRepos.bare(r3)) {
            t.commit(snapshot().file("a.c", "int a;\n").at("2023-01-15T12:00:00Z"));
            t.tag("nightly");
        }
        Cli.Result months = Cli.run("history", r3.toString(), "--format", "csv", "--store",
                tmp.resolve("s3.duckdb").toString());
        assertThat(csvLines(months).stream().map(l -> l.split(",")[0]).distinct().toList())
                .containsExactly("2023-01");
        assertThat(months.err()).contains("no release tags (plain version numbers) in the repository: sampling "
                + "--every month");
    }

    @Test
    void sqlAndParquetExport() throws Exception {
        Cli.Run.ok(Cli.run("history", repo.toString(), "--store", store.toString(), "-q"));
        Cli.Result q = Cli.run("sql", "SELECT revision, code FROM history WHERE language = 'Rust' ORDER BY code",
                "--store", store.toString(), "--format", "csv");
        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out()).startsWith("revision,code\n").contains("v6.1,1\n").contains("v6.10,5\n");
        Cli.Result bad = Cli.run("sql", "SELEKT 1", "--store", store.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("oxmeter: query failed");
        Path dir = tmp.resolve("pq");
        Cli.Result ex = Cli.run("export", "--parquet", dir.toString(), "--store", store.toString());
        assertThat(ex.exit()).as(ex.err()).isZero();
        assertThat(dir.resolve("history.parquet")).exists();
        assertThat(dir.resolve("blob_facts.parquet")).exists();
    }

    @Test
    void anOlderSchemaIsRebuiltWithANotice() throws Exception {
        try (Store s = Store.open(store, m -> { });
             Statement st = s.connection().createStatement()) {
            st.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'");
        }
        Cli.Result r = Cli.run("history", repo.toString(), "--store", store.toString(), "-q", "--tags", "v6.1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("rebuilding");
    }

    // ---- crash safety and concurrency: real child processes -------------------------------------------------

    private Process child(String crash, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // the DuckDB driver unpacks its native library to the temp dir; a halted JVM never deletes it
                "-Djava.io.tmpdir=" + tmp));
        if (crash != null) {
            cmd.add("-Doxmeter.crash=" + crash);
        }
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String drain(Process p) throws Exception {
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return s;
    }

    @Test
    void aRunKilledAtAnyCrashPointIsCompletedCorrectlyByTheNext() throws Exception {
        String expected = Cli.run("history", repo.toString(), "--format", "csv", "--no-store").out();
        for (String point : List.of("facts-before-commit:1", "facts-after-commit:1", "subtrees-before-commit:1",
                "compositions-before-commit:1")) {
            Path s = tmp.resolve(point.replace(':', '_') + ".duckdb");
            Process p = child(point, "history", repo.toString(), "--store", s.toString(), "-q", "--format", "csv");
            String out = drain(p);
            assertThat(p.exitValue()).as(point + ": " + out).isEqualTo(137);
            Cli.Result again = Cli.run("history", repo.toString(), "--store", s.toString(), "--format", "csv");
            assertThat(again.exit()).as(point + ": " + again.err()).isZero();
            assertThat(again.out()).as(point).isEqualTo(expected);
        }
    }

    @Test
    void aSigkilledRunLeavesAUsableStore() throws Exception {
        String expected = Cli.run("history", repo.toString(), "--format", "csv", "--no-store").out();
        Process p = child(null, "history", repo.toString(), "--store", store.toString(), "-q", "--format", "csv");
        Thread.sleep(700);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Cli.Result again = Cli.run("history", repo.toString(), "--store", store.toString(), "--format", "csv");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(expected);
    }

    @Test
    void aSecondWriterGetsAClearMessage() throws Exception {
        try (Store held = Store.open(store, m -> { })) {
            Process p = child(null, "history", repo.toString(), "--store", store.toString(), "-q");
            String out = drain(p);
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(out.trim()).startsWith("oxmeter: the store").contains("in use by another oxmeter process")
                    .doesNotContain("Exception");
            assertThat(out.trim().lines().collect(Collectors.toList())).hasSize(1);
        }
        assertThat(new File(store.toString())).exists();
    }
}
