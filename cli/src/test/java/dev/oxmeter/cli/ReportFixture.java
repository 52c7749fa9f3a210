package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;

import dev.oxmeter.report.ReportModel;
import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A small history for report tests: C from the start, Rust from v2 with unsafe code (documented and not), C
 * helpers (annotated from the last release), a MAINTAINERS file, and hostile strings in a tag name, a path, an
 * author and a MAINTAINERS entry title.
 */
final class ReportFixture {
    static final String EVIL = "<img src=x onerror=alert(1)>";
    static final String EVIL_TAG = "v3-<b>&amp;";

    private ReportFixture() {
    }

    /** Runs {@code oxmeter report} with people figures supplied through the command's people hook. */
    static Cli.Result reportWithPeople(String... args) {
        picocli.CommandLine cl = Main.commandLine();
        ReportCommand rc = cl.getSubcommands().get("report").getCommand();
        rc.people = (s, revs) -> people();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    static void create(Path dir) throws Exception {
        try (TestRepos t = TestRepos.bare(dir)) {
            TestRepos.Snapshot s = snapshot();
            for (int i = 0; i < 6; i++) {
                s.file("drivers/d" + (i % 2) + "/f" + i + ".c", "int f" + i + "(void)\n{\n\t/* c */\n\treturn " + i
                        + ";\n}\n");
            }
            s.file("include/linux/x.h", "#pragma once\nint f0(void);\n");
            s.file("scripts/gen.py", "def main():\n    print('x')\n");
            s.file("README", "A kernel.\n");
            t.commit(s.author("Ada Lovelace", "ada@example.com").message("initial").at("2023-01-15T12:00:00Z"));
            t.tag("v1");

            s.file("rust/kernel/lib.rs", """
                    // SPDX-License-Identifier: GPL-2.0
                    //! The kernel crate.

                    pub fn lock(m: *mut bindings::mutex) {
                        // SAFETY: the caller passes a valid mutex.
                        unsafe { bindings::mutex_lock(m) }
                    }

                    pub fn unlock(m: *mut bindings::mutex) {
                        unsafe { bindings::mutex_unlock(m) }
                    }
                    """);
            s.file("rust/helpers/mutex.c", """
                    void rust_helper_mutex_lock(struct mutex *lock)
                    {
                    \tmutex_lock(lock);
                    }

                    void rust_helper_mutex_unlock(struct mutex *lock)
                    {
                    \tmutex_unlock(lock);
                    }
                    """);
            t.commit(s.author(EVIL, "evil@example.com").message("rust: add " + EVIL).at("2023-03-15T12:00:00Z"));
            t.tag("v2");

            s.file("rust/kernel/sync.rs", """
                    //! Sync.

                    /// # Safety
                    ///
                    /// `p` must be valid.
                    pub unsafe fn get(p: *const u32) -> u32 {
                        // SAFETY: see the function's contract.
                        unsafe { *p }
                    }

                    pub unsafe fn raw(p: *const u32) -> u32 {
                        unsafe { *p }
                    }

                    // SAFETY: Guard holds no thread-bound state.
                    unsafe impl Send for Guard {}

                    #[no_mangle]
                    pub extern "C" fn rust_entry() {}
                    """);
            s.file("drivers/<x>&y/lib.rs", """
                    //! A driver.
                    use kernel::prelude::*;

                    pub fn probe() -> Result {
                        let d = kernel::device::Device::new();
                        d.enable()?;
                        Ok(())
                    }
                    """);
            s.file("rust/helpers/mutex.c", """
                    __rust_helper void rust_helper_mutex_lock(struct mutex *lock)
                    {
                    \tmutex_lock(lock);
                    }

                    void rust_helper_mutex_unlock(struct mutex *lock)
                    {
                    \tmutex_unlock(lock);
                    }

                    __rust_helper int rust_helper_atomic_read(const atomic_t *v)
                    {
                    \treturn atomic_read(v);
                    }
                    """);
            s.file("MAINTAINERS", """
                    List of maintainers

                    RUST
                    M:\tMiguel <miguel@example.com>
                    S:\tMaintained
                    F:\trust/

                    RUST [SYNC]
                    M:\tAda Lovelace <ada@example.com>
                    S:\tMaintained
                    F:\trust/kernel/sync.rs

                    %s DRIVER
                    M:\t%s <evil@example.com>
                    S:\tOdd Fixes
                    F:\tdrivers/<x>&y/
                    """.formatted(EVIL, EVIL));
            t.commit(s.author("Grace Hopper", "grace@example.com").message("drivers: x&y <driver>")
                    .at("2023-05-15T12:00:00Z"));
            t.tag(EVIL_TAG);
        }
    }

    /** Contributor figures for the fixture (the command cannot compute them yet), hostile strings included. */
    static ReportModel.Part<ReportModel.People> people() {
        List<ReportModel.Window> windows = List.of(
                new ReportModel.Window("..v1", LocalDate.parse("2023-01-15"), 0, 0, 0, 0),
                new ReportModel.Window("v1..v2", LocalDate.parse("2023-03-15"), 1, 1, 1, 1),
                new ReportModel.Window("v2.." + EVIL_TAG, LocalDate.parse("2023-05-15"), 2, 1, 2, 3));
        List<ReportModel.Employer> employers = List.of(new ReportModel.Employer(EVIL, 1, 2),
                new ReportModel.Employer("example.com", 1, 1));
        List<ReportModel.Person> top = List.of(new ReportModel.Person(EVIL, 2, 30, 1, "v1..v2", false),
                new ReportModel.Person("Grace Hopper", 1, 20, 0, "v2.." + EVIL_TAG, true));
        ReportModel.Latest latest = new ReportModel.Latest("v2.." + EVIL_TAG, true, List.of(
                new ReportModel.Person("Grace Hopper", 1, 20, 0, "v2.." + EVIL_TAG, true),
                new ReportModel.Person(EVIL, 1, 10, 1, "v1..v2", false)));
        return ReportModel.Part.of(new ReportModel.People(windows, 2, employers, "employer", top, latest));
    }
}
