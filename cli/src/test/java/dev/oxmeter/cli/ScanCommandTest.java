package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void history() throws Exception {
        repo = tmp.resolve("r.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            t.commit(snapshot().file("a.c", "int a;\n\nint b;\n").file("src/lib.rs", "fn f() {}\n"));
            t.tag("v1");
            t.commit(snapshot().file("a.c", "int a;\n").file("src/lib.rs", "fn f() {}\nfn g() {}\n")
                    .file("vendor/x.c", "int x;\n"));
            t.treeTag("treetag");
        }
    }

    @Test
    void csvByLanguageStartsWithTheDocumentedHeader() {
        Cli.Result r = Cli.run("scan", repo.toString(), "--format", "csv", "--no-store");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("language,files,lines,code,comment,blank");
        assertThat(r.out()).contains("\nC,1,1,").contains("\nRust,1,2,").contains("\n(excluded),1,1,");
    }

    @Test
    void revisionsTagsAndTreesResolve() {
        Cli.Result r = Cli.run("scan", repo.toString(), "--rev", "v1", "--format", "csv", "--no-store");
        assertThat(r.out()).contains("\nC,1,3,");
        Cli.Result tree = Cli.run("scan", repo.toString(), "--rev", "treetag", "--format", "json", "--no-store");
        assertThat(tree.exit()).as(tree.err()).isZero();
        assertThat(tree.out()).contains("\"commit\" : null");
        Cli.Result up = Cli.run("scan", repo.toString(), "--rev", "HEAD~1", "--by", "file", "--format", "csv",
                "--no-store");
        assertThat(up.out()).startsWith("path,language,lines").contains("\na.c,C,3,").contains("\nsrc/lib.rs,Rust,1,");
    }

    @Test
    void byDirectoryGroupsToTheGivenDepth() {
        Cli.Result r = Cli.run("scan", repo.toString(), "--by", "directory:1", "--format", "csv", "--no-store");
        assertThat(r.out()).startsWith("directory,language,files").contains("\n.,C,1,").contains("\nsrc,Rust,1,")
                .contains("\nvendor,(excluded),1,");
    }

    @Test
    void tableHasATotalRow() {
        Cli.Result r = Cli.run("scan", repo.toString(), "--no-store");
        assertThat(r.out()).contains("Total").contains("Rust").contains("(excluded)");
    }

    @Test
    void writesAFileWholeWithOut() throws Exception {
        Path out = tmp.resolve("out/result.json");
        Cli.Result r = Cli.run("scan", repo.toString(), "--format", "json", "--no-store", "-o", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(out)).contains("\"rows\"");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badInputGetsOneLineAndNonZeroExit() throws Exception {
        Path notRepo = Files.createDirectories(tmp.resolve("plain"));
        Path empty = tmp.resolve("empty.git");
        TestRepos.bare(empty).close();
        String[][] cases = {
                {"scan", notRepo.toString(), "--no-store"},
                {"scan", tmp.resolve("missing").toString(), "--no-store"},
                {"scan", repo.toString(), "--rev", "nope", "--no-store"},
                {"scan", repo.toString(), "--rev", "HEAD:a.c", "--no-store"},
                {"scan", empty.toString(), "--no-store"},
                {"scan", repo.toString(), "--format", "xml", "--no-store"},
                {"scan", repo.toString(), "--by", "directory:0", "--no-store"},
                {"scan", repo.toString(), "--by", "owner", "--no-store"},
                {"scan", repo.toString(), "--max-blob-size", "lots", "--no-store"},
                {"scan", repo.toString(), "--bogus"},
        };
        for (String[] args : cases) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err()).as(String.join(" ", args)).startsWith("oxmeter: ").doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
        assertThat(Cli.run("scan", notRepo.toString(), "--no-store").err()).contains("not a git repository");
        assertThat(Cli.run("scan", repo.toString(), "--rev", "nope", "--no-store").err())
                .contains("unknown revision 'nope'");
        assertThat(Cli.run("scan", repo.toString(), "--rev", "HEAD:a.c", "--no-store").err()).contains("blob");
        assertThat(Cli.run("scan", empty.toString(), "--no-store").err()).contains("no commits");
    }

    @Test
    void aMissingObjectIsNamed() throws Exception {
        Path r2 = tmp.resolve("corrupt.git");
        String blob = TestRepos.blobId("int lost;\n");
        try (TestRepos t = TestRepos.bare(r2)) {
            t.commit(snapshot().file("lost.c", "int lost;\n"));
            assertThat(t.deleteLooseObject(blob)).isTrue();
        }
        Cli.Result r = Cli.run("scan", r2.toString(), "--no-store");
        assertThat(r.exit()).isEqualTo(Main.EXIT_REPOSITORY);
        assertThat(r.err()).contains(blob).contains("missing");
    }
}
