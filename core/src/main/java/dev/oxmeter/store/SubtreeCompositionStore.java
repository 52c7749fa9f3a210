package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.SubtreeKey;
import dev.oxmeter.aggregate.SubtreeStore;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Totals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Saved compositions of subtrees (table {@code subtree_composition}), keyed by (tree, context, options fingerprint,
 * facts version), one row per subtree with its rows and metrics encoded as text. A run with one new release asks
 * for the subtrees of each level of its tree and walks only those never saved.
 *
 * <p>Cost: one query per tree level, joining the wanted keys (two arrays) with the table; when the table holds
 * nothing under these options the store is never asked again in this run. Not thread-safe (one store, one thread).
 */
public final class SubtreeCompositionStore implements SubtreeStore {
    private final Store store;
    private final String options;
    private final String factsVersion;
    private Boolean empty;

    public SubtreeCompositionStore(Store store, String optionsFingerprint, String factsVersion) {
        this.store = store;
        this.options = optionsFingerprint;
        this.factsVersion = factsVersion;
    }

    @Override
    public Map<SubtreeKey, Composition> find(Collection<SubtreeKey> keys) {
        Map<SubtreeKey, Composition> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        try {
            Connection c = store.connection();
            if (empty == null) {
                // nothing saved under these options (a cold store): a run then composes every subtree itself
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM subtree_composition WHERE options = ? "
                        + "AND facts_version = ? LIMIT 1")) {
                    ps.setString(1, options);
                    ps.setString(2, factsVersion);
                    try (ResultSet rs = ps.executeQuery()) {
                        empty = !rs.next();
                    }
                }
            }
            if (empty) {
                return out;
            }
            Object[] trees = new Object[keys.size()];
            Object[] contexts = new Object[keys.size()];
            int i = 0;
            for (SubtreeKey k : keys) {
                trees[i] = k.tree().hex();
                contexts[i++] = k.context();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT s.tree, s.context, s.composition FROM subtree_composition s JOIN "
                            + "(SELECT unnest(?::VARCHAR[]) AS tree, unnest(?::VARCHAR[]) AS context) w "
                            + "ON s.tree = w.tree AND s.context = w.context "
                            + "WHERE s.options = ? AND s.facts_version = ?")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", trees));
                ps.setArray(2, c.createArrayOf("VARCHAR", contexts));
                ps.setString(3, options);
                ps.setString(4, factsVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(new SubtreeKey(Oid.fromHex(rs.getString(1)), rs.getString(2)),
                                decode(rs.getString(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new OxmeterException("reading saved subtree results of " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        return out;
    }

    @Override
    public void save(Map<SubtreeKey, Composition> compositions) {
        if (compositions.isEmpty()) {
            return;
        }
        store.transaction(c -> {
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender app = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "subtree_composition")) {
                for (Map.Entry<SubtreeKey, Composition> e : compositions.entrySet()) {
                    app.beginRow();
                    app.append(e.getKey().tree().hex());
                    app.append(e.getKey().context());
                    app.append(options);
                    app.append(factsVersion);
                    app.append(encode(e.getValue()));
                    app.endRow();
                }
            }
            CrashPoints.reached("subtrees-before-commit");
        });
    }

    /** One line per row ({@code r name files lines code comment blank bytes}) and per metric ({@code m name value}). */
    static String encode(Composition c) {
        StringBuilder b = new StringBuilder(c.rows().size() * 40);
        c.rows().forEach((name, t) -> b.append("r\t").append(name).append('\t').append(t.files()).append('\t')
                .append(t.lines()).append('\t').append(t.code()).append('\t').append(t.comment()).append('\t')
                .append(t.blank()).append('\t').append(t.bytes()).append('\n'));
        c.metrics().forEach((name, v) -> b.append("m\t").append(name).append('\t').append(v).append('\n'));
        return b.toString();
    }

    static Composition decode(String s) {
        Composition.Builder b = new Composition.Builder();
        for (String line : s.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f[0].equals("r") && f.length == 8) {
                b.add(f[1], new Totals(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7])));
            } else if (f[0].equals("m") && f.length == 3) {
                b.metric(f[1], Long.parseLong(f[2]));
            } else {
                throw new IllegalStateException("malformed saved subtree composition line: " + line);
            }
        }
        return b.build();
    }
}
