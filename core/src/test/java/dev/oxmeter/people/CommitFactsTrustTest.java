package dev.oxmeter.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.store.CommitStore;
import dev.oxmeter.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commit side promises when the repository is not a plain full clone: the store never serves a number a
 * fresh run would not compute, and what it cannot know it says. Histories are built with the git command line.
 */
class CommitFactsTrustTest {
    private static final LanguageCatalog CATALOG = LanguageCatalog.standard();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsGit() {
        assumeTrue(gitAvailable(), "git is not on PATH");
    }

    // ---- shallow clones ------------------------------------------------------------------------------------

    @Test
    void aShallowCloneNeverCountsItsBoundaryAsAddingTheWholeTreeAndIsRightAfterUnshallowing() throws Exception {
        Path full = tmp.resolve("full");
        threeCommits(full);
        Path clone = tmp.resolve("clone");
        git(tmp, "clone", "-q", "--depth", "2", "file://" + full.toAbsolutePath(), clone.toString());
        Path storeFile = tmp.resolve("s.duckdb");

        PeopleRun.Result shallow = inStore(storeFile, clone);
        // boundary: bob's commit; only carol's commit (+2 lines) is known
        assertThat(shallow.shallow()).hasSize(1);
        assertThat(CommitHistory.shallowNotice(shallow.shallow())).startsWith("the history is shallow")
                .contains(shallow.shallow().get(0).abbrev(12)).contains("git fetch --unshallow");
        PeopleReport.Window w = shallow.report().windows().get(0);
        assertThat(w.people()).extracting(PeopleReport.Person::email).containsExactly("carol@example.com");
        assertThat(w.added()).isEqualTo(2);
        try (Store store = Store.open(storeFile, m -> { })) {
            CommitStore cs = CommitStore.open(store, CommitStore.factsVersion(CATALOG), m -> { });
            assertThat(cs.isKnown(shallow.shallow().get(0))).as("no facts stored for the boundary").isFalse();
        }

        git(clone, "fetch", "-q", "--unshallow");
        PeopleRun.Result after = inStore(storeFile, clone);
        assertThat(after.shallow()).isEmpty();
        PeopleReport expected = inMemory(full).report();
        assertThat(after.report()).isEqualTo(expected);
        assertThat(expected.windows().get(0).added()).isEqualTo(15);
        assertThat(expected.windows().get(0).contributors()).isEqualTo(3);
    }

    // ---- missing blobs --------------------------------------------------------------------------------------

    @Test
    void aMissingBlobStopsTheRunUnlessAllowedAndItsProvisionalFactsAreNeverStored() throws Exception {
        Path repo = tmp.resolve("partial");
        threeCommits(repo);
        String blob = git(repo, "rev-parse", "HEAD~1:src/lib.rs").strip();
        Path object = repo.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
        Path aside = tmp.resolve("aside");
        Files.move(object, aside);
        Path storeFile = tmp.resolve("s.duckdb");

        assertThatThrownBy(() -> inStore(storeFile, repo, false)).isInstanceOf(OxmeterException.class)
                .hasMessageContaining("missing from the repository").hasMessageContaining("--allow-missing");

        PeopleRun.Result allowed = inStore(storeFile, repo, true);
        assertThat(allowed.walk().missingBlobs()).isPositive();
        Oid bobs = Oid.fromHex(git(repo, "rev-parse", "HEAD~1").strip());
        try (Store store = Store.open(storeFile, m -> { })) {
            CommitStore cs = CommitStore.open(store, CommitStore.factsVersion(CATALOG), m -> { });
            assertThat(cs.isKnown(bobs)).as("provisional facts are not stored").isFalse();
        }

        Files.move(aside, object);
        PeopleRun.Result restored = inStore(storeFile, repo, false);
        assertThat(restored.walk().missingBlobs()).isZero();
        assertThat(restored.report()).isEqualTo(inMemory(repo).report());
        assertThat(restored.report().windows().get(0).added()).isEqualTo(15);
    }

    // ---- a repository re-created at the same path -----------------------------------------------------------

    @Test
    void aRepositoryRebuiltAtTheSamePathWithOtherCommitsGivesTheRightAnswerFromAWarmStore() throws Exception {
        Path repo = tmp.resolve("rebuilt");
        Path storeFile = tmp.resolve("s.duckdb");
        twoCommits(repo, "first");
        PeopleRun.Result before = inStore(storeFile, repo);
        assertThat(before.report().windows().get(0).people()).extracting(PeopleReport.Person::email)
                .containsExactlyInAnyOrder("alice@example.com", "bob@example.com");

        deleteTree(repo);
        twoCommits(repo, "second");
        Files.writeString(repo.resolve("src/lib.rs"), "fn x() {}\n", StandardCharsets.UTF_8);
        commit(repo, "Zoe", "zoe@example.com", "2021-03-01T00:00:00Z", "zoe's change");
        PeopleRun.Result after = inStore(storeFile, repo);
        assertThat(after.report()).isEqualTo(inMemory(repo).report());
        assertThat(after.report().windows().get(0).people()).extracting(PeopleReport.Person::email)
                .containsExactlyInAnyOrder("alice@example.com", "bob@example.com", "zoe@example.com");
    }

