package dev.oxmeter.fleet;

import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Totals;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A composition in serializable form, as partial sums travel between Spark stages: rows of
 * {files, lines, code, comment, blank, bytes} and metric sums. Mutable; not thread-safe.
 */
final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, long[]> rows = new HashMap<>();
    private final HashMap<String, Long> metrics = new HashMap<>();

    static Partial of(Composition c) {
        Partial p = new Partial();
        c.rows().forEach((k, t) -> p.rows.put(k,
                new long[] {t.files(), t.lines(), t.code(), t.comment(), t.blank(), t.bytes()}));
        p.metrics.putAll(c.metrics());
        return p;
    }

    /** Adds {@code o} into this partial and returns this. */
    Partial merge(Partial o) {
        o.rows.forEach((k, v) -> rows.merge(k, v.clone(), (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        }));
        o.metrics.forEach((k, v) -> metrics.merge(k, v, Long::sum));
        return this;
    }

    Composition composition() {
        Composition.Builder b = new Composition.Builder();
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long[] v = e.getValue();
            b.add(e.getKey(), new Totals(v[0], v[1], v[2], v[3], v[4], v[5]));
        }
        metrics.forEach(b::metric);
        return b.build();
    }
}
