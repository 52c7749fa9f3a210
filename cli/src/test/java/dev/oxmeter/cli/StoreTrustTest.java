package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.TestRepos;
import dev.oxmeter.store.Store;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of the user's data and the store: each test is one promise, run as a hostile or unlucky user
 * would (foreign files, links and devices as outputs, full disks, read-only files, odd environments). Some run the
 * command in a child JVM, to control its environment, its stdout and its privileges.
 */
class StoreTrustTest {
    @TempDir
    Path tmp;
    Path repo;
    Path store;

    @BeforeEach
    void repository() throws Exception {
        repo = tmp.resolve("r.git");
        store = tmp.resolve("s.duckdb");
        try (TestRepos t = TestRepos.bare(repo)) {
            TestRepos.Snapshot s = snapshot();
            s.file("src/a.c", "int a;\n/* one */\n\nint b;\n");
            s.file("src/lib.rs", "// SPDX\nfn f() {}\n");
            // 3,000 bytes of C: too large under --max-blob-size 1K, counted under the default
            s.file("src/big.c", "int x;\n".repeat(3000 / 7) + "int y;\n".substring(0, 3000 % 7));
            t.commit(s.at("2024-01-15T12:00:00Z"));
            t.tag("v1");
            s.file("src/more.rs", "fn g() {}\n");
            t.commit(s.at("2024-02-15T12:00:00Z"));
            t.tag("v2");
        }
    }

    // ---- 1. the store has an identity; anything else is refused untouched ----------------------------------

    @Test
    @DisplayName("a DuckDB file oxmeter did not create is refused untouched, by every command")
    void aForeignDuckDbFileIsRefusedUntouched() throws Exception {
        // one with a table of its own, one that even has a meta table claiming oxmeter's first schema
        Path plain = tmp.resolve("plain.duckdb");
        duckdb(plain, "CREATE TABLE notes(id INT, text VARCHAR)", "INSERT INTO notes VALUES (1, 'keep me')");
        Path lookalike = tmp.resolve("lookalike.duckdb");
        duckdb(lookalike, "CREATE TABLE meta(key VARCHAR PRIMARY KEY, value VARCHAR)",
                "INSERT INTO meta VALUES ('schema_version', '1')", "CREATE TABLE notes(id INT, text VARCHAR)",
                "INSERT INTO notes VALUES (1, 'keep me')");
        for (Path f : List.of(plain, lookalike)) {
            String before = sha256(f);
            for (String[] args : List.of(new String[] {"scan", repo.toString(), "--store", f.toString()},
                    new String[] {"history", repo.toString(), "--store", f.toString(), "-q"},
                    new String[] {"sql", "SELECT 1", "--store", f.toString()},
                    new String[] {"export", "--parquet", tmp.resolve("pq").toString(), "--store", f.toString()})) {
                Cli.Result r = Cli.run(args);
                assertThat(r.exit()).as(args[0] + " on " + f).isEqualTo(2);
                assertThat(r.err()).as(args[0]).startsWith("oxmeter: " + f + " is a DuckDB database that oxmeter "
                        + "did not create; it was left untouched").hasLineCount(1);
            }
            assertThat(sha256(f)).as(f.toString()).isEqualTo(before);
            assertThat(Path.of(f + ".wal")).doesNotExist();
            assertThat(query(f, "SELECT text FROM notes")).containsExactly("keep me");
        }
        assertThat(tmp.resolve("pq")).doesNotExist();
    }

    @Test
    @DisplayName("a file that is not a DuckDB database is refused untouched")
    void aNonDuckDbFileIsRefusedUntouched() throws Exception {
        Path notes = tmp.resolve("notes.txt");
        Files.writeString(notes, "my notes, not a database\n".repeat(100));
        String before = sha256(notes);
        for (String cmd : List.of("scan", "sql")) {
            Cli.Result r = cmd.equals("scan") ? Cli.run("scan", repo.toString(), "--store", notes.toString())
                    : Cli.run("sql", "SELECT 1", "--store", notes.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).startsWith("oxmeter: " + notes + " is not an oxmeter store (not a DuckDB database)")
                    .hasLineCount(1);
        }
        assertThat(sha256(notes)).isEqualTo(before);
        assertThat(Path.of(notes + ".wal")).doesNotExist();
    }

