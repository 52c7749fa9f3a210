package dev.oxmeter.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.CompositionEngine;
import dev.oxmeter.facts.BlobAnalyses;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsLookup;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.people.Affiliations;
import dev.oxmeter.people.InMemoryCommitFacts;
import dev.oxmeter.people.Mailmap;
import dev.oxmeter.people.PeopleRun;
import dev.oxmeter.people.TrailerKeys;
import dev.oxmeter.render.HistoryTables;
import dev.oxmeter.render.LensTables;
import dev.oxmeter.render.PeopleTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.TestRepos;
import dev.oxmeter.timeline.Timeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet job in Spark local mode over built histories: two forks sharing most blobs, a third repository, a
 * missing one and one with an absent blob. Expected numbers come from the single-repository code paths.
 */
class FleetJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;
    @TempDir
    static Path tmp;
    private static Path upstream;
    private static Path fork;
    private static Path other;
    private static Path broken;
    private static Path list;
    private static Path out;
    private static FleetJob.Summary summary;

    @BeforeAll
    static void run() throws Exception {
        upstream = tmp.resolve("upstream.git");
        fork = tmp.resolve("fork.git");
        other = tmp.resolve("other.git");
        broken = tmp.resolve("broken.git");
        for (Path p : List.of(upstream, fork)) {
            try (TestRepos r = TestRepos.bare(p)) {
                history(r);
                if (p.equals(fork)) {
                    r.commit(base(3).file("drivers/nova/gpu.rs", "fn gpu() {\n    unsafe { poke() }\n}\n")
                            .author("Fork Dev", "fork@example.org").message("nova: gpu"));
                    r.tag("v4");
                }
            }
        }
        try (TestRepos r = TestRepos.bare(other)) {
            r.commit(TestRepos.snapshot().file("main.c", "int main(void) { return 0; }\n")
                    .file("README.md", "# other\n\ntext\n").author("C Person", "c@example.net"));
            r.tag("1.0");
        }
        String missingBlob;
        try (TestRepos r = TestRepos.bare(broken)) {
            r.commit(TestRepos.snapshot().file("a.rs", "fn broken_only() {}\n"));
            r.tag("v1");
            missingBlob = TestRepos.blobId("fn broken_only() {}\n");
            assertThat(r.deleteLooseObject(missingBlob)).isTrue();
        }
        list = tmp.resolve("repos.txt");
        Files.writeString(list, "# the fleet\n" + upstream + " upstream\n" + fork + " fork\n"
                + "file://" + other + " other\n" + tmp.resolve("nowhere") + " nowhere\n" + broken + " broken\n");
        spark = FleetCommand.session("local[2]", 5);
        out = tmp.resolve("out");
        summary = new FleetJob(spark, FleetOptions.defaults(), m -> { }).run(RepoSpec.read(list), out);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static TestRepos.Snapshot base(int release) {
        TestRepos.Snapshot s = TestRepos.snapshot()
                .file("MAINTAINERS", "RUST\nM:\tMaint <m@example.org>\nF:\trust/\n")
                .file("kernel/sched.c", "int x;\n/* comment */\n\nint y(void) { return x; }\n".repeat(release))
                .file("include/linux/sched.h", "#define X 1\nstruct s { int a; };\n")
                .file("rust/helpers/helpers.c", "__rust_helper void rust_helper_a(void) { a(); }\n"
                        + "void rust_helper_b(void) { b(); }\n")
                .file("rust/kernel/lib.rs", "//! The kernel crate.\n\n// SAFETY: fine.\nunsafe impl Send for X {}\n")
                .file("rust/syn/lib.rs", "pub fn vendored() {}\n")
                .file("Documentation/rust.rst", "Rust\n====\n\nText.\n")
                .symlink("scripts/link", "../kernel");
        if (release >= 2) {
            s.file("rust/kernel/sync.rs", "fn lock() {\n    unsafe { raw() };\n    // SAFETY: held.\n"
                    + "    unsafe { raw() };\n}\n".repeat(release - 1));
        }
        return s;
    }

    private static void history(TestRepos r) throws Exception {
        for (int i = 1; i <= 3; i++) {
            r.commit(base(i).author("Dev " + i, "dev" + i + "@example.com")
                    .message("release " + i + "\n\nCo-developed-by: Helper <helper@example.com>\n"));
            r.tag("v" + i);
        }
    }

    @Test
    void everyUsableRepositoryIsMeasuredAndTheOthersGetAnErrorRow() {
        Map<String, RepoRow> rows = new TreeMap<>();
        summary.repos().forEach(r -> rows.put(r.repo(), r));
        assertThat(rows.keySet()).containsExactly("broken", "fork", "nowhere", "other", "upstream");
        assertThat(rows.get("upstream").ok()).isTrue();
        assertThat(rows.get("fork").ok()).isTrue();
        assertThat(rows.get("other").ok()).isTrue();
        assertThat(rows.get("nowhere").ok()).isFalse();
        assertThat(rows.get("nowhere").message()).contains("not a directory");
        assertThat(rows.get("broken").ok()).isFalse();
        assertThat(rows.get("broken").message()).contains("missing");
        assertThat(summary.failed()).isEqualTo(2);

        List<Row> repos = spark.read().parquet(out.resolve("repos").toString()).collectAsList();
        assertThat(repos).hasSize(5);
        Row up = repos.stream().filter(r -> r.getAs("repo").equals("upstream")).findFirst().orElseThrow();
        assertThat((String) up.getAs("status")).isEqualTo("ok");
        assertThat((Integer) up.getAs("revisions")).isEqualTo(3);
        assertThat((String) up.getAs("first_rust_revision")).isEqualTo("v1");
        assertThat((Long) up.getAs("rust_contributors")).isEqualTo(4); // Dev 1..3 and the co-developer
        Row nowhere = repos.stream().filter(r -> r.getAs("repo").equals("nowhere")).findFirst().orElseThrow();
        assertThat((String) nowhere.getAs("status")).isEqualTo("error");
    }

    @Test
    void historySafetyAndBoundaryEqualTheSingleRepositoryTables() throws Exception {
        for (String name : List.of("upstream", "fork", "other")) {
            Path dir = tmp.resolve(name + ".git");
            try (GitRepo repo = GitRepo.open(dir)) {
                List<Revision> revs = Timeline.tagsOrReleases(repo, List.of(), List.of(), Timeline.Order.VERSION, "HEAD", null,
                        null, w -> { }, k -> { });
                FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
                Map<Revision, Composition> comps = new CompositionEngine(repo, computer, new FactsCache(),
                        FleetOptions.defaults().scanOptions(), 2, Progress.NONE, a -> { }, FactsLookup.NONE)
                        .compose(revs);
                assertSame("history", name, HistoryTables.longFormat("", comps, computer.catalog(), Map.of()));
                assertSame("safety", name, LensTables.safetyTotals(comps, ""));
                assertSame("boundary", name, LensTables.boundaryTotals(comps, ""));
            }
        }
    }

    @Test
    void peopleEqualsTheSingleRepositoryRun() throws Exception {
        for (String name : List.of("upstream", "fork")) {
            try (GitRepo repo = GitRepo.open(tmp.resolve(name + ".git"))) {
                List<Revision> revs = Timeline.tagsOrReleases(repo, List.of(), List.of(), Timeline.Order.VERSION, "HEAD", null,
                        null, w -> { }, k -> { });
                LanguageCatalog catalog = LanguageCatalog.standard();
                var report = PeopleRun.run(repo, new InMemoryCommitFacts(), catalog,
                        PeopleRun.language(catalog, "Rust"), PeopleRun.consecutive(revs),
                        new PeopleRun.Options(List.of(), false, Mailmap.EMPTY, null, Affiliations.EMPTY,
                                TrailerKeys.DEFAULT, 1), Progress.NONE).report();
                Table t = PeopleTables.longFormat(report);
                assertThat(t.rows()).isNotEmpty();
                assertSame("people", name, t);
            }
        }
    }

    @Test
    void eachUniqueBlobOfTheFleetIsMeasuredOnce() throws Exception {
        Set<String> perRepoKeys = new HashSet<>();
        long sum = 0;
        for (String name : List.of("upstream", "fork", "other")) {
            Set<String> keys = new HashSet<>();
            try (GitRepo repo = GitRepo.open(tmp.resolve(name + ".git"))) {
                FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
                CompositionEngine engine = new CompositionEngine(repo, computer, new FactsCache(),
                        FleetOptions.defaults().scanOptions(), 1, Progress.NONE, a -> { }, FactsLookup.NONE);
                for (Revision r : Timeline.tagsOrReleases(repo, List.of(), List.of(), Timeline.Order.VERSION, "HEAD", null,
                        null, w -> { }, k -> { })) {
                    engine.entries(r, e -> {
                        if (e.detection() != null) {
                            keys.add(e.blob().hex() + " " + e.detection());
                        }
                    });
                }
            }
            sum += keys.size();
            perRepoKeys.addAll(keys);
        }
        // the broken repository's one readable-in-the-tree blob is counted too, and fails
        long expectedUnique = perRepoKeys.size() + 1;
        assertThat(summary.uniqueBlobs()).isEqualTo(expectedUnique);
        assertThat(summary.blobsPerRepoSum()).isEqualTo(sum + 1);
        assertThat(summary.uniqueBlobs()).isLessThan(summary.blobsPerRepoSum());
        assertThat(summary.factsComputed()).isEqualTo(expectedUnique - 1);
    }

    @Test
    void summariesRankRepositoriesAndNameTheFailures() throws Exception {
        String md = Files.readString(out.resolve("fleet.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("3 of 5 repositories measured");
        assertThat(md.indexOf("| fork |")).isLessThan(md.indexOf("| other |"));
        assertThat(md).contains("## Not measured").contains("| nowhere |");
        String html = Files.readString(out.resolve("fleet.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("Content-Security-Policy").contains("<td>upstream</td>").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void aRerunReplacesItsOutputAndADirectoryNotWrittenByTheFleetIsRefused() throws Exception {
        Path again = tmp.resolve("again");
        Path small = tmp.resolve("small.txt");
        Files.writeString(small, other + " other\n");
        new FleetJob(spark, FleetOptions.defaults(), m -> { }).run(RepoSpec.read(small), again);
        Files.writeString(again.resolve("history").resolve("stale-file"), "x");
        new FleetJob(spark, FleetOptions.defaults(), m -> { }).run(RepoSpec.read(small), again);
        assertThat(again.resolve("history").resolve("stale-file")).doesNotExist();
        assertThat(again.resolve(FleetOutput.MARKER)).exists();
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".again"))).isEmpty();
        }

        Path mine = tmp.resolve("users-own");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> new FleetJob(spark, FleetOptions.defaults(), m -> { }).run(RepoSpec.read(small),
                mine)).isInstanceOf(OxmeterException.class).hasMessageContaining("not an oxmeter fleet output");
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("keep me");
    }

    /** The fleet dataset's rows for {@code repo} equal {@code expected}'s rows, column by column. */
    private static void assertSame(String dataset, String repo, Table expected) throws Exception {
        List<Map<String, String>> want = new ArrayList<>();
        for (String line : TableLines.lines(repo, expected)) {
            want.add(normalise(JSON.readValue(line, Map.class)));
        }
        List<Map<String, String>> got = new ArrayList<>();
        for (String line : spark.read().parquet(out.resolve(dataset).toString())
                .filter("repo = '" + repo + "'").toJSON().collectAsList()) {
            got.add(normalise(JSON.readValue(line, Map.class)));
        }
        assertThat(got).as(dataset + " of " + repo).containsExactlyInAnyOrderElementsOf(want);
        assertThat(spark.read().parquet(out.resolve(dataset).toString()).columns())
                .containsExactlyElementsOf(TableLines.columns(expected));
    }

    private static Map<String, String> normalise(Map<?, ?> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k.toString(), v instanceof Number n ? String.valueOf(n.doubleValue()) : v.toString());
            }
        });
        return out;
    }
}
