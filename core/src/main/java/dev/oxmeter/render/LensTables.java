package dev.oxmeter.render;

import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import java.util.Map;

/**
 * The machine-readable timeline tables of the kernel lens ({@code safety} and {@code boundary} totals per revision),
 * built from compositions alone, so the single-repository commands and the fleet job emit the same columns.
 * Stateless.
 */
public final class LensTables {
    static final String SAFETY = "rust_safety";
    static final String HELPERS = "c_helpers";
    static final String BOUNDARY = "rust_boundary";

    private LensTables() {
    }

    /** {@code part} of {@code whole} in percent; NaN when {@code whole} is 0. */
    public static double pct(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }

    /** One row per revision: unsafe sites in Rust code, their documentation, and unsafe sites per 1,000 lines. */
    public static Table safetyTotals(Map<Revision, Composition> comps, String title) {
        Table.Builder b = new Table.Builder(title, "revision", "date", "rust_code", "unsafe_blocks",
                "unsafe_blocks_documented", "unsafe_blocks_documented_pct", "unsafe_fns", "unsafe_fns_documented",
                "unsafe_impls", "unsafe_impls_documented", "unsafe_traits", "unsafe_extern_blocks",
                "invariant_comments", "unsafe_per_kloc");
        comps.forEach((r, c) -> {
            long code = c.row("Rust").code();
            long blocks = c.metric(SAFETY + ".unsafe_blocks");
            b.row(r.label(), date(r), code, blocks,
                    c.metric(SAFETY + ".unsafe_blocks_documented"),
                    pct(c.metric(SAFETY + ".unsafe_blocks_documented"), blocks),
                    c.metric(SAFETY + ".unsafe_fns"), c.metric(SAFETY + ".unsafe_fns_documented"),
                    c.metric(SAFETY + ".unsafe_impls"), c.metric(SAFETY + ".unsafe_impls_documented"),
                    c.metric(SAFETY + ".unsafe_traits"), c.metric(SAFETY + ".unsafe_extern_blocks"),
                    c.metric(SAFETY + ".invariant_comments"),
                    code == 0 ? Double.NaN : 1000.0 * (blocks + c.metric(SAFETY + ".unsafe_fns")
                            + c.metric(SAFETY + ".unsafe_impls")) / code);
        });
        return b.build();
    }

    /** One row per revision: C helpers and their annotation, and the Rust side of the boundary. */
    public static Table boundaryTotals(Map<Revision, Composition> comps, String title) {
        Table.Builder b = new Table.Builder(title, "revision", "date", "helpers", "helpers_annotated",
                "helpers_annotated_pct", "helper_exports", "bindings_refs", "extern_c_blocks", "extern_c_fns", "no_mangle_items");
        comps.forEach((r, c) -> b.row(r.label(), date(r),
                c.metric(HELPERS + ".helpers"), c.metric(HELPERS + ".helpers_annotated"),
                pct(c.metric(HELPERS + ".helpers_annotated"), c.metric(HELPERS + ".helpers")),
                c.metric(HELPERS + ".helper_exports"), c.metric(BOUNDARY + ".bindings_refs"),
                c.metric(BOUNDARY + ".extern_c_blocks"), c.metric(BOUNDARY + ".extern_c_fns"),
                c.metric(BOUNDARY + ".no_mangle_items")));
        return b.build();
    }

    private static String date(Revision r) {
        return r.date() == null ? "" : r.date().toString().substring(0, 10);
    }
}
