package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Oid;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The store's {@code toolchain_listings}: per root tree and listing version, the text listing of the files below
 * it that the toolchain scan reads. A tree id fixes its listing, so rows never go stale and are only added. Not
 * thread-safe (one store, one thread).
 */
public final class ToolchainListingStore {
    private ToolchainListingStore() {
    }

    /** The kept listings of those of {@code trees} that have one under {@code version}. Cost: one query. */
    public static Map<Oid, String> find(Store store, String version, Collection<Oid> trees) {
        Map<Oid, String> out = new HashMap<>();
        if (trees.isEmpty()) {
            return out;
        }
        try {
            java.sql.Connection c = store.connection();
            PackedRows.read(c, "tree, listing", "toolchain_listings WHERE version = ? AND tree IN "
                            + "(SELECT unnest(?::VARCHAR[]))", "tree", "tree",
                    new Object[] {version, c.createArrayOf("VARCHAR", trees.stream().map(Oid::hex).toArray())},
                    f -> out.put(Oid.fromHex(f[0]), f[1]));
        } catch (SQLException e) {
            throw new OxmeterException("reading toolchain listings from " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        return out;
    }

    /** Adds the listings of trees not kept yet under {@code version}, in one transaction. */
    public static void save(Store store, String version, Map<Oid, String> listings) {
        if (listings.isEmpty()) {
            return;
        }
        Object[] trees = listings.keySet().stream().map(Oid::hex).toArray();
        Object[] texts = listings.values().toArray();
        store.transaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO toolchain_listings SELECT DISTINCT ON (tree) "
                    + "tree, ?, listing FROM (SELECT unnest(?::VARCHAR[]) AS tree, unnest(?::VARCHAR[]) AS listing) n "
                    + "WHERE NOT EXISTS (SELECT 1 FROM toolchain_listings k WHERE k.tree = n.tree AND k.version = ?)")) {
                ins.setString(1, version);
                ins.setArray(2, c.createArrayOf("VARCHAR", trees));
                ins.setArray(3, c.createArrayOf("VARCHAR", texts));
                ins.setString(4, version);
                ins.executeUpdate();
            }
        });
    }
}
