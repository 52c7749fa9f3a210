package dev.oxmeter.cli;

import dev.oxmeter.aggregate.Composition;
import dev.oxmeter.aggregate.Rows;
import dev.oxmeter.language.Language;
import dev.oxmeter.source.Oid;
import dev.oxmeter.source.Revision;
import dev.oxmeter.store.CompositionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compositions of a timeline: served from the store when saved, computed (and saved) otherwise. */
final class Compositions {
    private Compositions() {
    }

    /** The compositions of {@code revs}, in order; {@code served} receives how many came from the store. */
    static Map<Revision, Composition> of(Session s, List<Revision> revs, long[] served) {
        CompositionStore saved = s.store() == null ? null
                : new CompositionStore(s.store(), s.options().fingerprint(), s.computer().compositionVersion());
        Map<Oid, Composition> known = saved == null ? Map.of() : saved.load(revs.stream().map(Revision::tree).toList());
        List<Revision> missing = new ArrayList<>();
        for (Revision r : revs) {
            if (!known.containsKey(r.tree())) {
                missing.add(r);
            }
        }
        Map<Revision, Composition> computed = missing.isEmpty() ? Map.of() : s.engine().compose(missing);
        Map<Revision, Composition> out = new LinkedHashMap<>();
        List<CompositionStore.Saved> toSave = new ArrayList<>();
        for (Revision r : revs) {
            Composition c = known.get(r.tree());
            boolean fromStore = c != null;
            if (c == null) {
                c = computed.get(r);
            }
            out.put(r, c);
            if (c.row(Rows.MISSING).files() == 0) {
                // results with absent blobs are provisional: never saved, recomputed when the blobs arrive
                toSave.add(new CompositionStore.Saved(r, c, fromStore));
            }
        }
        if (saved != null) {
            saved.save(toSave, row -> category(s, row));
        }
        served[0] = revs.size() - missing.size();
        return out;
    }

    static String category(Session s, String row) {
        if (!Rows.isLanguage(row)) {
            return "none";
        }
        return s.computer().catalog().byName(row).map(Language::category).map(c -> c.name().toLowerCase(Locale.ROOT))
                .orElse("other");
    }
}