    @Test
    @DisplayName("rebuilding an older oxmeter store drops oxmeter's tables and nothing else")
    void aRebuildDropsOnlyOxmetersTables() throws Exception {
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--store", store.toString(), "-q"));
        try (Store s = Store.open(store, m -> { }); Statement st = s.connection().createStatement()) {
            st.execute("CREATE TABLE my_notes(text VARCHAR)");
            st.execute("INSERT INTO my_notes VALUES ('keep me')");
            st.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'");
        }
        Cli.Result r = Cli.run("scan", repo.toString(), "--store", store.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("rebuilding");
        assertThat(r.out()).isEqualTo(Cli.run("scan", repo.toString(), "--no-store", "--format", "csv").out());
        assertThat(query(store, "SELECT text FROM my_notes")).containsExactly("keep me");
    }

    @Test
    @DisplayName("a store of the first schema, written before stores had an identity, is recognised and kept")
    void aFirstSchemaStoreIsRecognised() throws Exception {
        Cli.Run.ok(Cli.run("history", repo.toString(), "--store", store.toString(), "-q"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store);
             Statement st = c.createStatement()) {
            // the first schema's meta held only these two keys
            st.execute("DELETE FROM meta WHERE key NOT IN ('schema_version', 'commit_facts_version')");
        }
        Cli.Result r = Cli.run("history", repo.toString(), "--store", store.toString(), "--format", "csv", "-v");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("rebuilding").contains("2 of 2 revisions served from the store");
        assertThat(query(store, "SELECT value FROM meta WHERE key = '" + Store.IDENTITY_KEY + "'"))
                .containsExactly(Store.IDENTITY);
    }

    // ---- 2. -o FILE: links followed, special files written through, never a partial file --------------------

    @Test
    @DisplayName("-o through a symbolic link replaces the link's target and keeps the link")
    void outputThroughASymlinkReplacesItsTarget() throws Exception {
        Path target = Files.writeString(tmp.resolve("real.csv"), "old\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), Path.of("real.csv"));
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.csv"), Path.of("new.csv"));
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--no-store", "--format", "csv", "-o", link.toString()));
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--no-store", "--format", "csv", "-o", dangling.toString()));
        String expected = Cli.run("scan", repo.toString(), "--no-store", "--format", "csv").out();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readString(target)).isEqualTo(expected);
        assertThat(Files.readString(tmp.resolve("new.csv"))).isEqualTo(expected);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("-o to a FIFO writes through it; the FIFO stays a FIFO")
    void outputToAFifoIsWrittenThrough() throws Exception {
        Path fifo = tmp.resolve("pipe");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--no-store", "--format", "csv", "-o", fifo.toString()));
        assertThat(reader.get(30, TimeUnit.SECONDS))
                .isEqualTo(Cli.run("scan", repo.toString(), "--no-store", "--format", "csv").out());
        assertThat(Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther())
                .isTrue();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("-o to a device writes through it: a full one fails with the reason, the device stays a device")
    void outputToADeviceIsWrittenThrough() throws Exception {
        Path full = Path.of("/dev/full");
        if (isRoot()) {
            // root could replace /dev/full itself; a node of our own keeps a failing test from breaking the machine
            full = tmp.resolve("full");
            Assumptions.assumeTrue(new ProcessBuilder("mknod", full.toString(), "c", "1", "7").start().waitFor() == 0,
                    "mknod");
        }
        Assumptions.assumeTrue(Files.exists(full), "/dev/full");
        Cli.Result r = Cli.run("scan", repo.toString(), "--no-store", "-o", full.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_IO);
        assertThat(r.err()).isEqualTo("oxmeter: cannot write " + full + ": no space left on device\n");
        assertThat(Files.readAttributes(full, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther())
                .isTrue();
        assertThat(leftovers()).isEmpty();
    }

    // ---- 3. sql reads the store and nothing else --------------------------------------------------------------

    @Test
    @DisplayName("sql cannot change the store nor read or write any other file")
    void sqlIsReadOnlyAndLockedDown() throws Exception {
        Cli.Run.ok(Cli.run("history", repo.toString(), "--store", store.toString(), "-q"));
        Cli.Run.ok(Cli.run("people", repo.toString(), "--lang", "rust", "--store", store.toString(), "-q"));
        String history = Cli.run("history", repo.toString(), "--store", store.toString(), "--format", "csv").out();
        String people = Cli.run("people", repo.toString(), "--lang", "rust", "--store", store.toString(),
                "--format", "csv").out();
        String before = sha256(store);
        Path secret = Files.writeString(tmp.resolve("secret.csv"), "a,b\n1,2\n");
        Map<String, Path> attempts = Map.of(
                "COPY blob_facts TO '" + tmp.resolve("copy.csv") + "'", tmp.resolve("copy.csv"),
                "ATTACH '" + tmp.resolve("other.duckdb") + "' AS other", tmp.resolve("other.duckdb"),
                "EXPORT DATABASE '" + tmp.resolve("exported") + "'", tmp.resolve("exported"),
                "SELECT * FROM read_csv('" + secret + "')", tmp.resolve("none"),
                "INSTALL httpfs", tmp.resolve("none"),
                "DROP TABLE commits", tmp.resolve("none"),
                "DELETE FROM revisions", tmp.resolve("none"),
                "UPDATE blob_facts SET code = 0", tmp.resolve("none"),
                "SET enable_external_access = true", tmp.resolve("none"),
                "CREATE TABLE mine AS SELECT 1", tmp.resolve("none"));
        for (Map.Entry<String, Path> a : attempts.entrySet()) {
            Cli.Result r = Cli.run("sql", a.getKey(), "--store", store.toString());
            assertThat(r.exit()).as(a.getKey() + ": " + r.out()).isEqualTo(2);
            assertThat(r.err()).as(a.getKey()).startsWith("oxmeter: query failed: ").hasLineCount(1);
            assertThat(a.getValue()).as(a.getKey()).doesNotExist();
        }
        assertThat(sha256(store)).isEqualTo(before);
        assertThat(Cli.run("history", repo.toString(), "--store", store.toString(), "--format", "csv").out())
                .isEqualTo(history);
        assertThat(Cli.run("people", repo.toString(), "--lang", "rust", "--store", store.toString(), "--format",
                "csv").out()).isEqualTo(people).contains("A U Thor");
    }

    @Test
    @DisplayName("sql accepts a query that begins with a -- comment")
    void aQueryMayBeginWithAComment() {
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--store", store.toString(), "-q"));
        Cli.Result r = Cli.run("sql", "-- how many blobs?\nSELECT count(*) AS n FROM blob_facts", "--store",
                store.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("n\n4\n");
    }

    @Test
    @DisplayName("sql works on a store file that is read-only")
    void sqlWorksOnAReadOnlyStoreFile() throws Exception {
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--store", store.toString(), "-q"));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("r--r--r--"));
        Child.Result r = child().unprivileged().run("sql", "SELECT count(*) AS n FROM blob_facts", "--store",
                store.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("n\n4\n");
        // the same child cannot write it: the test would prove nothing otherwise
        Child.Result scan = child().unprivileged().run("scan", repo.toString(), "--store", store.toString());
        assertThat(scan.exit()).isEqualTo(Main.EXIT_IO);
        assertThat(scan.err()).contains("permission denied");
    }

    // ---- 4. a number served from the store is the number a fresh run computes -----------------------------------

    @Test
    @DisplayName("facts measured under one --max-blob-size are not served under another")
    void blobFactsHonourTheSizeLimitInForce() {
        String small = Cli.run("scan", repo.toString(), "--no-store", "--format", "csv", "--max-blob-size", "1K")
                .out();
        String large = Cli.run("scan", repo.toString(), "--no-store", "--format", "csv").out();
        assertThat(small).contains("(too large),1,");
        assertThat(large).doesNotContain("(too large)");
        for (String limit : List.of("1K", "16M", "1K", "2K", "16M", "16M")) {
            Cli.Result r = Cli.run("scan", repo.toString(), "--store", store.toString(), "--format", "csv",
                    "--max-blob-size", limit);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).as(limit).isEqualTo(limit.equals("16M") ? large : small);
        }
        // and the same through history's saved compositions and blob facts together
        for (String limit : List.of("16M", "1K")) {
            Cli.Result r = Cli.run("history", repo.toString(), "--store", store.toString(), "--format", "csv",
                    "--max-blob-size", limit);
            assertThat(r.out()).as(limit).isEqualTo(Cli.run("history", repo.toString(), "--no-store", "--format",
                    "csv", "--max-blob-size", limit).out());
        }
    }

    // ---- 8. a failed write to stdout fails the run --------------------------------------------------------------

    @Test
    @DisplayName("a run whose stdout is a full disk exits non-zero with the reason")
    void aFailedWriteToStdoutExitsNonZero() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full");
        Child.Result r = child().stdout(new File("/dev/full")).run("scan", repo.toString(), "--no-store");
        assertThat(r.exit()).isEqualTo(Main.EXIT_IO);
        assertThat(r.err()).isEqualTo("oxmeter: cannot write to standard output: no space left on device\n");
    }

    @Test
    @DisplayName("a reader that closes the pipe early (| head) ends the run quietly, as SIGPIPE ends other tools")
    void aClosedPipeEndsTheRunQuietly() throws Exception {
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--store", store.toString(), "-q"));
        Child.Result r = child().closedStdout().run("sql", "SELECT range AS n FROM range(300000)", "--store",
                store.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_PIPE);
        assertThat(r.err()).isEmpty();
    }

    // ---- 11. DuckDB's own message ----------------------------------------------------------------------------

    @Test
    @DisplayName("a failing query shows DuckDB's own message")
    void aFailingQueryShowsDuckDbsMessage() {
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--store", store.toString(), "-q"));
        Cli.Result r = Cli.run("sql", "SELECT * FROM no_such_table", "--store", store.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("oxmeter: query failed: Catalog Error: Table with name no_such_table does "
                + "not exist").doesNotContain("pending query").hasLineCount(1);
    }

    // ---- 12. permission denied and disk full are named as such ---------------------------------------------------

    @Test
    @DisplayName("permission denied is named as the reason, and a good store is never called unusable")
    void permissionDeniedIsNamed() throws Exception {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Path kept = locked.resolve("kept.csv");
        Files.writeString(kept, "previous result\n");
        Path good = locked.resolve("good.duckdb");
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--store", good.toString(), "-q"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Child.Result out = child().unprivileged().run("scan", repo.toString(), "--no-store", "-o", kept.toString());
            assertThat(out.exit()).isEqualTo(Main.EXIT_IO);
            assertThat(out.err()).isEqualTo("oxmeter: cannot write " + kept + ": permission denied\n");
            assertThat(Files.readString(kept)).isEqualTo("previous result\n");

            Child.Result dir = child().unprivileged().run("scan", repo.toString(), "--store",
                    locked.resolve("sub/new.duckdb").toString());
            assertThat(dir.exit()).isEqualTo(Main.EXIT_IO);
            assertThat(dir.err()).isEqualTo("oxmeter: cannot create the store directory for "
                    + locked.resolve("sub/new.duckdb") + ": permission denied\n");

            // the store file is writable but its directory is not: DuckDB cannot create its write-ahead log when
            // the run has something to write (a history under other options)
            Child.Result wal = child().unprivileged().run("history", repo.toString(), "--store", good.toString(),
                    "--exclude", "*.rs", "--revs", "HEAD");
            assertThat(wal.exit()).isEqualTo(Main.EXIT_IO);
            assertThat(wal.err()).contains(good.toString()).contains("permission denied")
                    .doesNotContain("delete it").hasLineCount(1);
            // a run with nothing to write only reads the store, so it succeeds there
            Child.Result read = child().unprivileged().run("scan", repo.toString(), "--store", good.toString(),
                    "--format", "csv");
            assertThat(read.exit()).as(read.err()).isZero();
            assertThat(read.out()).isEqualTo(Cli.run("scan", repo.toString(), "--no-store", "--format", "csv").out());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try (Stream<Path> files = Files.list(locked)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kept.csv",
                    "good.duckdb");
        }
    }

    @Test
    @DisplayName("a full disk is named as the reason, and a good store is never called unusable")
    void aFullDiskIsNamed() throws Exception {
        Assumptions.assumeTrue(isRoot() && new File("/usr/bin/unshare").canExecute()
                && new ProcessBuilder("/usr/bin/unshare", "-m", "true").start().waitFor() == 0,
                "a private mount namespace (root and unshare) to mount a small file system");
        Path good = tmp.resolve("good.duckdb");
        Cli.Run.ok(Cli.run("scan", repo.toString(), "--store", good.toString(), "-q"));
        Path disk = Files.createDirectory(tmp.resolve("disk"));
        // in a mount namespace of its own: a 2 MiB file system holding a copy of the store, then filled up
        String script = "mount -t tmpfs -o size=2m tmpfs \"$DISK\" && cp --sparse=always \"$GOOD\" \"$DISK/\" "
                + "&& { dd if=/dev/zero of=\"$DISK/fill\" bs=4k 2>/dev/null; true; } && exec \"$@\"";
        Child.Result r = child().env("DISK", disk.toString()).env("GOOD", good.toString())
                .wrap("/usr/bin/unshare", "-m", "/bin/sh", "-c", script, "sh")
                .run("history", repo.toString(), "--store", disk.resolve("good.duckdb").toString(), "--exclude", "*.rs",
                        "--revs", "HEAD");
        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_IO);
        assertThat(r.err()).contains(disk.resolve("good.duckdb").toString()).contains("no space left on device")
                .doesNotContain("delete it").hasLineCount(1);
    }

    // ---- 14. where the store lives, and when it is created ----------------------------------------------------

    @Test
    @DisplayName("the default store lives under $HOME/.cache, or an absolute $XDG_CACHE_HOME; a relative one is ignored")
    void theDefaultStoreFollowsHomeAndXdg() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Child.Result r = child().env("HOME", home.toString()).env("XDG_CACHE_HOME", null)
                .run("scan", repo.toString(), "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(storesIn(home.resolve(".cache/oxmeter"))).hasSize(1);

        Child.Result rel = child().env("HOME", home.toString()).env("XDG_CACHE_HOME", "relative-cache")
                .run("scan", repo.toString(), "-q", "--rev", "v1");
        assertThat(rel.exit()).as(rel.err()).isZero();
        assertThat(tmp.resolve("relative-cache")).doesNotExist();
        assertThat(storesIn(home.resolve(".cache/oxmeter"))).hasSize(1);

        Path xdg = tmp.resolve("xdg");
        Child.Result abs = child().env("HOME", home.toString()).env("XDG_CACHE_HOME", xdg.toString())
                .run("scan", repo.toString(), "-q");
        assertThat(abs.exit()).as(abs.err()).isZero();
        assertThat(storesIn(xdg.resolve("oxmeter"))).hasSize(1);
    }

    @Test
    @DisplayName("a run that fails on bad input creates no store file")
    void aFailedRunCreatesNoStore() throws Exception {
        Path empty = tmp.resolve("empty.git");
        TestRepos.bare(empty).close();
        for (String[] args : List.of(new String[] {"scan", empty.toString()},
                new String[] {"history", empty.toString()}, new String[] {"scan", repo.toString(), "--rev", "nope"},
                new String[] {"history", repo.toString(), "--revs", "v1,nope"},
                new String[] {"people", repo.toString(), "--lang", "rust", "--range", "v1..nope"},
                new String[] {"report", repo.toString(), "--revs", "nope", "--out", tmp.resolve("r.html").toString()})) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--store", store.toString(), "-q"));
            Cli.Result r = Cli.run(all.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(store).as(String.join(" ", args)).doesNotExist();
            assertThat(Path.of(store + ".wal")).doesNotExist();
        }
        assertThat(tmp.resolve("r.html")).doesNotExist();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void duckdb(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static List<String> query(Path file, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Temporary files of an atomic write left in the test directory. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static List<Path> storesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".duckdb")).toList();
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private Child child() {
        return new Child(tmp);
    }

    /** oxmeter in a child JVM, with its own environment, stdout and privileges. */
    static final class Child {
        record Result(int exit, String out, String err) {
        }

        private final Path dir;
        private final Map<String, String> env = new java.util.HashMap<>();
        private File stdout;
        private boolean closedStdout;
        private boolean unprivileged;
        private final List<String> wrapper = new ArrayList<>();

        Child(Path dir) {
            this.dir = dir;
        }

        /** Sets (or, with null, removes) an environment variable. */
        Child env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Child stdout(File f) {
            stdout = f;
            return this;
        }

        /**
         * Runs without the power to bypass file permissions: as is for a normal user; as root, with
         * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped, so that a read-only file is read-only.
         */
        Child unprivileged() {
            unprivileged = true;
            return this;
        }

        /** Gives the child a pipe for stdout whose reading end is closed at once. */
        Child closedStdout() {
            closedStdout = true;
            return this;
        }

        /** Runs the JVM through {@code command}, which gets the JVM's command line as its last arguments. */
        Child wrap(String... command) {
            wrapper.addAll(List.of(command));
            return this;
        }

        Result run(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(wrapper);
            if (unprivileged && isRoot()) {
                Assumptions.assumeTrue(new File("/usr/bin/setpriv").canExecute(), "setpriv to drop root's powers");
                cmd.addAll(List.of("/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search"));
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a short-lived child: the quick compiler and a small heap start it fastest
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                    Main.class.getName()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Path out = Files.createTempFile(dir, "child", ".out");
            Path err = Files.createTempFile(dir, "child", ".err");
            try {
                pb.redirectOutput(closedStdout ? ProcessBuilder.Redirect.PIPE
                        : ProcessBuilder.Redirect.to(stdout != null ? stdout : out.toFile())).redirectError(err.toFile());
                Process p = pb.start();
                if (closedStdout) {
                    p.getInputStream().close();
                }
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("oxmeter " + String.join(" ", args) + " did not finish");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }
}
