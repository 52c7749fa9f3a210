package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.report.Table;
import dev.oxmeter.report.TableWriter;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oxmeter sql}: ad hoc questions over the store. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a SQL query (DuckDB dialect) over the store of a repository; see docs/store.md for tables.")
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

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path file = StoreOptions.existing(repoPath, storePath);
        Table t;
        try (Store store = Store.open(file, m -> { })) {
            t = run(store, query);
        }
        Output.emit(spec.commandLine().getOut(),
                TableWriter.render(t, common.format()), common);
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
            throw new OxmeterException("query failed: " + Store.firstLine(e.getMessage()));
        }
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