    // ---- windows from the stored graph equal git rev-list ----------------------------------------------------

    @Test
    void windowsFromTheCommitGraphEqualGitRevListEvenWithSkewedCommitDates() throws Exception {
        Path repo = tmp.resolve("dag");
        git(tmp, "init", "-q", "--bare", repo.toString());
        String empty = git(repo, "hash-object", "-t", "tree", "-w", "--stdin").strip();
        Random rnd = new Random(42);
        List<String> commits = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            List<String> args = new ArrayList<>(List.of("commit-tree", empty, "-m", "c" + i));
            if (!commits.isEmpty() && (i < 3 || rnd.nextInt(12) != 0)) {
                // mostly recent parents (long chains), sometimes an old one or a second (a merge)
                int n = commits.size();
                args.addAll(List.of("-p", commits.get(Math.max(0, n - 1 - rnd.nextInt(Math.min(n, 6))))));
                if (rnd.nextInt(5) == 0) {
                    String other = commits.get(rnd.nextInt(n));
                    if (!args.contains(other)) {
                        args.addAll(List.of("-p", other));
                    }
                }
            }
            // skewed clocks (a child older than its parent) are where date-ordered walks go wrong
            String date = (1_500_000_000L + rnd.nextInt(1_000_000)) + " +0000";
            commits.add(gitEnv(repo, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date),
                    args.toArray(String[]::new)).strip());
        }
        List<Oid> tips = commits.stream().map(Oid::fromHex).toList();
        CommitGraph graph;
        try (GitRepo r = GitRepo.open(repo)) {
            graph = CommitHistory.update(PeopleRun.walker(r, CATALOG, 2), new InMemoryCommitFacts(), tips, false,
                    Progress.NONE).graph();
        }
        int checked = 0;
        for (int k = 0; k < 60; k++) {
            String a = commits.get(rnd.nextInt(commits.size()));
            String b = commits.get(rnd.nextInt(commits.size()));
            Set<String> expected = lines(git(repo, "rev-list", a + ".." + b));
            CommitGraph.Window w = graph.window(Oid.fromHex(b), Oid.fromHex(a));
            assertThat(hex(w.commits())).as("%s..%s", a, b).isEqualTo(expected);
            boolean ancestor = gitExit(repo, "merge-base", "--is-ancestor", a, b) == 0;
            assertThat(w.startIsAncestor()).as("%s ancestor of %s", a, b).isEqualTo(ancestor);
            assertThat(graph.isAncestor(Oid.fromHex(a), Oid.fromHex(b))).isEqualTo(ancestor);
            assertThat(hex(graph.window(Oid.fromHex(b), null).commits())).isEqualTo(lines(git(repo, "rev-list", b)));
            checked += expected.size();
        }
        assertThat(checked).as("the sample holds non-empty windows").isPositive();
    }

    @Test
    void aWarmRunReadsNoCommitAndPrintsWhatAFreshRunPrints() throws Exception {
        Path repo = tmp.resolve("warm");
        threeCommits(repo);
        Path storeFile = tmp.resolve("s.duckdb");
        PeopleRun.Result cold = inStore(storeFile, repo);
        assertThat(cold.walk().read()).isEqualTo(3);
        AtomicLong steps = new AtomicLong();
        long[] total = {-2};
        Progress p = new Progress() {
            @Override
            public void phase(String name, long t) {
                total[0] = t;
            }

            @Override
            public void step(long n) {
                steps.addAndGet(n);
            }

            @Override
            public void done() {
            }
        };
        PeopleRun.Result warm;
        try (Store store = Store.open(storeFile, m -> { }); GitRepo r = GitRepo.open(repo)) {
            CommitStore cs = CommitStore.open(store, CommitStore.factsVersion(CATALOG), m -> { });
            warm = run(r, cs, false, p);
        }
        assertThat(warm.walk().read()).isZero();
        assertThat(warm.walk().headers()).as("no commit header read again").isZero();
        assertThat(steps.get()).isZero();
        assertThat(warm.report()).isEqualTo(inMemory(repo).report()).isEqualTo(cold.report());
        // a cold run announces its total before reading
        AtomicLong coldSteps = new AtomicLong();
        long[] coldTotal = {-2};
        try (GitRepo r = GitRepo.open(repo)) {
            run(r, new InMemoryCommitFacts(), false, new Progress() {
                @Override
                public void phase(String name, long t) {
                    coldTotal[0] = t;
                }

                @Override
                public void step(long n) {
                    coldSteps.addAndGet(n);
                }

                @Override
                public void done() {
                }
            });
        }
        assertThat(coldTotal[0]).isEqualTo(3);
        assertThat(coldSteps.get()).isEqualTo(3);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** alice adds src/lib.rs (10 lines), bob adds 3 lines, carol 2: 15 lines added in all. */
    private void threeCommits(Path dir) throws Exception {
        git(tmp, "init", "-q", dir.toString());
        Files.createDirectories(dir.resolve("src"));
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append("fn f").append(i).append("() {}\n");
        }
        Files.writeString(dir.resolve("src/lib.rs"), body, StandardCharsets.UTF_8);
        commit(dir, "Alice", "alice@example.com", "2020-01-01T00:00:00Z", "add lib");
        body.append("fn b1() {}\nfn b2() {}\nfn b3() {}\n");
        Files.writeString(dir.resolve("src/lib.rs"), body, StandardCharsets.UTF_8);
        commit(dir, "Bob", "bob@example.com", "2020-02-01T00:00:00Z", "bob's functions");
        body.append("fn c1() {}\nfn c2() {}\n");
        Files.writeString(dir.resolve("src/lib.rs"), body, StandardCharsets.UTF_8);
        commit(dir, "Carol", "carol@example.com", "2020-03-01T00:00:00Z", "carol's functions");
    }

    private void twoCommits(Path dir, String salt) throws Exception {
        git(tmp, "init", "-q", dir.toString());
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/lib.rs"), "fn a() {} // " + salt + "\n", StandardCharsets.UTF_8);
        commit(dir, "Alice", "alice@example.com", "2020-01-01T00:00:00Z", "add lib " + salt);
        Files.writeString(dir.resolve("src/lib.rs"), "fn a() {} // " + salt + "\nfn b() {}\n",
                StandardCharsets.UTF_8);
        commit(dir, "Bob", "bob@example.com", "2020-02-01T00:00:00Z", "add b " + salt);
    }

    private static void commit(Path dir, String name, String email, String date, String message) throws Exception {
        git(dir, "add", "-A");
        gitEnv(dir, Map.of("GIT_AUTHOR_NAME", name, "GIT_AUTHOR_EMAIL", email, "GIT_AUTHOR_DATE", date,
                "GIT_COMMITTER_NAME", name, "GIT_COMMITTER_EMAIL", email, "GIT_COMMITTER_DATE", date),
                "commit", "-q", "-m", message);
    }

    private PeopleRun.Result inStore(Path storeFile, Path repo) {
        return inStore(storeFile, repo, false);
    }

    private PeopleRun.Result inStore(Path storeFile, Path repo, boolean allowMissing) {
        try (Store store = Store.open(storeFile, m -> { }); GitRepo r = GitRepo.open(repo)) {
            CommitStore cs = CommitStore.open(store, CommitStore.factsVersion(CATALOG), m -> { });
            return run(r, cs, allowMissing, Progress.NONE);
        }
    }

    private PeopleRun.Result inMemory(Path repo) {
        try (GitRepo r = GitRepo.open(repo)) {
            return run(r, new InMemoryCommitFacts(), false, Progress.NONE);
        }
    }

    private static PeopleRun.Result run(GitRepo r, CommitFactsCache cache, boolean allowMissing, Progress p) {
        Revision head = r.resolve("HEAD");
        PeopleRun.Options o = new PeopleRun.Options(List.of(), false, Mailmap.EMPTY, null, Affiliations.EMPTY,
                TrailerKeys.DEFAULT, 2, allowMissing);
        return PeopleRun.run(r, cache, CATALOG, PeopleRun.language(CATALOG, "rust"),
                List.of(new Contributions.WindowSpec(null, null, head, true)), o, p);
    }

    private static Set<String> hex(List<Oid> ids) {
        Set<String> out = new HashSet<>();
        ids.forEach(id -> out.add(id.hex()));
        return out;
    }

    private static Set<String> lines(String s) {
        Set<String> out = new HashSet<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static boolean gitAvailable() {
        return dev.oxmeter.source.GitCli.available();
    }

    private static String git(Path dir, String... args) throws Exception {
        return dev.oxmeter.source.GitCli.git(dir, args);
    }

    private static int gitExit(Path dir, String... args) throws Exception {
        return dev.oxmeter.source.GitCli.exit(dir, args);
    }

    private static String gitEnv(Path dir, Map<String, String> env, String... args) throws Exception {
        return dev.oxmeter.source.GitCli.git(dir, env, args);
    }
}
