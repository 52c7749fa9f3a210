package dev.oxmeter.store;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Reads many rows of a query as a few long byte strings instead of one JDBC value per cell: DuckDB's JDBC driver
 * decodes every string value on its own, which makes reading 100,000s of rows take seconds. Each value is written
 * as its UTF-8 length in bytes, a colon and its bytes (NULL as {@code -1:}), so values come back exactly whatever
 * they hold (separators, newlines, any Unicode). Rows are grouped by a key column (all rows of one key in one
 * string, in the given order). Not thread-safe (one connection).
 */
final class PackedRows {
    /** Strings (groups) a query returns: each holds about 1/64 of the rows. */
    private static final int GROUPS = 64;

    private PackedRows() {
    }

    /**
     * Runs {@code SELECT columns FROM from} and hands each row's values to {@code row} as strings (null for NULL;
     * the array is reused between rows).
     *
     * @param columns column expressions separated by {@code ", "} (none may contain that sequence)
     * @param from    the FROM clause with its WHERE, {@code ?} bound to {@code params} in order (a
     *                {@link java.sql.Array} parameter is bound as an array)
     * @param key     the column whose rows are kept together
     * @param order   the order of the rows of one key, null for any order
     */
    static void read(Connection c, String columns, String from, String key, String order, Object[] params,
                     Consumer<String[]> row) throws SQLException {
        String[] cols = columns.split(", ");
        StringBuilder expr = new StringBuilder();
        for (String col : cols) {
            if (expr.length() > 0) {
                expr.append(" || ");
            }
            String v = "CAST(" + col + " AS VARCHAR)";
            expr.append("coalesce(CAST(strlen(").append(v).append(") AS VARCHAR), '-1') || ':' || coalesce(")
                    .append(v).append(", '')");
        }
        String sql = "SELECT encode(string_agg(" + expr + (order == null ? ", ''" : ", '' ORDER BY " + order)
                + ")) FROM " + from
                + " GROUP BY hash(" + key + ") % " + GROUPS;
        String[] fields = new String[cols.length];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Array a) {
                    ps.setArray(i + 1, a);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] b = rs.getBytes(1);
                    int at = 0;
                    while (at < b.length) {
                        for (int i = 0; i < fields.length; i++) {
                            boolean isNull = b[at] == '-';
                            if (isNull) {
                                at++;
                            }
                            int len = 0;
                            while (b[at] != ':') {
                                len = len * 10 + (b[at++] - '0');
                            }
                            at++;
                            if (isNull) {
                                fields[i] = null;
                            } else {
                                fields[i] = new String(b, at, len, StandardCharsets.UTF_8);
                                at += len;
                            }
                        }
                        row.accept(fields);
                    }
                }
            }
        }
    }
}
