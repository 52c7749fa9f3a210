package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel-shaped history (facts from KERNEL.md): v6.1 has rust/helpers.c and the kernel crate; v6.12 splits the
 * helpers into rust/helpers/*.c and vendors rust/syn; v7.0 annotates one helper file with __rust_helper; a Rust
 * driver with its own MAINTAINERS entry arrives in v6.12.
 */
class KernelLensTest {
    @TempDir
    Path tmp;
    Path repo;
    Path store;

    static final String MAINTAINERS = """
            List of maintainers

            Descriptions of section entries and preferred order
            \tM: *Mail* patch to: FullName <address@domain>

            Maintainers List
            ----------------

            RUST
            M:\tMiguel Ojeda <ojeda@kernel.org>
            S:\tSupported
            F:\trust/
            X:\trust/syn/

            NOVA CORE DRIVER [RUST]
            M:\tDanilo Krummrich <dakr@kernel.org>
            S:\tSupported
            F:\tdrivers/gpu/nova-core/

            DRM DRIVERS
            S:\tMaintained
            F:\tdrivers/gpu/

            THE REST
            M:\tLinus Torvalds <torvalds@linux-foundation.org>
            S:\tBuggy
            F:\t*
            F:\t*/
            """;

    static final String HELPERS_C = """
            // SPDX-License-Identifier: GPL-2.0
            #include <linux/bug.h>

            __noreturn void rust_helper_BUG(void)
            {
            \tBUG();
            }
            EXPORT_SYMBOL_GPL(rust_helper_BUG);

            void rust_helper_mutex_lock(struct mutex *lock)
            {
            \tmutex_lock(lock);
            }
            EXPORT_SYMBOL_GPL(rust_helper_mutex_lock);
            """;

    static final String KERNEL_RS = """
            // SPDX-License-Identifier: GPL-2.0
            //! The kernel crate.

            /// Frees it.
            ///
            /// # Safety
            ///
            /// `p` must be valid.
            pub unsafe fn free(p: *mut u8) {
                // SAFETY: the caller guarantees `p` is valid.
                unsafe { bindings::kfree(p.cast()) }
            }

            pub fn len(s: &str) -> usize {
                let p = s.as_ptr();
                unsafe { bindings::strlen(p.cast()) }
            }

            // "unsafe { in a comment }" does not count, nor does the string below.
            const S: &str = "unsafe { }";
            """;

    @BeforeEach
    void history() throws Exception {
        repo = tmp.resolve("linux.git");
        store = tmp.resolve("s.duckdb");
        try (TestRepos t = TestRepos.bare(repo)) {
            TestRepos.Snapshot s = snapshot()
                    .file("MAINTAINERS", MAINTAINERS)
                    .file("Makefile", "all:\n\t@true\n")
                    .file("kernel/fork.c", "int fork(void)\n{\n\treturn 0;\n}\n")
                    .file("rust/helpers.c", HELPERS_C)
                    .file("rust/kernel/lib.rs", KERNEL_RS);
            t.commit(s.at("2022-12-11T12:00:00Z"));
            t.tag("v6.1");
            s = snapshot()
                    .file("MAINTAINERS", MAINTAINERS)
                    .file("Makefile", "all:\n\t@true\n")
                    .file("kernel/fork.c", "int fork(void)\n{\n\treturn 0;\n}\n")
                    .file("rust/helpers/helpers.c", "#include \"bug.c\"\n#include \"mutex.c\"\n")
                    .file("rust/helpers/bug.c", "#include <linux/bug.h>\n\n__noreturn void rust_helper_BUG(void)\n{\n\tBUG();\n}\n")
                    .file("rust/helpers/mutex.c", "#include <linux/mutex.h>\n\nvoid rust_helper_mutex_lock(struct mutex *lock)\n{\n\tmutex_lock(lock);\n}\n\nvoid rust_helper_mutex_unlock(struct mutex *lock)\n{\n\tmutex_unlock(lock);\n}\n")
                    .file("rust/kernel/lib.rs", KERNEL_RS)
                    .file("rust/syn/lib.rs", "pub fn parse() { unsafe { core::hint::unreachable_unchecked() } }\n")
                    .file("drivers/gpu/nova-core/driver.rs",
                            "// SPDX-License-Identifier: GPL-2.0\n\nfn probe() -> i32 {\n    0\n}\n");
            t.commit(s.at("2024-11-17T12:00:00Z"));
            t.tag("v6.12");
            s.file("rust/helpers/mutex.c", "#include <linux/mutex.h>\n\n__rust_helper void rust_helper_mutex_lock(struct mutex *lock)\n{\n\tmutex_lock(lock);\n}\n\n__rust_helper void\nrust_helper_mutex_unlock(struct mutex *lock)\n{\n\tmutex_unlock(lock);\n}\n");
            t.commit(s.at("2026-02-08T12:00:00Z").message("rust: helpers: annotate mutex helpers\n\n"
                    + "Fixes: 0123456789ab (\"rust: helpers: add mutex helpers\")\n"
                    + "Signed-off-by: A U Thor <author@example.com>\n"));
            t.tag("v7.0");
        }
    }

