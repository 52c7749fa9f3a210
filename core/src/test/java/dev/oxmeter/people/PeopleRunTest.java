package dev.oxmeter.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.store.CommitStore;
import dev.oxmeter.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeopleRunTest {
    @TempDir
    static Path tmp;
    static Path dir;

    private static final LanguageCatalog CATALOG = LanguageCatalog.standard();

    @BeforeAll
    static void fixture() throws Exception {
        dir = tmp.resolve("repo.git");
        PeopleFixture.build(dir);
    }

    private static PeopleRun.Options options() {
        return new PeopleRun.Options(List.of(), false, Mailmap.EMPTY, null, Affiliations.EMPTY, TrailerKeys.DEFAULT,
                1);
    }

    private static PeopleRun.Result run(GitRepo repo, CommitFactsCache cache, List<String> tags,
                                        PeopleRun.Options o) {
        List<Revision> revs = tags.stream().map(t -> {
            Revision r = repo.resolve(t);
            return new Revision(t, r.commit(), r.tree(), r.date());
        }).toList();
        return PeopleRun.run(repo, cache, CATALOG, PeopleRun.language(CATALOG, "rust"), PeopleRun.consecutive(revs),
                o, dev.oxmeter.model.Progress.NONE);
    }

    @Test
    void countsContributorsPerWindow() {
        try (GitRepo repo = GitRepo.open(dir)) {
            PeopleReport r = run(repo, new InMemoryCommitFacts(), List.of("v1", "v2"), options()).report();
            assertThat(r.windows()).extracting(PeopleReport.Window::label).containsExactly("..v1", "v1..v2");
            PeopleReport.Window w0 = r.windows().get(0);
            PeopleReport.Window w1 = r.windows().get(1);
            assertThat(w0.contributors()).isEqualTo(3);
            assertThat(w0.newContributors()).isEqualTo(3);
            assertThat(w0.cumulative()).isEqualTo(3);
            assertThat(w0.commits()).isEqualTo(2);
            assertThat(w0.added()).isEqualTo(5);
            assertThat(w0.removed()).isZero();
            assertThat(w0.people()).extracting(PeopleReport.Person::email)
                    .containsExactlyInAnyOrder("alice@example.com", "bob@example.com", "carol@example.com");
            // the mailmap gives Alice's old address her name and new address
            assertThat(w0.people()).extracting(PeopleReport.Person::name).contains("Alice Liddell");
            assertThat(w0.credits()).singleElement().satisfies(c -> {
                assertThat(c.email()).isEqualTo("dave@example.com");
                assertThat(c.roles()).containsEntry("Reviewed-by", 1);
            });

            assertThat(w1.contributors()).isEqualTo(2);
            assertThat(w1.newContributors()).isEqualTo(1);
            assertThat(w1.cumulative()).isEqualTo(4);
            assertThat(w1.commits()).isEqualTo(2); // rename by Alice, Grace's branch commit; not Eve, Frank, merge
            assertThat(w1.added()).isEqualTo(2);
            assertThat(w1.removed()).isEqualTo(1);
            assertThat(w1.people()).extracting(PeopleReport.Person::email)
                    .containsExactlyInAnyOrder("Alice@Example.com", "grace@example.com");
            PeopleReport.Person alice = w1.people().stream().filter(p -> p.name().equals("Alice Liddell"))
                    .findFirst().orElseThrow();
            assertThat(alice.isNew()).isFalse();
            assertThat(alice.firstWindow()).isEqualTo("..v1");
            PeopleReport.Person grace = w1.people().stream().filter(p -> p.name().equals("Grace")).findFirst()
                    .orElseThrow();
            assertThat(grace.isNew()).isTrue();
            assertThat(grace.firstWindow()).isEqualTo("v1..v2");
            assertThat(w1.credits()).singleElement().satisfies(c -> assertThat(c.roles()).containsEntry("Acked-by", 1));
            assertThat(w1.employers()).extracting(PeopleReport.Employer::name).containsExactly("example.com");
        }
    }

    @Test
    void renamesAreDetectedAndMergesCarryNoFiles() {
        try (GitRepo repo = GitRepo.open(dir)) {
            InMemoryCommitFacts cache = new InMemoryCommitFacts();
            run(repo, cache, List.of("v2"), options());
            assertThat(cache.size()).isEqualTo(7);
            List<CommitFacts.FileFact> rust = cache.touching("Rust").stream().flatMap(c -> c.files().stream())
                    .toList();
            assertThat(rust).anySatisfy(f -> {
                assertThat(f.change()).isEqualTo("RENAME");
                assertThat(f.oldPath()).isEqualTo("rust/foo.rs");
                assertThat(f.path()).isEqualTo("rust/bar.rs");
                assertThat(f.added()).isEqualTo(1);
                assertThat(f.removed()).isEqualTo(1);
            });
            assertThat(cache.touching("Rust")).noneMatch(CommitFacts::isMerge);
            assertThat(cache.touching("C")).extracting(c -> c.author().name()).containsExactlyInAnyOrder("alice",
                    "Frank");
        }
    }

    @Test
    void vendoredFilesCountWithIncludeVendored() {
        try (GitRepo repo = GitRepo.open(dir)) {
            PeopleRun.Options o = new PeopleRun.Options(List.of(), true, Mailmap.EMPTY, null, Affiliations.EMPTY,
                    TrailerKeys.DEFAULT, 2);
            PeopleReport.Window w1 = run(repo, new InMemoryCommitFacts(), List.of("v1", "v2"), o).report()
                    .windows().get(1);
            assertThat(w1.contributors()).isEqualTo(3);
            assertThat(w1.people()).extracting(PeopleReport.Person::name).contains("Eve");
        }
    }

    @Test
    void userExcludesAndEmployerMap() {
        try (GitRepo repo = GitRepo.open(dir)) {
            Affiliations aff = Affiliations.parse("grace@example.com Acme Corp\n", "test");
            PeopleRun.Options o = new PeopleRun.Options(List.of("rust/foo.rs"), false, Mailmap.EMPTY, null, aff,
                    TrailerKeys.DEFAULT, 1);
            PeopleReport r = run(repo, new InMemoryCommitFacts(), List.of("v1", "v2"), o).report();
            assertThat(r.windows().get(0).contributors()).isZero();
            assertThat(r.windows().get(1).employers()).extracting(PeopleReport.Employer::name)
                    .containsExactlyInAnyOrder("Acme Corp", "example.com");
        }
    }

    @Test
    void userMailmapWinsAndCoAuthorKeysAreConfigurable() {
        try (GitRepo repo = GitRepo.open(dir)) {
            Mailmap user = Mailmap.parseStrict("Bob <bob@example.com> <carol@example.com>\n", "user");
            PeopleRun.Options o = new PeopleRun.Options(List.of(), false, user, null, Affiliations.EMPTY,
                    TrailerKeys.DEFAULT, 1);
            assertThat(run(repo, new InMemoryCommitFacts(), List.of("v1"), o).report().windows().get(0)
                    .contributors()).isEqualTo(2);
            PeopleRun.Options noCo = new PeopleRun.Options(List.of(), false, Mailmap.EMPTY, null, Affiliations.EMPTY,
                    new TrailerKeys(Set.of("Co-authored-by"), TrailerKeys.DEFAULT.roleKeys()), 1);
            assertThat(run(repo, new InMemoryCommitFacts(), List.of("v1"), noCo).report().windows().get(0)
                    .contributors()).isEqualTo(2);
        }
    }

    @Test
    void factsAreStoredOnceAndReused() {
        Path file = tmp.resolve("store-" + System.nanoTime() + ".duckdb");
        try (GitRepo repo = GitRepo.open(dir)) {
            PeopleReport first;
            try (Store store = Store.open(file, m -> { })) {
                CommitStore cs = CommitStore.open(store, CommitStore.factsVersion(CATALOG), m -> { });
                PeopleRun.Result r = run(repo, cs, List.of("v1", "v2"), options());
                assertThat(r.walk().read()).isEqualTo(7);
                first = r.report();
                assertThat(cs.size()).isEqualTo(7);
            }
            try (Store store = Store.open(file, m -> { })) {
                CommitStore cs = CommitStore.open(store, CommitStore.factsVersion(CATALOG), m -> { });
                PeopleRun.Result r = run(repo, cs, List.of("v1", "v2"), options());
                assertThat(r.walk().read()).isZero();
                assertThat(r.report()).isEqualTo(first);
            }
            List<String> notices = new ArrayList<>();
            try (Store store = Store.open(file, m -> { })) {
                CommitStore cs = CommitStore.open(store, "other-version", notices::add);
                assertThat(cs.size()).isZero();
                assertThat(notices).singleElement().asString().contains("recomputing");
            }
        }
    }

    @Test
    void emptyRangeAndUnknownLanguageAreOneLineErrors() {
        try (GitRepo repo = GitRepo.open(dir)) {
            Revision v1 = repo.resolve("v1");
            Contributions.WindowSpec empty = new Contributions.WindowSpec(v1.commit(), "v1",
                    new Revision("v1", v1.commit(), v1.tree(), v1.date()), true);
            assertThatThrownBy(() -> PeopleRun.run(repo, new InMemoryCommitFacts(), CATALOG,
                    PeopleRun.language(CATALOG, "Rust"), List.of(empty), options(),
                    dev.oxmeter.model.Progress.NONE))
                    .isInstanceOf(OxmeterException.class).hasMessage("window v1..v1 is empty: every commit reachable "
                            + "from v1 is reachable from v1");
        }
        assertThatThrownBy(() -> PeopleRun.language(CATALOG, "rusty")).isInstanceOf(OxmeterException.class)
                .hasMessageStartingWith("unknown language 'rusty' (try: Rust, C");
        assertThat(PeopleRun.language(CATALOG, "RUST").name()).isEqualTo("Rust");
    }

    // ---- independent recount with git itself ----------------------------------------------------------------

    record Recount(Set<String> people, int commits, long added, long removed) {
    }

    @Test
    void equalsAnIndependentRecountWithGitLog() throws Exception {
        assumeTrue(gitAvailable(), "git is not on PATH");
        try (GitRepo repo = GitRepo.open(dir)) {
            PeopleReport r = run(repo, new InMemoryCommitFacts(), List.of("v1", "v2"), options()).report();
            Recount w0 = recount("v1");
            Recount w1 = recount("v1..v2");
            Recount before1 = w0;
            Recount all = recount("v2");
            check(r.windows().get(0), w0, Set.of(), recount("v1"));
            check(r.windows().get(1), w1, before1.people(), all);
        }
    }

    private static void check(PeopleReport.Window w, Recount window, Set<String> before, Recount cumulative) {
        Set<String> ours = new HashSet<>();
        w.people().forEach(p -> ours.add(p.email().toLowerCase(Locale.ROOT)));
        assertThat(ours).isEqualTo(window.people());
        assertThat(w.commits()).isEqualTo(window.commits());
        assertThat(w.added()).isEqualTo(window.added());
        assertThat(w.removed()).isEqualTo(window.removed());
        Set<String> fresh = new HashSet<>(window.people());
        fresh.removeAll(before);
        assertThat(w.newContributors()).isEqualTo(fresh.size());
        assertThat(w.cumulative()).isEqualTo(cumulative.people().size());
    }

    private static Recount recount(String range) throws Exception {
        String out = git("log", "--no-merges", "--use-mailmap", "--numstat",
                "--format=@@%H%x09%aE%x09%(trailers:key=Co-developed-by,key=Co-authored-by,valueonly,separator=%x1f)",
                range);
        Set<String> people = new HashSet<>();
        int commits = 0;
        long added = 0;
        long removed = 0;
        List<String> commitPeople = new ArrayList<>();
        boolean counts = false;
        Map<String, String> mapped = new HashMap<>();
        List<String> lines = new ArrayList<>(List.of(out.split("\n")));
        lines.add("@@end");
        for (String line : lines) {
            if (line.startsWith("@@")) {
                if (counts) {
                    commits++;
                    people.addAll(commitPeople);
                }
                counts = false;
                commitPeople = new ArrayList<>();
                if (line.equals("@@end")) {
                    break;
                }
                String[] f = line.substring(2).split("\t", -1);
                commitPeople.add(f[1].toLowerCase(Locale.ROOT));
                if (f.length > 2 && !f[2].isBlank()) {
                    for (String co : f[2].split("\u001f")) {
                        String m = mapped.computeIfAbsent(co.strip(), PeopleRunTest::checkMailmap);
                        commitPeople.add(m.substring(m.indexOf('<') + 1, m.indexOf('>')).toLowerCase(Locale.ROOT));
                    }
                }
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            String path = f[2].replaceAll("\\{[^{}]* => ([^{}]*)\\}", "$1").replaceAll("^.* => ", "")
                    .replace("//", "/");
            if (path.endsWith(".rs") && !path.startsWith("vendor/")) {
                counts = true;
                added += Long.parseLong(f[0]);
                removed += Long.parseLong(f[1]);
            }
        }
        return new Recount(people, commits, added, removed);
    }

    private static String checkMailmap(String who) {
        try {
            return git("check-mailmap", who).strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean gitAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + dir, "-c", "diff.renames=true"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", args, err).isZero();
        return out;
    }
}
