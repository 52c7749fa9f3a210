package dev.oxmeter.cli;

import static dev.oxmeter.source.GitCli.commitAll;
import static dev.oxmeter.source.GitCli.git;
import static dev.oxmeter.source.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxmeter.people.PeopleFixture;
import dev.oxmeter.source.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promises of {@code people} and {@code fixes} about their store: a warm store prints exactly what a fresh run
 * prints, also after the repository changed under it (shallow, unshallowed, a blob lost and restored, re-created
 * at the same path).
 */
class PeopleTrustTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsGit() {
        assumeTrue(GitCli.available(), "git is not on PATH");
    }

    @Test
    void aWarmStorePrintsExactlyWhatANoStoreRunPrints() throws Exception {
        Path repo = tmp.resolve("fixture.git");
        PeopleFixture.build(repo);
        String store = tmp.resolve("s.duckdb").toString();
        for (String[] args : new String[][] {
                {"people", repo.toString(), "--tags", "v*", "--format", "json"},
                {"people", repo.toString(), "--range", "v1..v2", "--format", "csv"},
                {"people", repo.toString(), "--lang", "c", "--revs", "v2,v1", "--format", "md"},
                {"fixes", repo.toString(), "--tags", "v*", "--format", "csv"}}) {
            String fresh = ok(Cli.run(with(args, "--no-store"))).out();
            String cold = ok(Cli.run(with(args, "--store", store))).out();
            String warm = ok(Cli.run(with(args, "--store", store))).out();
            assertThat(cold).isEqualTo(fresh);
            assertThat(warm).isEqualTo(fresh);
        }
    }

    @Test
    void aShallowCloneSaysSoAndTheStoreIsRightAfterUnshallowing() throws Exception {
        Path full = tmp.resolve("full");
        threeCommits(full);
        Path clone = tmp.resolve("clone");
        git(tmp, "clone", "-q", "--depth", "2", "file://" + full.toAbsolutePath(), clone.toString());
        String store = tmp.resolve("s.duckdb").toString();
        Cli.Result shallow = ok(Cli.run("people", clone.toString(), "--range", "..HEAD", "--format", "csv",
                "--store", store));
        assertThat(shallow.err()).contains("the history is shallow");
        assertThat(shallow.out()).contains("carol@example.com").doesNotContain("bob@example.com")
                .doesNotContain("alice@example.com");
        git(clone, "fetch", "-q", "--unshallow");
        Cli.Result after = ok(Cli.run("people", clone.toString(), "--range", "..HEAD", "--format", "csv",
                "--store", store));
        assertThat(after.err()).doesNotContain("shallow");
        assertThat(after.out()).isEqualTo(ok(Cli.run("people", full.toString(), "--range", "..HEAD", "--format",
                "csv", "--no-store")).out());
        assertThat(after.out()).contains(",bob@example.com,1,3,0,");
    }

    @Test
    void aMissingBlobExitsTwoUnlessAllowedAndTheRightNumberAppearsOnceItIsBack() throws Exception {
        Path repo = tmp.resolve("partial");
        threeCommits(repo);
        String blob = git(repo, "rev-parse", "HEAD~1:src/lib.rs").strip();
        Path object = repo.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
        Path aside = tmp.resolve("aside");
        Files.move(object, aside);
        String store = tmp.resolve("s.duckdb").toString();
        String[] people = {"people", repo.toString(), "--range", "..HEAD", "--format", "csv", "--store", store};

        Cli.Result refused = Cli.run(people);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("oxmeter: ").contains("missing").contains("--allow-missing")
                .hasLineCount(1);
        Cli.Result allowed = ok(Cli.run(with(people, "--allow-missing")));
        assertThat(allowed.err()).contains("counted with 0 lines");

        Files.move(aside, object);
        Cli.Result restored = ok(Cli.run(people));
        assertThat(restored.out()).isEqualTo(ok(Cli.run("people", repo.toString(), "--range", "..HEAD", "--format",
                "csv", "--no-store")).out());
        assertThat(restored.out()).contains(",bob@example.com,1,3,0,");
    }

    @Test
    void aRepositoryRecreatedAtTheSamePathWithOtherCommitsIsCountedAfresh() throws Exception {
        Path repo = tmp.resolve("again");
        String store = tmp.resolve("s.duckdb").toString();
        twoCommits(repo, "first");
        ok(Cli.run("people", repo.toString(), "--format", "csv", "--store", store));
        ok(Cli.run("fixes", repo.toString(), "--revs", "HEAD", "--format", "csv", "--store", store));
        deleteTree(repo);
        twoCommits(repo, "second");
        for (String cmd : new String[] {"people", "fixes"}) {
            String[] args = cmd.equals("people") ? new String[] {cmd, repo.toString(), "--format", "csv"}
                    : new String[] {cmd, repo.toString(), "--revs", "HEAD", "--format", "csv"};
            Cli.Result warm = ok(Cli.run(with(args, "--store", store)));
            assertThat(warm.out()).isEqualTo(ok(Cli.run(with(args, "--no-store"))).out());
        }
    }

    @Test
    void theStoredContributionsFollowWhatPeoplePrintsWhenOnlyTheMailmapMoved() throws Exception {
        // the window and the options stay the same while the mailmap read at HEAD renames Bob: the stored rows
        // (which a warm run leaves alone when it counted the same ones) must follow, and stay once unchanged
        Path repo = tmp.resolve("renamed");
        threeCommits(repo);
        git(repo, "tag", "v1", "HEAD~2");
        git(repo, "tag", "v2", "HEAD");
        String store = tmp.resolve("s.duckdb").toString();
        String[] people = {"people", repo.toString(), "--range", "v1..v2", "--mailmap-rev", "HEAD", "--format",
                "csv", "--store", store};
        String query = "SELECT name, email, commits, lines_added FROM contributors ORDER BY email";
        String first = ok(Cli.run(people)).out();
        assertThat(first).contains(",Bob,bob@example.com,1,3,0,");
        assertThat(view(store, query)).isEqualTo(printed(first));

        write(repo, ".mailmap", "Robert <bob@example.com>\n");
        commitAll(repo, "Dave", "dave@example.com", "2020-04-01T00:00:00Z", "mailmap: Bob is Robert");
        for (int run = 0; run < 2; run++) {
            String out = ok(Cli.run(people)).out();
            assertThat(out).contains(",Robert,bob@example.com,1,3,0,").doesNotContain("Bob");
            assertThat(out).isEqualTo(ok(Cli.run("people", repo.toString(), "--range", "v1..v2", "--mailmap-rev",
                    "HEAD", "--format", "csv", "--no-store")).out());
            assertThat(view(store, query)).isEqualTo(printed(out));
        }
    }

    /** name,email,commits,lines_added of each person in people's CSV, sorted by email. */
    private static String printed(String csv) {
        return csv.lines().skip(1).map(l -> l.split(",", -1)).sorted(Comparator.comparing(f -> f[2]))
                .map(f -> String.join(",", f[1], f[2], f[3], f[4])).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String view(String store, String query) {
        return ok(Cli.run("sql", query, "--store", store, "--format", "csv")).out().lines().skip(1)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** alice adds src/lib.rs (10 lines), bob adds 3 lines, carol 2. */
    private void threeCommits(Path dir) throws Exception {
        git(tmp, "init", "-q", dir.toString());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append("fn f").append(i).append("() {}\n");
        }
        write(dir, "src/lib.rs", body.toString());
        commitAll(dir, "Alice", "alice@example.com", "2020-01-01T00:00:00Z", "add lib");
        body.append("fn b1() {}\nfn b2() {}\nfn b3() {}\n");
        write(dir, "src/lib.rs", body.toString());
        commitAll(dir, "Bob", "bob@example.com", "2020-02-01T00:00:00Z", "bob's functions");
        body.append("fn c1() {}\nfn c2() {}\n");
        write(dir, "src/lib.rs", body.toString());
        commitAll(dir, "Carol", "carol@example.com", "2020-03-01T00:00:00Z", "carol's functions");
    }

    private void twoCommits(Path dir, String salt) throws Exception {
        git(tmp, "init", "-q", dir.toString());
        write(dir, "src/lib.rs", "fn a() {} // " + salt + "\n");
        commitAll(dir, "Alice", "alice@example.com", "2020-01-01T00:00:00Z", "add lib " + salt);
        write(dir, "src/lib.rs", "fn a() {} // " + salt + "\nfn b() {}\n");
        commitAll(dir, "Bob", "bob@example.com", "2020-02-01T00:00:00Z",
                "fix b " + salt + "\n\nFixes: 0123456789ab (\"add lib\")\n");
    }

    private static String[] with(String[] args, String... more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }

    private static Cli.Result ok(Cli.Result r) {
        return Cli.Run.ok(r);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