    private static List<List<String>> csv(Cli.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return Arrays.stream(r.out().split("\n")).map(l -> List.of(l.split(",", -1))).toList();
    }

    @Test
    void helperAnnotationStepsUpFileByFile() {
        List<List<String>> rows = csv(Cli.run("boundary", repo.toString(), "--tags", "v*", "--format", "csv",
                "--store", store.toString()));
        assertThat(rows.get(0)).startsWith("revision", "date", "helpers", "helpers_annotated");
        assertThat(rows.subList(1, 4)).extracting(r -> r.get(0) + ":" + r.get(2) + "/" + r.get(3))
                .containsExactly("v6.1:2/0", "v6.12:3/0", "v7.0:3/2");
        // bindings:: references in the kernel crate (two calls), stable across releases
        assertThat(rows.subList(1, 4)).extracting(r -> r.get(6)).containsOnly("2");
    }

    @Test
    void helperListAtOneRevision() {
        List<List<String>> all = csv(Cli.run("boundary", repo.toString(), "--rev", "v7.0", "--format", "csv",
                "--store", store.toString()));
        // two tables: the C helpers, an empty line, the Rust files that touch C
        int gap = all.indexOf(List.of(""));
        assertThat(gap).isPositive();
        List<List<String>> rows = all.subList(0, gap);
        List<List<String>> rust = all.subList(gap + 1, all.size());
        assertThat(rust.get(0)).containsExactly("path", "bindings_refs", "extern_c_blocks", "extern_c_fns",
                "no_mangle_items");
        // the kernel crate's two bindings:: calls, as in the timeline totals
        assertThat(rust.subList(1, rust.size())).extracting(r -> r.get(1)).containsOnly("2");
        assertThat(rows.get(0)).startsWith("path", "function", "annotated");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                .containsExactly("rust/helpers/bug.c rust_helper_BUG no",
                        "rust/helpers/mutex.c rust_helper_mutex_lock yes",
                        "rust/helpers/mutex.c rust_helper_mutex_unlock yes");
        List<List<String>> perFile = csv(Cli.run("boundary", repo.toString(), "--tags", "v*", "--by", "file",
                "--format", "csv", "--store", store.toString()));
        // both sides per file: C files with helpers, Rust files with boundary sites
        assertThat(perFile.subList(1, perFile.size())).anyMatch(r -> r.get(1).endsWith(".rs"));
        assertThat(perFile.subList(1, perFile.size()).stream().filter(r -> r.get(1).endsWith(".c")).toList())
                .extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(3))
                .containsExactly("v6.1 rust/helpers.c 0", "v6.12 rust/helpers/bug.c 0",
                        "v6.12 rust/helpers/mutex.c 0", "v7.0 rust/helpers/bug.c 0", "v7.0 rust/helpers/mutex.c 2");
    }

    @Test
    void safetyCountsOnlyCodeAndSkipsVendoredCrates() {
        List<List<String>> rows = csv(Cli.run("safety", repo.toString(), "--tags", "v*", "--format", "csv",
                "--store", store.toString()));
        assertThat(rows.get(0)).startsWith("revision", "date", "rust_code", "unsafe_blocks",
                "unsafe_blocks_documented");
        // two unsafe blocks in the kernel crate (one documented); rust/syn is vendored and never counts
        assertThat(rows.subList(1, 4)).extracting(r -> r.get(0) + ":" + r.get(3) + "/" + r.get(4) + " fns "
                + r.get(6) + "/" + r.get(7)).containsOnly("v6.1:2/1 fns 1/1", "v6.12:2/1 fns 1/1", "v7.0:2/1 fns 1/1");
        Cli.Result list = Cli.run("safety", repo.toString(), "--rev", "v7.0", "--list", "undocumented",
                "--store", store.toString());
        assertThat(list.out()).isEqualTo("rust/kernel/lib.rs:16: unsafe block without a SAFETY comment\n"
                + "1 undocumented unsafe site\n");
        List<List<String>> files = csv(Cli.run("safety", repo.toString(), "--rev", "v6.12", "--by", "file",
                "--format", "csv", "--store", store.toString()));
        assertThat(String.join(",", files.get(0))).startsWith("path,unsafe_blocks,unsafe_blocks_documented,"
                + "unsafe_fns,unsafe_fns_documented,unsafe_impls,unsafe_impls_documented");
        assertThat(files.subList(1, files.size())).extracting(r -> r.get(0))
                .containsExactly("drivers/gpu/nova-core/driver.rs", "rust/kernel/lib.rs");
    }

    @Test
    void ownersFollowMaintainersRulesAndFirstRevision() {
        List<List<String>> rows = csv(Cli.run("owners", repo.toString(), "--lang", "rust", "--tags", "v*",
                "--format", "csv", "--store", store.toString()));
        assertThat(String.join(",", rows.get(0))).startsWith("revision,owner,language,files,code");
        List<String> v612 = rows.stream().filter(r -> r.get(0).equals("v6.12"))
                .map(r -> r.get(1) + "=" + r.get(3) + "@" + r.get(5)).toList();
        // every matching entry counts: nova-core's file is claimed by its entry, DRM DRIVERS and THE REST
        assertThat(v612).containsExactlyInAnyOrder("RUST=1@v6.1", "THE REST=2@v6.1",
                "NOVA CORE DRIVER [RUST]=1@v6.12", "DRM DRIVERS=1@v6.12");
        List<List<String>> primary = csv(Cli.run("owners", repo.toString(), "--rev", "v7.0", "--primary",
                "--format", "csv", "--store", store.toString()));
        assertThat(primary.subList(1, primary.size())).extracting(r -> r.get(1))
                .containsExactlyInAnyOrder("RUST", "NOVA CORE DRIVER [RUST]");
    }

    @Test
    void fixDensityCountsFixCommitsPerLanguageAndWindow() {
        List<List<String>> rows = csv(Cli.run("fixes", repo.toString(), "--tags", "v*", "--lang", "C",
                "--lang", "rust", "--format", "csv", "--store", store.toString()));
        assertThat(String.join(",", rows.get(0))).isEqualTo("window,end_date,language,fix_commits,commits,code,"
                + "fixes_per_kloc");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0) + " " + r.get(2) + " " + r.get(3) + "/"
                + r.get(4)).containsExactly("..v6.1 C 0/1", "..v6.1 Rust 0/1", "v6.1..v6.12 C 0/1",
                "v6.1..v6.12 Rust 0/1", "v6.12..v7.0 C 1/1", "v6.12..v7.0 Rust 0/0");
        // one fix commit over the C code at v7.0 (fork.c 4 + helpers.c 2 + bug.c 5 + mutex.c 10 lines of code)
        List<String> c70 = rows.stream().filter(r -> r.get(0).equals("v6.12..v7.0") && r.get(2).equals("C"))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(c70.get(6))).isCloseTo(1000.0 / Long.parseLong(c70.get(5)),
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void lensBadInput() {
        for (String[] args : new String[][] {
                {"owners", repo.toString(), "--lang", "rusty", "--store", store.toString()},
                {"safety", repo.toString(), "--list", "everything", "--store", store.toString()},
                {"safety", repo.toString(), "--tags", "v*", "--by", "file", "--store", store.toString()},
                {"safety", repo.toString(), "--tags", "v*", "--rev", "v6.1", "--store", store.toString()},
                {"boundary", repo.toString(), "--by", "owner", "--store", store.toString()},
        }) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("oxmeter: ").doesNotContain("Exception");
        }
        assertThat(Cli.run("owners", repo.toString(), "--lang", "rusty", "--store", store.toString()).err())
                .contains("unknown language 'rusty'");
    }
}
