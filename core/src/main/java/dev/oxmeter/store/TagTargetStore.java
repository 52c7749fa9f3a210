package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Oid;
import dev.oxmeter.source.TagTarget;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The store's {@code tag_targets}: what the object of each tag ref seen so far peels to ({@link TagTarget}). An
 * object id fixes its target, so rows never go stale and are only added. Not thread-safe (one store, one thread).
 */
public final class TagTargetStore {
    private TagTargetStore() {
    }

    /** Every kept target, by the object its tag ref points to. Cost: one query. */
    public static Map<Oid, TagTarget> load(Store store) {
        Map<Oid, TagTarget> out = new HashMap<>();
        try {
            PackedRows.Names types = new PackedRows.Names();
            PackedRows.readRaw(store.connection(), "object, type, commit, tree, #tag_date, #commit_date", "tag_targets",
                    "object", "object", new Object[0], r -> {
                        TagTarget t = new TagTarget(r.oid(0), types.of(r, 1), r.oid(2), r.oid(3), instant(r, 4),
                                instant(r, 5));
                        out.put(t.object(), t);
                    });
        } catch (SQLException e) {
            throw new OxmeterException("reading tag targets from " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        return out;
    }

    private static Instant instant(PackedRows.Row r, int column) {
        return r.isNull(column) ? null : Instant.ofEpochMilli(r.longValue(column));
    }

    /** Adds {@code targets} not kept yet, in one transaction. Cost: one statement. */
    public static void save(Store store, Collection<TagTarget> targets) {
        if (targets.isEmpty()) {
            return;
        }
        int n = targets.size();
        Object[] objects = new Object[n];
        Object[] types = new Object[n];
        Object[] commits = new Object[n];
        Object[] trees = new Object[n];
        Object[] tagDates = new Object[n];
        Object[] commitDates = new Object[n];
        int i = 0;
        for (TagTarget t : targets) {
            objects[i] = t.object().hex();
            types[i] = t.type();
            commits[i] = t.commit() == null ? null : t.commit().hex();
            trees[i] = t.tree() == null ? null : t.tree().hex();
            tagDates[i] = t.tagDate() == null ? null : t.tagDate().toEpochMilli();
            commitDates[i++] = t.commitDate() == null ? null : t.commitDate().toEpochMilli();
        }
        store.transaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO tag_targets SELECT DISTINCT ON (object) * FROM "
                    + "(SELECT unnest(?::VARCHAR[]) AS object, unnest(?::VARCHAR[]) AS type, unnest(?::VARCHAR[]) AS "
                    + "commit, unnest(?::VARCHAR[]) AS tree, unnest(?::BIGINT[]) AS tag_date, unnest(?::BIGINT[]) AS "
                    + "commit_date) n WHERE NOT EXISTS (SELECT 1 FROM tag_targets k WHERE k.object = n.object)")) {
                ins.setArray(1, c.createArrayOf("VARCHAR", objects));
                ins.setArray(2, c.createArrayOf("VARCHAR", types));
                ins.setArray(3, c.createArrayOf("VARCHAR", commits));
                ins.setArray(4, c.createArrayOf("VARCHAR", trees));
                ins.setArray(5, c.createArrayOf("BIGINT", tagDates));
                ins.setArray(6, c.createArrayOf("BIGINT", commitDates));
                ins.executeUpdate();
            }
        });
    }
}
