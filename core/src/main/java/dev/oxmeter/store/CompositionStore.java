package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.Composition;
import dev.oxmeter.aggregate.Totals;
import dev.oxmeter.source.Oid;
import dev.oxmeter.source.Revision;
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
import java.util.function.Function;

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
        try (PreparedStatement ps = store.connection().prepareStatement(
                "SELECT tree, language, files, lines, code, comment, blank, bytes FROM tree_composition "
                        + "WHERE options = ? AND facts_version = ? AND tree IN (SELECT unnest(?::VARCHAR[]))")) {
            ps.setString(1, options);
            ps.setString(2, factsVersion);
            ps.setArray(3, store.connection().createArrayOf("VARCHAR", trees.stream().map(Oid::hex).distinct()
                    .toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(Oid.fromHex(rs.getString(1)), t -> new Composition.Builder())
                            .add(rs.getString(2), new Totals(rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                    rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
            try (PreparedStatement ms = store.connection().prepareStatement(
                    "SELECT tree, metric, value FROM tree_metrics WHERE options = ? AND facts_version = ? "
                            + "AND tree IN (SELECT unnest(?::VARCHAR[]))")) {
                ms.setString(1, options);
                ms.setString(2, factsVersion);
                ms.setArray(3, store.connection().createArrayOf("VARCHAR", trees.stream().map(Oid::hex).distinct()
                        .toArray()));
                try (ResultSet rs = ms.executeQuery()) {
                    while (rs.next()) {
                        Composition.Builder b = out.get(Oid.fromHex(rs.getString(1)));
                        if (b != null) {
                            b.metric(rs.getString(2), rs.getLong(3));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new OxmeterException("reading saved results of " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        Map<Oid, Composition> result = new HashMap<>();
        out.forEach((t, b) -> result.put(t, b.build()));
        return result;
    }

    /** One revision's result to save: {@code treeKnown} when its tree's composition is already saved. */
    public record Saved(Revision revision, Composition composition, boolean treeKnown) {
    }

    /**
     * Saves the compositions of trees not saved yet and records every revision as analysed, all in one
     * transaction. {@code category} maps a row name to its category label.
     */
    public void save(List<Saved> results, Function<String, String> category) {
        if (results.isEmpty()) {
            return;
        }
        store.transaction(conn -> {
            Set<Oid> written = new HashSet<>();
            try (PreparedStatement del = conn.prepareStatement(
                    "DELETE FROM tree_composition WHERE tree = ? AND options = ? AND facts_version = ?");
                 PreparedStatement ins = conn.prepareStatement(
                         "INSERT INTO tree_composition VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement delm = conn.prepareStatement(
                         "DELETE FROM tree_metrics WHERE tree = ? AND options = ? AND facts_version = ?");
                 PreparedStatement insm = conn.prepareStatement("INSERT INTO tree_metrics VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement rv = conn.prepareStatement(
                         "INSERT OR REPLACE INTO revisions VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (Saved r : results) {
                    Revision rev = r.revision();
                    if (!r.treeKnown() && written.add(rev.tree())) {
                        del.setString(1, rev.tree().hex());
                        del.setString(2, options);
                        del.setString(3, factsVersion);
                        del.executeUpdate();
                        delm.setString(1, rev.tree().hex());
                        delm.setString(2, options);
                        delm.setString(3, factsVersion);
                        delm.executeUpdate();
                        for (Map.Entry<String, Long> m : r.composition().metrics().entrySet()) {
                            insm.setString(1, rev.tree().hex());
                            insm.setString(2, options);
                            insm.setString(3, factsVersion);
                            insm.setString(4, m.getKey());
                            insm.setLong(5, m.getValue());
                            insm.addBatch();
                        }
                        for (Map.Entry<String, Totals> e : r.composition().rows().entrySet()) {
                            Totals t = e.getValue();
                            ins.setString(1, rev.tree().hex());
                            ins.setString(2, options);
                            ins.setString(3, factsVersion);
                            ins.setString(4, e.getKey());
                            ins.setString(5, category.apply(e.getKey()));
                            ins.setLong(6, t.files());
                            ins.setLong(7, t.lines());
                            ins.setLong(8, t.code());
                            ins.setLong(9, t.comment());
                            ins.setLong(10, t.blank());
                            ins.setLong(11, t.bytes());
                            ins.addBatch();
                        }
                    }
                    rv.setString(1, rev.label());
                    rv.setString(2, rev.commit() == null ? null : rev.commit().hex());
                    rv.setString(3, rev.tree().hex());
                    rv.setTimestamp(4, rev.date() == null ? null : Timestamp.from(rev.date()));
                    rv.setString(5, options);
                    rv.setString(6, factsVersion);
                    rv.setTimestamp(7, now);
                    rv.addBatch();
                }
                ins.executeBatch();
                insm.executeBatch();
                rv.executeBatch();
            }
            CrashPoints.reached("compositions-before-commit");
        });
    }
}
