package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.IoReason;
import dev.oxmeter.WriteFailure;
import dev.oxmeter.model.Oid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The persistent store: one embedded DuckDB database file per analysed repository. It holds the blob-facts
 * cache and every result table; the schema is documented in {@code docs/store.md}.
 *
 * <p>A store carries an identity (a row of its {@code meta} table); oxmeter writes to, migrates or rebuilds only
 * a file that carries it, and refuses any other file without changing a byte of it. One process writes a store at
 * a time (DuckDB locks the file; a second writer gets a clear error). Every write is a transaction, so a run
 * killed at any point leaves the last committed state. Not thread-safe: use from one thread.
 */
public final class Store implements AutoCloseable {
    /** Bump when the schema changes; an older store is then rebuilt (it is a cache of what git already holds). */
    public static final int SCHEMA_VERSION = 1;
    /** The {@code meta} key whose value {@link #IDENTITY} marks a file as an oxmeter store. */
    public static final String IDENTITY_KEY = "identity";
    /** The magic value of {@link #IDENTITY_KEY}. */
    public static final String IDENTITY = "oxmeter store 7f3c91d2";

    private final Path file;
    private final Connection conn;

    private Store(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** What a database file is, as far as oxmeter is concerned. */
    private enum Kind {
        /** No table or view at all: nothing to lose (a new file, or one whose creation was killed). */
        EMPTY,
        /** Carries the identity. */
        OXMETER,
        /** Written by the first schema, before stores carried an identity; recognised by its exact tables. */
        LEGACY,
        /** Anything else: never written to. */
        FOREIGN
    }

    /** What a store holds; {@code schemaCurrent}: it records this oxmeter's schema statements and has their names. */
    private record Found(Kind kind, int version, boolean schemaCurrent) {
        Found(Kind kind, int version) {
            this(kind, version, false);
        }
    }

    /** The engine's first start in this process, run by {@link #startEngine}; null until then. */
    private static Thread engineStart;

    /**
     * Starts DuckDB in the background: the first database a process opens costs about 0.2 s of set-up inside the
     * engine (later ones take milliseconds), which can then overlap other work. On that thread {@code prepare} runs
     * first (loading the native library, say), and the engine starts only when it returns true. {@link #open} waits
     * for both. Call it at most once early, from one thread; {@link #awaitEngine} must run before the process exits,
     * for the engine must not be torn down while it starts.
     */
    public static synchronized void startEngine(java.util.function.BooleanSupplier prepare) {
        if (engineStart != null) {
            return;
        }
        engineStart = new Thread(() -> {
            try {
                if (!prepare.getAsBoolean()) {
                    return;
                }
                Class.forName("org.duckdb.DuckDBDriver");
                DriverManager.getConnection("jdbc:duckdb:").close();
            } catch (ClassNotFoundException | SQLException | RuntimeException | LinkageError e) {
                // the store's own open reports whatever is wrong, in its words
            }
        }, "oxmeter-store-start");
        engineStart.setDaemon(true);
        engineStart.start();
    }

    /** Waits for {@link #startEngine}'s work, if it was started. */
    public static void awaitEngine() {
        Thread t;
        synchronized (Store.class) {
            t = engineStart;
        }
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Opens (creating if needed) the store at {@code file}, migrating or rebuilding an older oxmeter schema. A
     * file that is not an oxmeter store is refused untouched: it is inspected read-only before anything is
     * written. When the file did not exist and the store cannot be created, nothing is left behind.
     *
     * @param notice receives one-line notices for the user (e.g. a rebuild)
     * @throws OxmeterException when the file is locked by another process, is not an oxmeter store, or was written
     *                          by a newer oxmeter
     * @throws WriteFailure     when the store cannot be written (permission denied, disk full ...)
     */
    public static Store open(Path file, Consumer<String> notice) {
        boolean existed = Files.exists(file);
        Found found = new Found(Kind.EMPTY, 0);
        Connection direct = null;
        if (existed) {
            // Without a write-ahead log, DuckDB writes nothing to a file opened for writing until asked to, so the
            // file is identified on the connection the run goes on with, not on a read-only one opened first (20 ms
            // less per run). A log would be replayed into the file at open: then, or when that open fails, the
            // file is first looked at read-only, and a refusal leaves it as it was either way.
            if (!Files.exists(wal(file))) {
                try {
                    direct = connect(file, false, false);
                    found = identify(direct);
                } catch (SQLException | RuntimeException e) {
                    closeQuietly(direct);
                    direct = null;
                }
            }
            if (direct == null) {
                try (Connection probe = connect(file, true, false)) {
                    found = identify(probe);
                } catch (SQLException e) {
                    throw new OxmeterException("cannot read the store " + file + ": " + firstLine(e.getMessage()), e);
                }
            }
            try {
                refuseForeign(file, found);
                if (found.kind() == Kind.OXMETER && found.version() > SCHEMA_VERSION) {
                    throw new OxmeterException("the store " + file + " was written by a newer oxmeter (schema "
                            + found.version() + "); use that version or another --store");
                }
            } catch (OxmeterException e) {
                closeQuietly(direct);
                throw e;
            }
        } else {
            try {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
            } catch (IOException e) {
                throw new WriteFailure("cannot create the store directory for " + file + ": "
                        + IoReason.of(e), e);
            }
        }
        Store s;
        try {
            s = new Store(file, direct != null ? direct : connect(file, false, false));
        } catch (SQLException e) {
            if (!existed) {
                deleteCreated(file);
            }
            String env = IoReason.named(e.getMessage());
            if (env != null) {
                throw new WriteFailure("cannot open the store " + file + " for writing: " + env
                        + " (--no-store runs without a store)", e);
            }
            throw new OxmeterException("cannot open the store " + file + ": " + firstLine(e.getMessage()), e);
        }
        try {
            s.migrate(found, notice);
        } catch (SQLException | RuntimeException e) {
            s.close();
            if (!existed) {
                deleteCreated(file);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            String env = IoReason.named(e.getMessage());
            if (env != null) {
                throw new WriteFailure("cannot write the store " + file + ": " + env, e);
            }
            throw new OxmeterException("the store " + file + " is unusable: " + firstLine(e.getMessage())
                    + " (delete it to start afresh)", e);
        }
        return s;
    }

    /**
     * Opens an existing store read-only, for queries and exports. With {@code fileAccess} false the connection
     * can read nothing but the store: no file access, no extension installed or loaded, and a locked
     * configuration, so an arbitrary query can neither change the store nor read or write other files.
     *
     * @throws OxmeterException when the file is missing, locked by a writer, or not an oxmeter store
     */
    public static Store openReadOnly(Path file, boolean fileAccess) {
        if (!Files.exists(file)) {
            throw new OxmeterException("no store at " + file);
        }
        Connection c;
        try {
            c = connect(file, true, !fileAccess);
        } catch (SQLException e) {
            throw new OxmeterException("cannot read the store " + file + ": " + firstLine(e.getMessage()), e);
        }
        Found found;
        try {
            found = identify(c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new OxmeterException("cannot read the store " + file + ": " + firstLine(e.getMessage()), e);
        }
        try {
            refuseForeign(file, found);
        } catch (OxmeterException e) {
            closeQuietly(c);
            throw e;
        }
        return new Store(file, c);
    }

    private static Connection connect(Path file, boolean readOnly, boolean lockedDown) throws SQLException {
        awaitEngine();
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB driver missing from the classpath", e);
        }
        Properties p = new Properties();
        if (readOnly) {
            p.setProperty("duckdb.read_only", "true");
        }
        if (lockedDown) {
            p.setProperty("enable_external_access", "false");
            p.setProperty("autoinstall_known_extensions", "false");
            p.setProperty("autoload_known_extensions", "false");
            p.setProperty("lock_configuration", "true");
        }
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Could not set lock") || m.contains("Conflicting lock")) {
                throw new OxmeterException("the store " + file + " is in use by another oxmeter process; wait for it "
                        + "to finish or choose another --store");
            }
            if (m.contains("not a valid DuckDB database")) {
                throw new OxmeterException(file + " is not an oxmeter store (not a DuckDB database); it was left "
                        + "untouched: choose another --store");
            }
            throw e;
        }
    }

    private static void refuseForeign(Path file, Found found) {
        if (found.kind() == Kind.FOREIGN) {
            throw new OxmeterException(file + " is a DuckDB database that oxmeter did not create; it was left "
                    + "untouched: choose another --store");
        }
    }

    /** DuckDB's write-ahead log of the database {@code file}. */
    private static Path wal(Path file) {
        return Path.of(file + ".wal");
    }

    /** Removes a store file this run created and could not finish, with DuckDB's write-ahead log. */
    private static void deleteCreated(Path file) {
        for (Path p : List.of(file, wal(file))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: the failure being reported matters more than a leftover empty file
            }
        }
    }

