package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Totals;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Saved compositions of root trees, keyed by (tree, options fingerprint, facts version), and the revisions that
 * were analysed. A composition is written in one transaction with its revision row, so a killed run never leaves
 * a partial one. Not thread-safe.
 */
public final class CompositionStore {
    private final Store store;
    private final String options;
    private final String factsVersion;

    public CompositionStore(Store store, String optionsFingerprint, String factsVersion) {
        this.store = store;
        this.options = optionsFingerprint;
        this.factsVersion = factsVersion;
    }

    /** Saved compositions of the given trees (those never saved are absent). */
    public Map<Oid, Composition> load(Collection<Oid> trees) {
        Map<Oid, Composition.Builder> out = new HashMap<>();
        if (trees.isEmpty()) {
            return Map.of();
        }
        try {
            java.sql.Connection c = store.connection();
            Object[] ids = trees.stream().map(Oid::hex).distinct().toArray();
            // one packed row per tree (tree_composition_packed): 971 trees of git/git are 971 rows, not 30,000
            PackedRows.Names names = new PackedRows.Names();
            PackedRows.readRaw(c, "tree, rows, metrics", "tree_composition_packed WHERE options = ? AND "
                            + "facts_version = ? AND tree IN (SELECT unnest(?::VARCHAR[]))", "tree", null,
                    new Object[] {options, factsVersion, c.createArrayOf("VARCHAR", ids)}, r -> {
                        Composition.Builder b = out.computeIfAbsent(r.oid(0), t -> new Composition.Builder());
                        PackedRows.Fields f = r.fields(1);
                        while (f.more()) {
                            String row = f.name(names);
                            b.add(row, new Totals(f.number(), f.number(), f.number(), f.number(), f.number(),
                                    f.number()));
                        }
                        PackedRows.Fields m = r.fields(2);
                        while (m.more()) {
                            b.metric(m.name(names), m.number());
                        }
                    });
            // trees saved by an oxmeter that kept no packed row come from the two tables themselves
            Object[] rest = java.util.Arrays.stream(ids).filter(h -> !out.containsKey(Oid.fromHex((String) h)))
                    .toArray();
            if (rest.length > 0) {
                TreeRows rows = new TreeRows(out);
                PackedRows.readRaw(c, "tree, language, #files, #lines, #code, #comment, #blank, #bytes",
                        "tree_composition WHERE options = ? AND facts_version = ? AND tree IN (SELECT unnest(?::VARCHAR[]))",
                        "tree", "rowid", new Object[] {options, factsVersion, c.createArrayOf("VARCHAR", rest)},
                        r -> rows.builder(r, true).add(rows.name(r, 1), new Totals(r.longValue(2), r.longValue(3),
                                r.longValue(4), r.longValue(5), r.longValue(6), r.longValue(7))));
                PackedRows.readRaw(c, "tree, metric, #value",
                        "tree_metrics WHERE options = ? AND facts_version = ? AND tree IN (SELECT unnest(?::VARCHAR[]))",
                        "tree", "rowid", new Object[] {options, factsVersion, c.createArrayOf("VARCHAR", rest)}, r -> {
                            Composition.Builder b = rows.builder(r, false);
                            if (b != null) {
                                b.metric(rows.name(r, 1), r.longValue(2));
                            }
                        });
            }
        } catch (SQLException e) {
            throw new OxmeterException("reading saved results of " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        Map<Oid, Composition> result = new HashMap<>();
        out.forEach((t, b) -> result.put(t, b.build()));
        return result;
    }

    /**
     * Decodes rows keyed by tree in place: a tree's rows mostly come one after another, so its id is parsed once per
     * run of rows, and the few row and metric names are made into strings once.
     */
    private static final class TreeRows {
        private final Map<Oid, Composition.Builder> out;
        private final PackedRows.Names names = new PackedRows.Names();
        private byte[] lastTree = new byte[0];
        private Composition.Builder last;

        TreeRows(Map<Oid, Composition.Builder> out) {
            this.out = out;
        }

        /** The builder of column 0's tree: created when {@code create}, else null for a tree with no rows yet. */
        Composition.Builder builder(PackedRows.Row r, boolean create) {
            if (!r.sameAs(0, lastTree)) {
                Oid id = r.oid(0);
                last = create ? out.computeIfAbsent(id, t -> new Composition.Builder()) : out.get(id);
                lastTree = last == null ? new byte[0] : r.bytes(0);
            }
            return last;
        }

        String name(PackedRows.Row r, int column) {
            return names.of(r, column);
        }
    }

    /** One revision's result to save: {@code treeKnown} when its tree's composition is already saved. */
    public record Saved(Revision revision, Composition composition, boolean treeKnown) {
    }

    /**
     * Saves the compositions of trees not saved yet and records every revision as analysed, all in one
     * transaction. {@code category} maps a row name to its category label. Cost: a handful of statements whatever
     * the number of revisions (appenders and array parameters, no statement per row); revision rows already saved
     * with the same commit, tree and date are left as they are.
     */
    public void save(List<Saved> results, Function<String, String> category) {
        if (results.isEmpty()) {
            return;
        }
        store.transaction(conn -> {
            Map<Oid, Composition> trees = new java.util.LinkedHashMap<>();
            for (Saved r : results) {
                if (!r.treeKnown()) {
                    trees.putIfAbsent(r.revision().tree(), r.composition());
                }
            }
            if (!trees.isEmpty()) {
                for (String table : List.of("tree_composition", "tree_metrics", "tree_composition_packed")) {
                    try (PreparedStatement del = Store.keyedByTrees(conn, "DELETE FROM " + table
                            + " WHERE options = ? AND facts_version = ? AND tree IN (SELECT unnest(?::VARCHAR[]))", options,
                            factsVersion, trees.keySet())) {
                        del.executeUpdate();
                    }
                }
                DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
                try (DuckDBAppender ins = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tree_composition");
                     DuckDBAppender insm = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tree_metrics")) {
                    for (Map.Entry<Oid, Composition> tc : trees.entrySet()) {
                        String tree = tc.getKey().hex();
                        for (Map.Entry<String, Long> m : tc.getValue().metrics().entrySet()) {
                            insm.beginRow();
                            insm.append(tree);
                            insm.append(options);
                            insm.append(factsVersion);
                            insm.append(m.getKey());
                            insm.append(m.getValue().longValue());
                            insm.endRow();
                        }
                        for (Map.Entry<String, Totals> e : tc.getValue().rows().entrySet()) {
                            Totals t = e.getValue();
                            ins.beginRow();
                            ins.append(tree);
                            ins.append(options);
                            ins.append(factsVersion);
                            ins.append(e.getKey());
                            ins.append(category.apply(e.getKey()));
                            ins.append(t.files());
                            ins.append(t.lines());
                            ins.append(t.code());
                            ins.append(t.comment());
                            ins.append(t.blank());
                            ins.append(t.bytes());
                            ins.endRow();
                        }
                    }
                }
            }
            if (!trees.isEmpty()) {
                pack(conn, "options = ? AND facts_version = ? AND tree IN (SELECT unnest(?::VARCHAR[]))",
                        options, factsVersion, conn.createArrayOf("VARCHAR", trees.keySet().stream().map(Oid::hex)
                                .toArray()));
            }
            saveRevisions(conn, results);
            CrashPoints.reached("compositions-before-commit");
        });
    }

    /**
     * Adds the {@code tree_composition_packed} row of every tree whose {@code tree_composition} rows match
     * {@code where} (applied to both tables, its parameters {@code params}), made from those rows and its
     * {@code tree_metrics} rows. Cost: one statement.
     */
    private static void pack(java.sql.Connection conn, String where, Object... params) throws SQLException {
        // the fields PackedRows.Fields reads back in load
        String row = PackedRows.textSql("language") + " || " + String.join(" || ", List.of("files", "lines", "code",
                "comment", "blank", "bytes").stream().map(PackedRows::integerSql).toList());
        String metric = PackedRows.textSql("metric") + " || " + PackedRows.integerSql("value");
        String sql = "INSERT INTO tree_composition_packed SELECT c.tree, c.options, c.facts_version, c.packed, "
                + "coalesce(m.packed, '') FROM (SELECT tree, options, facts_version, string_agg(" + row
                + ", '' ORDER BY rowid) AS packed FROM tree_composition WHERE " + where
                + " GROUP BY tree, options, facts_version) c LEFT JOIN (SELECT tree, options, facts_version, string_agg("
                + metric + ", '' ORDER BY rowid) AS packed FROM tree_metrics WHERE " + where
                + " GROUP BY tree, options, facts_version) m USING (tree, options, facts_version)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            // where appears twice, once per table
            PackedRows.bind(ps, 1, params);
            PackedRows.bind(ps, 1 + params.length, params);
            ps.executeUpdate();
        }
    }

    /**
     * Makes {@code tree_composition_packed} again from the two tables it is made of, for a store written when it
     * was not kept (or not kept by every writer). Cost: one pass over both tables.
     */
    static void repack(java.sql.Connection conn) throws SQLException {
        try (java.sql.Statement st = conn.createStatement()) {
            st.execute("DELETE FROM tree_composition_packed");
        }
        pack(conn, "true");
    }

    /** Writes the revision rows that are new or differ from the saved ones: two statements in all. */
    private void saveRevisions(java.sql.Connection conn, List<Saved> results) throws SQLException {
        // the saved rows read in place and compared as ids and numbers: a warm run of 1,000 revisions writes nothing
        // and should spend nothing on formatting them
        Map<String, Revision> saved = new HashMap<>();
        PackedRows.readRaw(conn, "label, commit, tree, #epoch_ms(date)",
                "revisions WHERE options = ? AND facts_version = ?", "label", null, new Object[] {options, factsVersion},
                r -> saved.put(r.string(0), new Revision(r.string(0), r.oid(1), r.oid(2),
                        r.isNull(3) ? null : Instant.ofEpochMilli(r.longValue(3)))));
        Map<String, Revision> changed = new java.util.LinkedHashMap<>();
        for (Saved r : results) {
            Revision rev = r.revision();
            Revision was = saved.get(rev.label());
            boolean same = was != null && Objects.equals(was.commit(), rev.commit()) && was.tree().equals(rev.tree())
                    && Objects.equals(was.date() == null ? null : was.date().toEpochMilli(),
                            rev.date() == null ? null : rev.date().toEpochMilli());
            if (!same) {
                changed.put(rev.label(), rev);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        int n = changed.size();
        Object[] labels = new Object[n];
        Object[] commits = new Object[n];
        Object[] trees = new Object[n];
        Object[] dates = new Object[n];
        int i = 0;
        for (Revision rev : changed.values()) {
            labels[i] = rev.label();
            commits[i] = rev.commit() == null ? null : rev.commit().hex();
            trees[i] = rev.tree().hex();
            dates[i++] = rev.date() == null ? null : rev.date().toEpochMilli();
        }
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM revisions WHERE options = ? "
                + "AND facts_version = ? AND label IN (SELECT unnest(?::VARCHAR[]))")) {
            del.setString(1, options);
            del.setString(2, factsVersion);
            del.setArray(3, conn.createArrayOf("VARCHAR", labels));
            del.executeUpdate();
        }
        try (PreparedStatement ins = conn.prepareStatement("INSERT INTO revisions SELECT label, commit, tree, "
                + "to_timestamp(ms / 1000.0), ?, ?, ? FROM (SELECT unnest(?::VARCHAR[]) AS label, "
                + "unnest(?::VARCHAR[]) AS commit, unnest(?::VARCHAR[]) AS tree, unnest(?::BIGINT[]) AS ms)")) {
            ins.setString(1, options);
            ins.setString(2, factsVersion);
            ins.setTimestamp(3, Timestamp.from(Instant.now()));
            ins.setArray(4, conn.createArrayOf("VARCHAR", labels));
            ins.setArray(5, conn.createArrayOf("VARCHAR", commits));
            ins.setArray(6, conn.createArrayOf("VARCHAR", trees));
            ins.setArray(7, conn.createArrayOf("BIGINT", dates));
            ins.executeUpdate();
        }
    }
}
