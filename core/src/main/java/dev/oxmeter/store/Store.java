package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The persistent store: one embedded DuckDB database file per analysed repository. It holds the blob-facts
 * cache and every result table; the schema is documented in {@code docs/store.md}.
 *
 * <p>One process writes a store at a time (DuckDB locks the file; a second writer gets a clear error). Every write
 * is a transaction, so a run killed at any point leaves the last committed state. Not thread-safe: use from one
 * thread.
 */
public final class Store implements AutoCloseable {
    /** Bump when the schema changes; an older store is then rebuilt (it is a cache of what git already holds). */
    public static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection conn;

    private Store(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /**
     * Opens (creating if needed) the store at {@code file}, migrating or rebuilding an older schema.
     *
     * @param notice receives one-line notices for the user (e.g. a rebuild)
     * @throws OxmeterException when the file is locked by another process or is not a DuckDB database
     */
    public static Store open(Path file, Consumer<String> notice) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new OxmeterException("cannot create the store directory for " + file + ": " + e.getMessage(), e);
        }
        Connection c;
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock")) {
                throw new OxmeterException("the store " + file + " is in use by another oxmeter process; wait for it "
                        + "to finish or choose another --store");
            }
            throw new OxmeterException("cannot open the store " + file + ": " + firstLine(m), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB driver missing from the classpath", e);
        }
        Store s = new Store(file, c);
        try {
            s.migrate(notice);
        } catch (SQLException e) {
            s.close();
            throw new OxmeterException("the store " + file + " is unusable: " + firstLine(e.getMessage())
                    + " (delete it to start afresh)", e);
        }
        return s;
    }

    /** The first line of a (DuckDB) error message, for one-line reports. */
    public static String firstLine(String m) {
        if (m == null) {
            return "unknown error";
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    private void migrate(Consumer<String> notice) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS meta(key VARCHAR PRIMARY KEY, value VARCHAR)");
            Integer version = null;
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
                if (rs.next()) {
                    version = Integer.valueOf(rs.getString(1));
                }
            }
            boolean hasTables = false;
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name <> 'meta'")) {
                hasTables = rs.next() && rs.getLong(1) > 0;
            }
            if (version != null && version == SCHEMA_VERSION) {
                for (String ddl : Schema.DDL) {
                    st.execute(ddl);
                }
                return;
            }
            if (version != null && version > SCHEMA_VERSION) {
                throw new OxmeterException("the store " + file + " was written by a newer oxmeter (schema " + version
                        + "); use that version or another --store");
            }
            if (hasTables || version != null) {
                notice.accept("store " + file + " has schema " + (version == null ? "?" : version) + ", this oxmeter "
                        + "uses " + SCHEMA_VERSION + ": rebuilding it (cached facts are recomputed)");
                dropAll(st);
            }
            conn.setAutoCommit(false);
            try {
                for (String ddl : Schema.DDL) {
                    st.execute(ddl);
                }
                st.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
                conn.commit();
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        }
    }

    private static void dropAll(Statement st) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT table_name, table_type FROM information_schema.tables WHERE table_name <> 'meta'")) {
            while (rs.next()) {
                objects.add(new String[] {rs.getString(1), rs.getString(2)});
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
        st.execute("DELETE FROM meta");
    }

    public Path file() {
        return file;
    }

    /** The JDBC connection, for the store's own DAOs and for {@code oxmeter sql}. */
    public Connection connection() {
        return conn;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public void transaction(SqlWork work) {
        try {
            conn.setAutoCommit(false);
            try {
                work.run(conn);
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new OxmeterException("writing the store " + file + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** A unit of store work that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            // closing a DuckDB connection only fails when it is already gone; nothing to save then
        }
    }
}
