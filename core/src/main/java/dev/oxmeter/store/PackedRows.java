package dev.oxmeter.store;

import dev.oxmeter.model.Oid;
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
     * @param columns column expressions separated by {@code ", "} (none may contain that sequence); one written
     *                {@code #expr} is an integer column, sent as its digits and a comma, not length-prefixed: DuckDB
     *                builds the rows' strings a third faster that way (30,000 composition rows: 46 → 33 ms)
     * @param from    the FROM clause with its WHERE, {@code ?} bound to {@code params} in order (a
     *                {@link java.sql.Array} parameter is bound as an array)
     * @param key     the column whose rows are kept together
     * @param order   the order of the rows of one key, null for any order
     */
    static void read(Connection c, String columns, String from, String key, String order, Object[] params,
                     Consumer<String[]> row) throws SQLException {
        String[] fields = new String[columns.split(", ").length];
        readRaw(c, columns, from, key, order, params, r -> {
            for (int i = 0; i < fields.length; i++) {
                fields[i] = r.string(i);
            }
            row.accept(fields);
        });
    }

    /**
     * One row of {@link #readRaw}: its values as ranges of a shared byte array, read in place (numbers parsed
     * without a string each). Valid only during the call that received it.
     */
    static final class Row {
        private byte[] b;
        private final int[] at;
        private final int[] len;

        private Row(int columns) {
            at = new int[columns];
            len = new int[columns];
        }

        boolean isNull(int i) {
            return len[i] < 0;
        }

        /** Value {@code i} as text, or null. */
        String string(int i) {
            return len[i] < 0 ? null : new String(b, at[i], len[i], StandardCharsets.UTF_8);
        }

        /** Value {@code i}, an integer written in decimal (as {@code CAST(... AS VARCHAR)} writes it). */
        long longValue(int i) {
            return parseLong(b, at[i], at[i] + len[i]);
        }

        /** True when value {@code i} holds exactly {@code bytes}. */
        boolean sameAs(int i, byte[] bytes) {
            return len[i] == bytes.length && java.util.Arrays.equals(b, at[i], at[i] + len[i], bytes, 0, bytes.length);
        }

        /** Value {@code i}, a 40-digit object id, parsed in place; null for NULL. */
        Oid oid(int i) {
            if (len[i] < 0) {
                return null;
            }
            if (len[i] != 40) {
                throw new IllegalArgumentException("not a 40-digit object id: " + string(i));
            }
            return Oid.fromHex(b, at[i]);
        }

        /** Value {@code i}'s bytes, copied. */
        byte[] bytes(int i) {
            return java.util.Arrays.copyOfRange(b, at[i], at[i] + Math.max(0, len[i]));
        }

        /** Value {@code i} read as a sequence of {@link Fields} (empty for NULL). */
        Fields fields(int i) {
            return new Fields(b, at[i], at[i] + Math.max(0, len[i]));
        }
    }

    /** The decimal integer {@code b[from, end)}, as {@code CAST(... AS VARCHAR)} writes it. */
    private static long parseLong(byte[] b, int from, int end) {
        int p = from;
        boolean negative = p < end && b[p] == '-';
        if (negative) {
            p++;
        }
        if (p >= end) {
            throw new NumberFormatException("not a number: '" + new String(b, from, Math.max(0, end - from),
                    StandardCharsets.UTF_8) + "'");
        }
        long v = 0;
        for (; p < end; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not a number: '" + new String(b, from, end - from,
                        StandardCharsets.UTF_8) + "'");
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /**
     * The SQL text of one value of {@code expr} as a text field: its UTF-8 length in bytes, a colon and its bytes;
     * NULL as {@code -1:}.
     */
    static String textSql(String expr) {
        String v = "CAST(" + expr + " AS VARCHAR)";
        return "coalesce(CAST(strlen(" + v + ") AS VARCHAR), '-1') || ':' || coalesce(" + v + ", '')";
    }

    /**
     * The SQL text of one value of {@code expr} as an integer field: its digits and a comma (digits never hold a
     * comma); NULL as the comma alone.
     */
    static String integerSql(String expr) {
        return "coalesce(CAST(" + expr + " AS VARCHAR), '') || ','";
    }

    /** Binds {@code params} to {@code ps} from parameter {@code first} on, an {@link Array} as an array. */
    static void bind(PreparedStatement ps, int first, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Array a) {
                ps.setArray(first + i, a);
            } else {
                ps.setObject(first + i, params[i]);
            }
        }
    }

    /**
     * A value that itself holds fields: names as {@link #textSql} writes them (never NULL), integers as
     * {@link #integerSql} writes them. Read in order, in place.
     */
    static final class Fields {
        private final byte[] b;
        private int at;
        private final int end;

        private Fields(byte[] b, int at, int end) {
            this.b = b;
            this.at = at;
            this.end = end;
        }

        /** Whether fields remain. */
        boolean more() {
            return at < end;
        }

        /** The next field, a length-prefixed name, made into a string once per distinct name by {@code names}. */
        String name(Names names) {
            int len = 0;
            while (b[at] != ':') {
                int d = b[at++] - '0';
                if (d < 0 || d > 9) {
                    throw new NumberFormatException("not a length at byte " + (at - 1));
                }
                len = len * 10 + d;
            }
            at++;
            String s = names.of(b, at, len);
            at += len;
            return s;
        }

        /** The next field, an integer ended by a comma. */
        long number() {
            int comma = at;
            while (b[comma] != ',') {
                comma++;
            }
            long v = parseLong(b, at, comma);
            at = comma + 1;
            return v;
        }
    }

    /**
     * Makes the strings of a column with few distinct values (languages, kinds, metric names) once each: a table of
     * 256 slots with open addressing; past 192 distinct values, new ones are made per row. Not thread-safe.
     */
    static final class Names {
        private final byte[][] keys = new byte[256][];
        private final String[] names = new String[256];
        private int count;

        /** Value {@code column} of {@code r} as text, or null. */
        String of(Row r, int column) {
            return r.isNull(column) ? null : of(r.b, r.at[column], r.len[column]);
        }

        /** The UTF-8 text {@code b[at, at + len)}. */
        String of(byte[] b, int at, int len) {
            int h = len;
            for (int p = at, end = at + len; p < end; p++) {
                h = 31 * h + b[p];
            }
            for (int i = (h ^ (h >>> 16)) & 255; ; i = (i + 1) & 255) {
                if (keys[i] == null) {
                    String s = new String(b, at, len, StandardCharsets.UTF_8);
                    if (count < 192) {
                        keys[i] = java.util.Arrays.copyOfRange(b, at, at + len);
                        names[i] = s;
                        count++;
                    }
                    return s;
                }
                if (keys[i].length == len && java.util.Arrays.equals(b, at, at + len, keys[i], 0, len)) {
                    return names[i];
                }
            }
        }
    }

    /**
     * As {@link #read}, handing each row to {@code row} as a {@link Row} (reused between rows): for many rows of
     * numbers, where a string per value was most of the cost.
     */
    static void readRaw(Connection c, String columns, String from, String key, String order, Object[] params,
                        Consumer<Row> row) throws SQLException {
        String[] cols = columns.split(", ");
        boolean[] integer = new boolean[cols.length];
        StringBuilder expr = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            if (expr.length() > 0) {
                expr.append(" || ");
            }
            integer[i] = cols[i].startsWith("#");
            expr.append(integer[i] ? integerSql(cols[i].substring(1)) : textSql(cols[i]));
        }
        String sql = "SELECT encode(string_agg(" + expr + (order == null ? ", ''" : ", '' ORDER BY " + order)
                + ")) FROM " + from
                + " GROUP BY hash(" + key + ") % " + GROUPS;
        Row r = new Row(cols.length);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] b = rs.getBytes(1);
                    r.b = b;
                    int at = 0;
                    while (at < b.length) {
                        for (int i = 0; i < cols.length; i++) {
                            if (integer[i]) {
                                int first = at;
                                while (b[at] != ',') {
                                    at++;
                                }
                                r.at[i] = first;
                                r.len[i] = at == first ? -1 : at - first;
                                at++;
                                continue;
                            }
                            boolean isNull = b[at] == '-';
                            if (isNull) {
                                at++;
                            }
                            int len = 0;
                            while (b[at] != ':') {
                                len = len * 10 + (b[at++] - '0');
                            }
                            at++;
                            r.at[i] = at;
                            if (isNull) {
                                r.len[i] = -1;
                            } else {
                                r.len[i] = len;
                                at += len;
                            }
                        }
                        row.accept(r);
                    }
                }
            }
        }
    }
}