    private static Found identify(Connection c) throws SQLException {
        // every table's and view's name, then the meta table's columns from its own result set: reading them from
        // information_schema.columns cost more than the rest of identification (every table's columns are read
        // only for a store of the first schema)
        Set<String> names = new java.util.HashSet<>();
        String metaType = null;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name, table_type FROM information_schema.tables "
                        + "WHERE table_catalog = current_database() AND table_schema = 'main'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                if (rs.getString(1).equals("meta")) {
                    metaType = rs.getString(2);
                }
            }
        }
        if (names.isEmpty()) {
            return new Found(Kind.EMPTY, 0);
        }
        if (!"BASE TABLE".equals(metaType)) {
            return new Found(Kind.FOREIGN, 0);
        }
        Map<String, String> values = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM meta")) {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            List<String> meta = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                meta.add(md.getColumnName(i) + " " + md.getColumnTypeName(i));
            }
            if (!meta.equals(List.of("key VARCHAR", "value VARCHAR"))) {
                return new Found(Kind.FOREIGN, 0);
            }
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        }
        int version;
        try {
            version = Integer.parseInt(String.valueOf(values.get("schema_version")));
        } catch (NumberFormatException e) {
            version = 0;
        }
        if (IDENTITY.equals(values.get(IDENTITY_KEY))) {
            return new Found(Kind.OXMETER, version, Schema.DDL_DIGEST.equals(values.get(Schema.DDL_DIGEST_KEY))
                    && names.containsAll(Schema.CREATED));
        }
        // the first schema had no identity: its stores are recognised by exactly its tables, columns and keys
        boolean legacy = version == 1 && Set.of("schema_version", CommitStore.META_KEY).containsAll(values.keySet());
        if (legacy) {
            Map<String, List<String>> columns = columns(c);
            Map<String, List<String>> expected = referenceColumns();
            for (Map.Entry<String, List<String>> e : columns.entrySet()) {
                // commit_walks was the first schema's walk frontier; today's schema no longer creates it
                legacy &= e.getKey().equals("commit_walks") || e.getValue().equals(expected.get(e.getKey()));
            }
        }
        return new Found(legacy ? Kind.LEGACY : Kind.FOREIGN, version);
    }

    /** Every table and view of the database's main schema with its columns ("name TYPE", in order). */
    private static Map<String, List<String>> columns(Connection c) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                        + "WHERE table_catalog = current_database() AND table_schema = 'main' "
                        + "ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2) + " "
                        + rs.getString(3));
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_catalog = current_database() AND table_schema = 'main'")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), t -> new ArrayList<>());
            }
        }
        return out;
    }

    /** The tables and views this oxmeter creates, with their columns, from an in-memory database. */
    private static Map<String, List<String>> referenceColumns() throws SQLException {
        try (Connection mem = DriverManager.getConnection("jdbc:duckdb:"); Statement st = mem.createStatement()) {
            st.execute(Schema.META);
            for (String ddl : Schema.DDL) {
                st.execute(ddl);
            }
            st.execute(Schema.REPORT_RUST_FILES);
            return columns(mem);
        }
    }

    /** The first line of a (DuckDB) error message, for one-line reports. */
    public static String firstLine(String m) {
        if (m == null) {
            return "unknown error";
        }
        // DuckDB's JDBC driver wraps the real error of a failed query in a generic one; the real one is the news
        String wrapper = "Attempting to execute an unsuccessful or closed pending query result";
        int w = m.indexOf(wrapper);
        if (w >= 0) {
            int real = m.indexOf("\nError: ", w);
            if (real >= 0) {
                m = m.substring(real + "\nError: ".length());
            }
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    private void migrate(Found found, Consumer<String> notice) throws SQLException {
        boolean current = found.kind() == Kind.OXMETER && found.version() == SCHEMA_VERSION;
        if (current && found.schemaCurrent()) {
            // nothing to run: running the statements anyway replaced the views, a write (and a checkpoint on close)
            // in every run, however read-only
            return;
        }
        try (Statement st = conn.createStatement()) {
            inTransaction(c -> {
                if (!current && (found.kind() == Kind.OXMETER || found.kind() == Kind.LEGACY && SCHEMA_VERSION != 1)) {
                    notice.accept("store " + file + " has schema " + found.version() + ", this oxmeter uses "
                            + SCHEMA_VERSION + ": rebuilding it (cached facts are recomputed)");
                    dropOwn(st);
                }
                st.execute(Schema.META);
                for (String ddl : Schema.DDL) {
                    st.execute(ddl);
                }
                // derived rows an older writer may not have kept: made again from their sources
                CompositionStore.repack(c);
                try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
                    ps.setString(1, IDENTITY_KEY);
                    ps.setString(2, IDENTITY);
                    ps.addBatch();
                    ps.setString(1, "schema_version");
                    ps.setString(2, String.valueOf(SCHEMA_VERSION));
                    ps.addBatch();
                    ps.setString(1, Schema.DDL_DIGEST_KEY);
                    ps.setString(2, Schema.DDL_DIGEST);
                    ps.addBatch();
                    ps.executeBatch();
                }
            });
        }
    }

    /** Runs {@code work} in one transaction on this store's connection, committed or rolled back whole. */
    private void inTransaction(SqlWork work) throws SQLException {
        conn.setAutoCommit(false);
        try {
            work.run(conn);
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(conn, e);
            throw e;
        }
        conn.setAutoCommit(true);
    }


    /** Drops the tables and views oxmeter creates (never another name), and forgets every setting but identity. */
    private static void dropOwn(Statement st) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT table_name, table_type FROM information_schema.tables "
                        + "WHERE table_catalog = current_database() AND table_schema = 'main'")) {
            while (rs.next()) {
                if (Schema.OWN_NAMES.contains(rs.getString(1)) && !rs.getString(1).equals("meta")) {
                    objects.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] o : objects) {
            if (o[1].toUpperCase(Locale.ROOT).contains("VIEW")) {
                st.execute("DROP VIEW IF EXISTS \"" + o[0] + "\"");
            }
        }
        for (String[] o : objects) {
            if (!o[1].toUpperCase(Locale.ROOT).contains("VIEW")) {
                st.execute("DROP TABLE IF EXISTS \"" + o[0] + "\" CASCADE");
            }
        }
        st.execute("DELETE FROM meta WHERE key <> '" + IDENTITY_KEY + "'");
    }

    public Path file() {
        return file;
    }

    /** The JDBC connection, for the store's own DAOs and for {@code oxmeter sql}. */
    public Connection connection() {
        return conn;
    }

    /**
     * Prepares {@code sql}, a statement over rows keyed like compositions whose three parameters are the options
     * fingerprint, the facts version and the trees (as in {@code tree IN (SELECT unnest(?::VARCHAR[]))}), and binds
     * them. The caller closes it.
     */
    static PreparedStatement keyedByTrees(Connection conn, String sql, String options, String factsVersion,
                                          Collection<Oid> trees) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        try {
            ps.setString(1, options);
            ps.setString(2, factsVersion);
            ps.setArray(3, conn.createArrayOf("VARCHAR", trees.stream().map(Oid::hex).distinct().toArray()));
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public void transaction(SqlWork work) {
        try {
            inTransaction(work);
        } catch (SQLException e) {
            String env = IoReason.named(e.getMessage());
            if (env != null) {
                throw new WriteFailure("writing the store " + file + " failed: " + env, e);
            }
            throw new OxmeterException("writing the store " + file + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Rolls back after {@code cause} and returns to auto-commit. A failed commit (a full disk) may already have
     * ended the transaction, and then both steps fail too ("no transaction is active"): those errors must not hide
     * the cause, they are kept as suppressed.
     */
    private static void rollback(Connection conn, Exception cause) {
        try {
            conn.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            conn.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** A unit of store work that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // closing a DuckDB connection only fails when it is already gone; nothing to save then
        }
    }

    @Override
    public void close() {
        closeQuietly(conn);
    }
}
