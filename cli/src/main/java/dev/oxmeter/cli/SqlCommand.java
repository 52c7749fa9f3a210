package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import dev.oxmeter.store.Store;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oxmeter sql}: ad hoc questions over the store. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run a SQL query (DuckDB dialect) over the store of a repository; tables and views "
                + "(history, rust_share, contributions, contributors ...) are in docs/store.md.",
                "The store is opened read-only and the query can read nothing else: no files, no extensions. "
                + "With --store FILE no repository is needed."})
final class SqlCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query, e.g. \"SELECT * FROM history\".")
    String query;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPO",
            description = "The repository whose store to query (default: the current directory's).")
    Path repoPath;

    @Option(names = "--store", paramLabel = "PATH", description = "Query this store file instead.")
    Path storePath;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json, csv or md (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the result to FILE (atomically) instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        dev.oxmeter.render.Format f;
        try {
            f = dev.oxmeter.render.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new dev.oxmeter.OxmeterException("--format: " + e.getMessage());
        }
        Path file = StoreOptions.existing(repoPath, storePath);
        Table t;
        try (Store store = Store.openReadOnly(file, false)) {
            t = run(store, query);
        }
        java.util.Map<String, Object> opts = new java.util.LinkedHashMap<>();
        opts.put("query", query);
        dev.oxmeter.render.Header header = new dev.oxmeter.render.Header("sql", null, file.toAbsolutePath().toString(),
                java.util.Map.of("schema", Store.SCHEMA_VERSION), opts, List.of());
        Output.emit(spec.commandLine().getOut(), TableWriter.render(t, f, header), out);
        return 0;
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
}
