package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Oid;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counted Rust files of a tree (path and code lines), saved for {@code oxmeter report} so that a report from
 * a warm store needs no file listing: Rust code per component and per owner come from here. Keyed like
 * compositions (tree, scan options fingerprint, facts version). A tree is saved with at least one row (callers
 * only ask for trees whose composition has Rust files). The table is the report's own: created on first use, and
 * dropped with the rest when the store's schema is rebuilt.
 */
public final class RustFilesStore {
    private final Store store;
    private final String options;
    private final String factsVersion;

    /** One counted Rust file. */
    public record RustFile(String path, long code) {
    }

    public RustFilesStore(Store store, String optionsFingerprint, String factsVersion) {
        this.store = store;
        this.options = optionsFingerprint;
        this.factsVersion = factsVersion;
        try (Statement st = store.connection().createStatement()) {
            st.execute(Schema.REPORT_RUST_FILES);
        } catch (SQLException e) {
            throw new OxmeterException("preparing the store " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
    }

    /** The saved Rust files of those of {@code trees} that were saved, in path order. */
    public Map<Oid, List<RustFile>> load(Collection<Oid> trees) {
        Map<Oid, List<RustFile>> out = new HashMap<>();
        if (trees.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = Store.keyedByTrees(store.connection(),
                "SELECT tree, path, code FROM report_rust_files WHERE options = ? AND facts_version = ? "
                        + "AND tree IN (SELECT unnest(?::VARCHAR[])) ORDER BY tree, path", options, factsVersion,
                trees)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(Oid.fromHex(rs.getString(1)), t -> new ArrayList<>())
                            .add(new RustFile(rs.getString(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new OxmeterException("reading saved results of " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        return out;
    }

    /** Saves the Rust files of each tree (replacing what was saved for it), in one transaction. */
    public void save(Map<Oid, List<RustFile>> trees) {
        if (trees.isEmpty()) {
            return;
        }
        store.transaction(conn -> {
            try (PreparedStatement del = conn.prepareStatement(
                    "DELETE FROM report_rust_files WHERE tree = ? AND options = ? AND facts_version = ?");
                 PreparedStatement ins = conn.prepareStatement("INSERT INTO report_rust_files VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<Oid, List<RustFile>> e : trees.entrySet()) {
                    del.setString(1, e.getKey().hex());
                    del.setString(2, options);
                    del.setString(3, factsVersion);
                    del.executeUpdate();
                    for (RustFile f : e.getValue()) {
                        ins.setString(1, e.getKey().hex());
                        ins.setString(2, options);
                        ins.setString(3, factsVersion);
                        ins.setString(4, f.path());
                        ins.setLong(5, f.code());
                        ins.addBatch();
                    }
                }
                ins.executeBatch();
            }
        });
    }
}
