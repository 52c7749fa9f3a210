package dev.oxmeter.aggregate;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.facts.BlobAnalyses;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Rows;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositionEngineTest {
    @TempDir
    Path tmp;

    private static CompositionEngine engine(GitRepo repo, ScanOptions options, FactsCache cache) {
        return new CompositionEngine(repo, new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all()), cache,
                options, 2, Progress.NONE, added -> { }, dev.oxmeter.facts.FactsLookup.NONE);
    }

    @Test
    void everyEntryLandsInExactlyOneRowAndTotalsReconcile() throws Exception {
        byte[] binary = new byte[] {'P', 'N', 'G', 0, 1, 2, 3};
        byte[] huge = "x\n".repeat(600).getBytes();
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            t.commit(snapshot()
                    .file("main.c", "int main(void)\n{\n\treturn 0;\n}\n")
                    .file("lib.rs", "fn f() {}\n\nfn g() {}\n")
                    .file("vendor/dep.c", "int dep;\n")
                    .file("rust/syn/lib.rs", "pub fn syn() {}\n")
                    .file("gen/out.c", "int generated;\n")
                    .file("logo.png", binary)
                    .file("big.txt", huge)
                    .file(".gitattributes", "gen/** linguist-generated\n")
                    .symlink("link.c", "main.c")
                    .submodule("third/sub"));
            try (GitRepo repo = GitRepo.open(t.dir())) {
                Revision head = repo.resolve("HEAD");
                Composition c = engine(repo, new ScanOptions(1000, List.of(), false), new FactsCache())
                        .compose(List.of(head)).get(head);
                assertThat(c.row("C").files()).isEqualTo(1);
                assertThat(c.row("C").lines()).isEqualTo(4);
                assertThat(c.row("Rust").files()).isEqualTo(1);
                assertThat(c.row("Rust").lines()).isEqualTo(3);
                assertThat(c.row("Rust").blank()).isEqualTo(1);
                assertThat(c.row(Rows.EXCLUDED).files()).as("vendor/, rust/syn/, linguist-generated").isEqualTo(3);
                assertThat(c.row(Rows.EXCLUDED).lines()).isEqualTo(3);
                assertThat(c.row(Rows.BINARY).files()).isEqualTo(1);
                assertThat(c.row(Rows.BINARY).bytes()).isEqualTo(binary.length);
                assertThat(c.row(Rows.TOO_LARGE).files()).isEqualTo(1);
                assertThat(c.row(Rows.TOO_LARGE).bytes()).isEqualTo(huge.length);
                assertThat(c.row(Rows.SYMLINKS).files()).isEqualTo(1);
                assertThat(c.row(Rows.SUBMODULES).files()).isEqualTo(1);
                assertThat(c.total().files()).isEqualTo(10);
            }
        }
    }

    @Test
    void includeVendoredAndUserExcludes() throws Exception {
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            t.commit(snapshot()
                    .file("src/a.c", "int a;\n")
                    .file("vendor/dep.c", "int dep;\nint more;\n")
                    .file("tests/t.c", "int t;\n")
                    .file("keep/vendor/x.c", "int x;\n")
                    .file(".gitattributes", "keep/** -linguist-vendored\n"));
            try (GitRepo repo = GitRepo.open(t.dir())) {
                Revision head = repo.resolve("HEAD");
                Composition all = engine(repo, new ScanOptions(1 << 20, List.of(), true), new FactsCache())
                        .compose(List.of(head)).get(head);
                assertThat(all.row("C").files()).isEqualTo(4);
                assertThat(all.row(Rows.EXCLUDED).files()).isZero();

                Composition some = engine(repo, new ScanOptions(1 << 20, List.of("tests/"), false), new FactsCache())
                        .compose(List.of(head)).get(head);
                assertThat(some.row("C").files()).as("src/a.c and keep/vendor/x.c (attribute unset)").isEqualTo(2);
                assertThat(some.row(Rows.EXCLUDED).files()).isEqualTo(2);
                assertThat(some.row(Rows.EXCLUDED).lines()).isEqualTo(3);
            }
        }
    }

    @Test
    void linguistLanguageOverrides() throws Exception {
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            t.commit(snapshot()
                    .file("x.inc", "fn main() {}\n")
                    .file(".gitattributes", "*.inc linguist-language=Rust\n"));
            try (GitRepo repo = GitRepo.open(t.dir())) {
                Revision head = repo.resolve("HEAD");
                Composition c = engine(repo, ScanOptions.DEFAULTS, new FactsCache()).compose(List.of(head)).get(head);
                assertThat(c.row("Rust").files()).isEqualTo(1);
            }
        }
    }

    @Test
    void historyCostFollowsUniqueContent() throws Exception {
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            TestRepos.Snapshot s = snapshot();
            for (int d = 0; d < 20; d++) {
                for (int f = 0; f < 10; f++) {
                    s.file("dir" + d + "/f" + f + ".c", "int v" + d + "_" + f + ";\n");
                }
            }
            t.commit(s);
            t.lightweightTag("v1");
            s.file("dir0/f0.c", "int changed;\nint more;\n");
            t.commit(s);
            t.lightweightTag("v2");
            try (GitRepo repo = GitRepo.open(t.dir())) {
                List<Revision> revs = List.of(repo.resolve("v1"), repo.resolve("v2"));
                CompositionEngine e = engine(repo, ScanOptions.DEFAULTS, new FactsCache());
                Map<Revision, Composition> out = e.compose(revs);
                assertThat(out.get(revs.get(0)).row("C").lines()).isEqualTo(200);
                assertThat(out.get(revs.get(1)).row("C").lines()).isEqualTo(201);
                EngineStats st = e.stats();
                assertThat(st.blobsRead()).as("200 files + 1 changed").isEqualTo(201);
                assertThat(st.fileEntries()).isEqualTo(400);
                assertThat(st.subtreesReused()).as("19 unchanged directories in v2").isEqualTo(19);
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} contents, packed: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"150, false", "1500, false", "1500, true"})
    void aBlobUnderTwoLanguagesIsReadOnceAndCountedAsEach(int contents, boolean packed) throws Exception {
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            TestRepos.Snapshot s = snapshot();
            // each content as Python (a comment and a code line) and as C (two code lines): 300 keys span more than
            // one reader's chunk; 3,000 are read in storage order, from a pack or (loose) in object-id order
            for (int f = 0; f < contents; f++) {
                s.file("py/f" + f + ".py", "# " + f + "\nx\n");
                s.file("c/f" + f + ".c", "# " + f + "\nx\n");
            }
            t.commit(s);
            if (packed) {
                dev.oxmeter.source.GitCli.git(t.dir(), "gc", "-q");
            }
            try (GitRepo repo = GitRepo.open(t.dir())) {
                Revision head = repo.resolve("HEAD");
                CompositionEngine e = engine(repo, ScanOptions.DEFAULTS, new FactsCache());
                Composition c = e.compose(List.of(head)).get(head);
                assertThat(c.row("Python").files()).isEqualTo(contents);
                assertThat(c.row("Python").comment()).isEqualTo(contents);
                assertThat(c.row("Python").code()).isEqualTo(contents);
                assertThat(c.row("C").files()).isEqualTo(contents);
                assertThat(c.row("C").code()).isEqualTo(2L * contents);
                assertThat(e.stats().blobsRead()).as("each content read once").isEqualTo(contents);
            }
        }
    }

    @Test
    void batchesReadWhileTheNextIsWalkedComposeAsOneBatchDoes() throws Exception {
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            TestRepos.Snapshot s = snapshot()
                    .file(".gitattributes", "gen/** linguist-generated\n")
                    .file("gen/out.c", "int g;\n")
                    .file("vendor/lib.c", "int v;\n")
                    .file("src/.gitattributes", "*.h linguist-language=C++\n")
                    .file("src/a.h", "class A {};\n")
                    .file("src/main.rs", "fn main() {}\n");
            for (int d = 0; d < 6; d++) {
                s.file("d" + d + "/f.c", "int d" + d + ";\n");
            }
            for (int v = 1; v <= 6; v++) {
                // each release changes one directory, moves a file under another attribute layer, and returns to
                // content an earlier release had, so later batches meet subtrees and blobs of earlier ones
                s.file("d" + (v % 6) + "/f.c", "int d;\n// v" + v + "\n");
                s.file((v % 2 == 0 ? "src/" : "gen/") + "m.rs", "fn m() {}\n");
                s.file("d5/f.c", v % 3 == 0 ? "int d5;\n" : "int d5x;\n");
                t.commit(s);
                t.lightweightTag("v" + v);
            }
            try (GitRepo repo = GitRepo.open(t.dir())) {
                List<Revision> revs = new ArrayList<>();
                for (int v = 1; v <= 6; v++) {
                    revs.add(repo.resolve("v" + v));
                }
                CompositionEngine one = engine(repo, ScanOptions.DEFAULTS, new FactsCache());
                Map<Revision, Composition> whole = one.compose(revs);
                // one revision per batch: batch N+1 is walked while batch N is read, before N is composed
                CompositionEngine many = engine(repo, ScanOptions.DEFAULTS, new FactsCache()).withBatchLimits(1, 1);
                Map<Revision, Composition> batched = many.compose(revs);
                assertThat(batched).isEqualTo(whole);
                // gen/out.c and gen/m.rs (generated by the root layer), vendor/lib.c (vendored)
                assertThat(whole.get(revs.get(5)).row(Rows.EXCLUDED).files()).isEqualTo(3);
                assertThat(whole.get(revs.get(5)).row("C++").files()).isEqualTo(1);
                EngineStats a = one.stats();
                EngineStats b = many.stats();
                assertThat(b.blobsRead()).isEqualTo(a.blobsRead());
                assertThat(b.subtreesReused()).isEqualTo(a.subtreesReused()).isPositive();
                assertThat(b.fileEntries()).isEqualTo(a.fileEntries());
            }
        }
    }

    @Test
    void composingFromTheWalksClassificationEqualsFoldingEveryEntry() throws Exception {
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            TestRepos.Snapshot s = snapshot()
                    .file(".gitattributes", "gen/** linguist-generated\n*.inc linguist-language=Rust\n")
                    .file("gen/out.c", "int g;\n")
                    .file("vendor/lib.c", "int v;\n")
                    .file("rust/helpers/a.c", "__rust_helper int rust_helper_a(void)\n{\n\treturn 0;\n}\n")
                    .file("rust/kernel/x.rs", "// SAFETY: fine\nunsafe { f() }\nunsafe { g() }\n")
                    .file("src/x.inc", "unsafe fn z() {}\n")
                    .file("docs/caf\u00e9 \u00fc.md", "# t\n")
                    .file("logo.png", new byte[] {'P', 'N', 'G', 0, 1})
                    .file("big.txt", "x\n".repeat(600))
                    .symlink("link.c", "gen/out.c")
                    .submodule("third/sub");
            for (int v = 1; v <= 4; v++) {
                s.file("d" + (v % 3) + "/f.c", "int d;\n// v" + v + "\n");
                s.file("rust/kernel/v.rs", "unsafe { v" + (v % 2) + "() }\n");
                t.commit(s);
                t.lightweightTag("v" + v);
            }
            try (GitRepo repo = GitRepo.open(t.dir())) {
                List<Revision> revs = new ArrayList<>();
                for (int v = 1; v <= 4; v++) {
                    revs.add(repo.resolve("v" + v));
                }
                ScanOptions options = new ScanOptions(1000, List.of(), false);
                FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
                Map<Revision, Composition> composed = engine(repo, options, new FactsCache()).withBatchLimits(1, 1)
                        .compose(revs);
                CompositionEngine reference = engine(repo, options, new FactsCache());
                for (Revision r : revs) {
                    Composition.Builder b = new Composition.Builder();
                    try (ObjectSource src = repo.newObjectSource()) {
                        // the reference: every entry of the revision folded with its facts measured afresh
                        reference.entries(r, e -> CompositionEngine.fold(e, e.detection() == null ? null
                                : CompositionEngine.measure(src, computer, options, e.blob(),
                                        computer.catalog().detection(e.detection()), x -> { }), b));
                    }
                    assertThat(composed.get(r)).as(r.label()).isEqualTo(b.build());
                }
                Composition last = composed.get(revs.get(3));
                assertThat(last.metrics()).as("Rust and C helper metrics are summed").isNotEmpty();
                assertThat(last.row(Rows.EXCLUDED).files()).isEqualTo(2);
                assertThat(last.row("Markdown").files()).isEqualTo(1);
                assertThat(last.total().files()).isEqualTo(15);
            }
        }
    }

    @Test
    void filesListsEveryEntryWithItsRow() throws Exception {
        try (TestRepos t = TestRepos.bare(tmp.resolve("r.git"))) {
            t.commit(snapshot().file("a/b.c", "x;\n").file("vendor/v.c", "y;\n").symlink("l", "a/b.c"));
            try (GitRepo repo = GitRepo.open(t.dir())) {
                List<FileRow> rows = new ArrayList<>();
                engine(repo, ScanOptions.DEFAULTS, new FactsCache()).files(repo.resolve("HEAD"), rows::add);
                assertThat(rows).extracting(FileRow::path).containsExactly("a/b.c", "l", "vendor/v.c");
                assertThat(rows).extracting(FileRow::row).containsExactly("C", Rows.SYMLINKS, Rows.EXCLUDED);
                assertThat(rows.get(2).exclusion()).isEqualTo(ExclusionReason.VENDORED);
            }
        }
    }

    @Test
    void pathGlobSemantics() {
        assertThat(PathGlob.compile("vendor").matches("a/vendor/x.c")).isTrue();
        assertThat(PathGlob.compile("vendor").matches("vendor")).isTrue();
        assertThat(PathGlob.compile("vendor").matches("vendored/x.c")).isFalse();
        assertThat(PathGlob.compile("*.min.js").matches("web/app.min.js")).isTrue();
        assertThat(PathGlob.compile("rust/syn/").matches("rust/syn/lib.rs")).isTrue();
        assertThat(PathGlob.compile("rust/syn/").matches("x/rust/syn/lib.rs")).isFalse();
        assertThat(PathGlob.compile("drivers/*/foo.c").matches("drivers/net/foo.c")).isTrue();
        assertThat(PathGlob.compile("drivers/*/foo.c").matches("drivers/net/x/foo.c")).isFalse();
        assertThat(PathGlob.compile("drivers/**/foo.c").matches("drivers/net/x/foo.c")).isTrue();
        assertThat(PathGlob.compile("drivers/**/foo.c").matches("drivers/foo.c")).isTrue();
        assertThat(PathGlob.compile("[ab].c").matches("x/a.c")).isTrue();
        // the string fast paths agree with gitignore semantics at the edges
        assertThat(PathGlob.compile("vendor").matches("vendor/x")).isTrue();
        assertThat(PathGlob.compile("vendor").matches("a/xvendor/x")).isFalse();
        assertThat(PathGlob.compile("vendor").matches("a/vendorx")).isFalse();
        assertThat(PathGlob.compile("*.min.js").matches(".min.js")).isTrue();
        assertThat(PathGlob.compile("*.min.js").matches("a.min.js/inner.c")).isTrue();
        assertThat(PathGlob.compile("*.min.js").matches("a/min.js")).isFalse();
        assertThat(PathGlob.compile("*_generated.rs").matches("rust/bindings/bindings_generated.rs")).isTrue();
        assertThat(PathGlob.compile("rust/syn").matches("rust/syntax/x.rs")).isFalse();
        assertThat(PathGlob.compile("rust/syn").matches("rust/syn")).isTrue();
        assertThat(PathGlob.compile("/top").matches("top/x")).isTrue();
        assertThat(PathGlob.compile("/top").matches("a/top/x")).isFalse();
    }
}
