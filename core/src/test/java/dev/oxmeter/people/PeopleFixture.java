package dev.oxmeter.people;

import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;

/**
 * A small history for the people features, two tags, two windows:
 *
 * <pre>
 * ..v1      c1 Alice (old address, mailmapped)  adds rust/foo.rs, src/a.c, .mailmap
 *           c2 Bob, Co-developed-by Carol, Reviewed-by Dave   modifies rust/foo.rs
 * v1..v2    c3 Alice (new address)  renames rust/foo.rs to rust/bar.rs and edits it
 *           c4 Eve   touches only vendor/x.rs (vendored: does not count)
 *           c5 Frank touches only src/a.c (C, not Rust)
 *           g1 Grace on a side branch from c3, edits rust/bar.rs, Acked-by Dave
 *           m  Mallory merges g1 (a merge: does not count)
 * </pre>
 *
 * Rust: ..v1 has 3 contributors (Alice, Bob, Carol), all new, 2 commits; v1..v2 has 2 (Alice, Grace), 1 new
 * (Grace), cumulative 4, 2 commits.
 */
public final class PeopleFixture {
    public static final String MAILMAP = "Alice Liddell <alice@example.com> <alice@old.example>\n";
    static final String FOO = "fn a() {}\nfn b() {}\nfn c() {}\n";

    private PeopleFixture() {
    }

    /** Builds the fixture as a bare repository in {@code dir}. */
    public static void build(Path dir) throws Exception {
        try (TestRepos r = TestRepos.bare(dir)) {
            r.commit(TestRepos.snapshot().file(".mailmap", MAILMAP).file("rust/foo.rs", FOO)
                    .file("src/a.c", "int a;\n").author("alice", "alice@old.example")
                    .message("rust: add foo\n\nSigned-off-by: alice <alice@old.example>\n"));
            r.commit(TestRepos.snapshot().file(".mailmap", MAILMAP).file("rust/foo.rs", FOO + "fn d() {}\nfn e() {}\n")
                    .file("src/a.c", "int a;\n").author("Bob", "bob@example.com")
                    .message("rust: foo: add d and e\n\nMore functions.\n\n"
                            + "Co-developed-by: Carol <carol@example.com>\nSigned-off-by: Carol <carol@example.com>\n"
                            + "Reviewed-by: Dave <dave@example.com>\nSigned-off-by: Bob <bob@example.com>\n"));
            r.tag("v1");
            String bar = FOO + "fn d() {}\nfn e2() {}\n";
            String c3 = r.commit(TestRepos.snapshot().file(".mailmap", MAILMAP).file("rust/bar.rs", bar)
                    .file("src/a.c", "int a;\n").author("Alice Liddell", "Alice@Example.com")
                    .message("rust: rename foo to bar\n"));
            r.commit(TestRepos.snapshot().file(".mailmap", MAILMAP).file("rust/bar.rs", bar)
                    .file("vendor/x.rs", "fn vendored() {}\n").file("src/a.c", "int a;\n")
                    .author("Eve", "eve@example.com").message("vendor: add x\n"));
            r.commit(TestRepos.snapshot().file(".mailmap", MAILMAP).file("rust/bar.rs", bar)
                    .file("vendor/x.rs", "fn vendored() {}\n").file("src/a.c", "int a;\nint b;\n")
                    .author("Frank", "frank@example.com").message("c: add b\n"));
            String grace = bar + "fn g() {}\n";
            String g1 = r.commitOn(c3, TestRepos.snapshot().file(".mailmap", MAILMAP).file("rust/bar.rs", grace)
                    .file("src/a.c", "int a;\n").author("Grace", "grace@example.com")
                    .message("rust: bar: add g\n\nAcked-by: Dave <dave@example.com>\n"
                            + "Signed-off-by: Grace <grace@example.com>\n"));
            r.merge(g1, TestRepos.snapshot().file(".mailmap", MAILMAP).file("rust/bar.rs", grace)
                    .file("vendor/x.rs", "fn vendored() {}\n").file("src/a.c", "int a;\nint b;\n")
                    .author("Mallory", "mallory@example.com").message("Merge branch 'grace'\n"));
            r.tag("v2");
        }
    }
}
