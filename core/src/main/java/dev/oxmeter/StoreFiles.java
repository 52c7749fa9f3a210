package dev.oxmeter;

import dev.oxmeter.render.Table;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.store.Store;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A store file on its own: where a repository's default store lives, ad hoc queries over a store and its export to
 * Parquet. Stateless; each call opens and closes the store.
 */
public final class StoreFiles {
    /** The version of the store's tables and views. */
    public static final int SCHEMA_VERSION = Store.SCHEMA_VERSION;

    private StoreFiles() {
    }

    /** The default store of the repository whose git directory is {@code dir}, with environment {@code env}. */
    static Path defaultFor(Path dir, String repoName, Function<String, String> env) {
        Path cache = cacheHome(env);
        String where = dir.toString();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(where.getBytes(StandardCharsets.UTF_8));
            String name = repoName.replaceAll("[^A-Za-z0-9._-]", "_");
            return cache.resolve("oxmeter").resolve(name + "-" + HexFormat.of().formatHex(d, 0, 4) + ".duckdb");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The user's cache directory: {@code $XDG_CACHE_HOME} when it is an absolute path (the XDG specification says
     * to ignore a relative one), else {@code $HOME/.cache}, else the JVM's idea of home.
     */
    public static Path cacheHome(Function<String, String> env) {
        Path xdg = absolute(env.apply("XDG_CACHE_HOME"));
        if (xdg != null) {
            return xdg;
        }
        Path home = absolute(env.apply("HOME"));
        return (home != null ? home : Path.of(System.getProperty("user.home"))).resolve(".cache");
    }

    private static Path absolute(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * The store to read: {@code file} when given, else the default store of the repository at {@code repository}
     * (or the current directory's); it must exist.
     */
    public static Path existing(Path repository, Path file) {
        Path f = file;
        if (f == null) {
            try (GitRepo repo = GitRepo.open(repository != null ? repository : Path.of("").toAbsolutePath())) {
                f = defaultFor(repo.directory(), repo.name(), System::getenv);
            }
        }
        if (!Files.exists(f)) {
            throw new OxmeterException("no store at " + f
                    + ": run 'oxmeter history' (or scan) on the repository first");
        }
        return f;
    }

    /**
     * Runs {@code query} (DuckDB's SQL) over the store {@code file}, opened read-only with no access to other
     * files; a statement without rows gives one cell, the update count.
     */
    public static Table query(Path file, String query) {
        try (Store store = Store.openReadOnly(file, false)) {
            return run(store, query);
        }
    }

    static Table run(Store store, String query) {
        try (Statement st = store.connection().createStatement()) {
            boolean hasRows = st.execute(query);
            if (!hasRows) {
                return new Table.Builder(null, "updated").row((long) st.getUpdateCount()).build();
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(md.getColumnLabel(i));
                }
                Table.Builder b = new Table.Builder(null, cols);
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= cols.size(); i++) {
                        row.add(cell(rs.getObject(i)));
                    }
                    b.row(row);
                }
                return b.build();
            }
        } catch (SQLException e) {
            throw new OxmeterException("query failed: " + duckdbMessage(e));
        }
    }

    /**
     * DuckDB's own message on one line: its error class and text and its hint ("Did you mean ...?"), without the
     * JDBC wrapper's prefix and the caret lines that point into the query.
     */
    static String duckdbMessage(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceFirst("^java\\.sql\\.SQLException: ", "");
        // the JDBC driver wraps a failed statement's error in one about its pending result: keep DuckDB's own
        int own = m.indexOf("pending query result\nError: ");
        if (own >= 0) {
            m = m.substring(own + "pending query result\nError: ".length());
        }
        StringBuilder sb = new StringBuilder();
        for (String line : m.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("LINE ") || l.chars().allMatch(ch -> ch == '^' || ch == ' ')) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(l);
        }
        return sb.toString();
    }

    private static Object cell(Object o) {
        if (o == null || o instanceof String || o instanceof Long || o instanceof Double) {
            return o;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? bi.longValue() : bi.toString();
        }
        if (o instanceof BigDecimal bd) {
            return bd.doubleValue();
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        return o.toString();
    }

    /**
     * Writes every table and view of the store {@code file} as {@code dir/NAME.parquet} (each replaced atomically)
     * and returns the file names written.
     *
     * @throws WriteFailure when {@code dir} cannot be written
     */
    public static List<String> exportParquet(Path file, Path dir) {
        List<String> written = new ArrayList<>();
        try (Store store = Store.openReadOnly(file, true)) {
            Files.createDirectories(dir);
            List<String> names = new ArrayList<>();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = 'main' ORDER BY table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                Path target = dir.resolve(name + ".parquet").toAbsolutePath();
                Path tmp = dir.resolve("." + name + ".parquet.tmp").toAbsolutePath();
                try (Statement st = store.connection().createStatement()) {
                    st.execute("COPY (SELECT * FROM \"" + name + "\") TO '" + tmp.toString().replace("'", "''")
                            + "' (FORMAT PARQUET)");
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target.getFileName().toString());
            }
        } catch (SQLException e) {
            String env = IoReason.named(e.getMessage());
            if (env != null) {
                throw new WriteFailure("cannot write to " + dir + ": " + env, e);
            }
            throw new OxmeterException("export failed: " + Store.firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new WriteFailure("cannot write to " + dir + ": " + IoReason.of(e), e);
        }
        return written;
    }
}
