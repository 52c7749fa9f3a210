package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.TestRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What oxmeter promises when the repository or the machine lets it down: each test name is one promise (README,
 * "Reliability"). The histories are damaged as disks and bad copies damage them: one object's bytes flipped in a
 * pack, a loose object deleted, tags pointing at trees.
 */
class GitFaultsTest {
    private static final int FILES = 40;
    private static final int LINES = 61;

    @TempDir
    Path tmp;

    /** {@value #FILES} C files of {@value #LINES} code lines each, all different, in one pack without deltas. */
    private Path packedHistory() throws Exception {
        Path repo = tmp.resolve("packed.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            for (int c = 1; c <= 3; c++) {
                TestRepos.Snapshot s = snapshot().message("change " + c + ": " + "a message long enough to be "
                        + "stored compressed, so that damage in its middle is damage to its data ".repeat(3))
                        .at("2022-0" + c + "-15T00:00:00Z");
                for (int f = 0; f < FILES; f++) {
                    s.file("src/f" + f + ".c", cFile(f, c == 3 ? 0 : c));
                }
                t.commit(s);
            }
        }
        GitFixture.packWithoutDeltas(repo);
        return repo;
    }

    private static String cFile(int f, int version) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < LINES; j++) {
            b.append(String.format(Locale.ROOT, "int f_%d_%d_%d(void) { return %d; }%n", f, j, version,
                    (f * 7919 + j * 104729 + version) % 10007));
        }
        return b.toString();
    }

    private static String firstBlobInPack(Path repo) throws Exception {
        return GitFixture.packed(repo).stream().filter(p -> p.type().equals("blob"))
                .min(java.util.Comparator.comparingLong(GitFixture.Packed::offset)).orElseThrow().id();
    }

    private static void assertOneLine(Cli.Result r) {
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("oxmeter: ").doesNotContain("\tat ");
    }

    @Test
    void aCorruptBlobInAPackIsNamedAsCorruptNotMissingAndExitsThree() throws Exception {
        Path repo = packedHistory();
        String bad = firstBlobInPack(repo);
        GitFixture.corrupt(repo, bad);

        Cli.Result r = Cli.run("scan", repo.toString(), "--no-store", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_REPOSITORY);
        assertOneLine(r);
        assertThat(r.err()).contains("blob " + bad + " is corrupt");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void withAllowMissingOnlyTheCorruptBlobIsAffectedEveryRunTheSame() throws Exception {
        Path repo = packedHistory();
        String bad = firstBlobInPack(repo);
        GitFixture.corrupt(repo, bad);

        for (int run = 0; run < 3; run++) {
            Cli.Result r = Cli.run("scan", repo.toString(), "--no-store", "-q", "--allow-missing", "--format", "csv");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("\n(missing),1,0,").contains("\nC," + (FILES - 1) + ","
                    + (FILES - 1) * LINES + "," + (FILES - 1) * LINES + ",");
            assertThat(r.err()).contains("blob " + bad + " is corrupt");
        }
    }

    @Test
    void aCorruptBlobMetWhileDiffingHistoryIsNamedNeverCountedAsZeroLines() throws Exception {
        Path repo = packedHistory();
        String bad = firstBlobInPack(repo);
        GitFixture.corrupt(repo, bad);

        for (String threads : new String[] {"1", "2"}) {
            Cli.Result r = Cli.run("people", repo.toString(), "--lang", "c", "--range", "..HEAD", "--no-store", "-q",
                    "--threads", threads);
            assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_REPOSITORY);
            assertOneLine(r);
            assertThat(r.err()).contains("blob " + bad + " is corrupt");
        }
    }

    @Test
    void aCorruptCommitIsOneLineExitThreeNotAnInternalError() throws Exception {
        Path repo = packedHistory();
        String bad = GitFixture.resolve(repo, "HEAD~1");
        GitFixture.corrupt(repo, bad);

        for (List<String> cmd : List.of(List.of("history", "--every", "month"), List.of("people", "--lang", "c"),
                List.of("scan", "--rev", "HEAD~1"))) {
            List<String> args = new java.util.ArrayList<>(cmd);
            args.addAll(List.of(repo.toString(), "--no-store", "-q"));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(cmd + ": " + r.err()).isEqualTo(Main.EXIT_REPOSITORY);
            assertThat(r.err()).as(cmd.toString()).contains("commit " + bad + " is corrupt")
                    .doesNotContain("internal error");
            assertThat(r.err().lines().filter(l -> !l.contains("sampling --every")).count()).isEqualTo(1);
        }
    }

    @Test
    void aCorruptTreeIsCalledCorruptNotMissing() throws Exception {
        Path repo = packedHistory();
        String tree = GitFixture.resolve(repo, "HEAD:src");
        GitFixture.corrupt(repo, tree);

        Cli.Result r = Cli.run("scan", repo.toString(), "--no-store", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_REPOSITORY);
        assertOneLine(r);
        assertThat(r.err()).contains("tree " + tree + " is corrupt").doesNotContain("missing");
    }

    @Test
    void aMissingObjectIsCalledMissingAndExitsThree() throws Exception {
        Path repo = tmp.resolve("loose.git");
        String blob;
        try (TestRepos t = TestRepos.bare(repo)) {
            t.commit(snapshot().file("a.c", "int a;\n").file("b.c", "int b;\n"));
            blob = TestRepos.blobId("int b;\n");
            assertThat(t.deleteLooseObject(blob)).isTrue();
        }

        Cli.Result r = Cli.run("scan", repo.toString(), "--no-store", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_REPOSITORY);
        assertOneLine(r);
        assertThat(r.err()).contains("blob " + blob + " is missing");
    }

    @Test
    void whenEveryMatchingTagPointsAtATreeTheMessageSaysSoNotNoTagMatches() throws Exception {
        Path repo = tmp.resolve("treetags.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            t.commit(snapshot().file("a.c", "int a;\n"));
            t.treeTag("t1");
            t.treeTag("t2");
            t.tag("v1");
        }

        Cli.Result r = Cli.run("history", repo.toString(), "--tags", "t*", "--no-store", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("tag t1 points to a tree, not a commit: skipped")
                .contains("all 2 tags matching t* in ").contains("point to no commit (2 to a tree)")
                .doesNotContain("no tag matches");
    }

    @Test
    void badInputExitsTwoInOneLine() throws Exception {
        Path repo = tmp.resolve("ok.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            t.commit(snapshot().file("a.c", "int a;\n"));
        }
        for (String[] args : List.of(new String[] {"scan", repo.toString(), "--rev", "nope", "--no-store"},
                new String[] {"scan", repo.toString(), "--bogus-option"},
                new String[] {"history", repo.toString(), "--every", "fortnight", "--no-store"},
                new String[] {"scan", repo.toString(), "--format", "xml", "--no-store"})) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(Main.EXIT_USAGE);
            assertOneLine(r);
        }
    }

    @Test
    void anIllegalArgumentFromInsideIsABugExitSeventyNeverBadInput() {
        Cli.Result r = runThrowing(() -> new IllegalArgumentException("row has 3 cells, expected 4"));

        assertThat(r.exit()).isEqualTo(Main.EXIT_INTERNAL);
        assertOneLine(r);
        assertThat(r.err()).contains("this is a bug").contains("row has 3 cells").contains("OXMETER_DEBUG=1")
                .contains("GitFaultsTest");
    }

    @Test
    void javaErrorsEndInOneLineWithADocumentedCode() {
        Cli.Result oom = runThrowing(() -> new OutOfMemoryError("Java heap space"));
        assertThat(oom.exit()).isEqualTo(Main.EXIT_ENVIRONMENT);
        assertOneLine(oom);
        assertThat(oom.err()).contains("out of memory").contains("-Xmx");

        Cli.Result link = runThrowing(() -> new ExceptionInInitializerError(
                new UnsatisfiedLinkError("no duckdb_java in java.library.path")));
        assertThat(link.exit()).isEqualTo(Main.EXIT_ENVIRONMENT);
        assertOneLine(link);
        assertThat(link.err()).contains("native library cannot be loaded").contains("no duckdb_java");

        for (Supplier<Throwable> bug : List.<Supplier<Throwable>>of(() -> new NoClassDefFoundError("dev/x/Y"),
                () -> new ExceptionInInitializerError(new NullPointerException("catalog")),
                () -> new StackOverflowError(), () -> new IllegalStateException("facts missing"))) {
            Cli.Result r = runThrowing(bug);
            assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_INTERNAL);
            assertOneLine(r);
            assertThat(r.err()).contains("this is a bug");
        }
    }

    @Test
    void aStoreLibraryWhoseNativePartCannotLoadIsOneLineExitSeventyOne() throws Exception {
        Path repo = tmp.resolve("ok.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            t.commit(snapshot().file("a.c", "int a;\n"));
        }
        // DuckDB unpacks its JNI library into java.io.tmpdir: a directory that does not exist stops it loading
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp.resolve("no-such-dir"), "-cp", System.getProperty("java.class.path"),
                "dev.oxmeter.cli.Main", "scan", repo.toString(), "--store", tmp.resolve("s.duckdb").toString(), "-q")
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(err).isEqualTo(Main.EXIT_ENVIRONMENT);
        assertThat(err.strip().lines().count()).as(err).isEqualTo(1);
        assertThat(err).startsWith("oxmeter: a native library cannot be loaded").contains("--no-store");
        assertThat(out).isEmpty();
    }

    /** Runs a command that throws what {@code failure} makes, through oxmeter's own command line. */
    private static Cli.Result runThrowing(Supplier<Throwable> failure) {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("fail", new Failing(failure));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("fail");
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @CommandLine.Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        private final Supplier<Throwable> failure;

        Failing(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            Throwable t = failure.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (Exception) t;
        }
    }
}
