package dev.oxmeter.render;

import static dev.oxmeter.facts.CHelperAnalysis.HELPERS;
import static dev.oxmeter.facts.CHelperAnalysis.HELPERS_ANNOTATED;
import static dev.oxmeter.facts.CHelperAnalysis.HELPER_EXPORTS;
import static dev.oxmeter.facts.RustSafetyAnalysis.INVARIANT_COMMENTS;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_BLOCKS;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_EXTERN_BLOCKS;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_FNS;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_IMPLS;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_TRAITS;
import static dev.oxmeter.facts.RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED;

import dev.oxmeter.facts.RustBoundaryAnalysis;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Metric;
import dev.oxmeter.model.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable timeline tables of the kernel lens ({@code safety} and {@code boundary} totals per revision),
 * built from compositions alone, so the single-repository commands and the fleet job emit the same columns. The
 * metric columns are named after the metrics the analyses declare.
 * Stateless.
 */
public final class LensTables {
    private LensTables() {
    }

    /** {@code part} of {@code whole} in percent; NaN when {@code whole} is 0. */
    public static double pct(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }

    /** One row per revision: unsafe sites in Rust code, their documentation, and unsafe sites per 1,000 lines. */
    public static Table safetyTotals(Map<Revision, Composition> comps, String title) {
        Table.Builder b = new Table.Builder(title, "revision", "date", "rust_code", UNSAFE_BLOCKS.name(),
                UNSAFE_BLOCKS_DOCUMENTED.name(), UNSAFE_BLOCKS_DOCUMENTED.name() + "_pct", UNSAFE_FNS.name(),
                UNSAFE_FNS_DOCUMENTED.name(), UNSAFE_IMPLS.name(), UNSAFE_IMPLS_DOCUMENTED.name(),
                UNSAFE_TRAITS.name(), UNSAFE_TRAITS_DOCUMENTED.name(), UNSAFE_EXTERN_BLOCKS.name(),
                INVARIANT_COMMENTS.name(), "unsafe_per_kloc");
        comps.forEach((r, c) -> {
            long code = c.row("Rust").code();
            long blocks = c.metric(UNSAFE_BLOCKS);
            b.row(r.label(), date(r), code, blocks,
                    c.metric(UNSAFE_BLOCKS_DOCUMENTED),
                    pct(c.metric(UNSAFE_BLOCKS_DOCUMENTED), blocks),
                    c.metric(UNSAFE_FNS), c.metric(UNSAFE_FNS_DOCUMENTED),
                    c.metric(UNSAFE_IMPLS), c.metric(UNSAFE_IMPLS_DOCUMENTED),
                    c.metric(UNSAFE_TRAITS), c.metric(UNSAFE_TRAITS_DOCUMENTED), c.metric(UNSAFE_EXTERN_BLOCKS),
                    c.metric(INVARIANT_COMMENTS),
                    code == 0 ? Double.NaN : 1000.0 * (blocks + c.metric(UNSAFE_FNS) + c.metric(UNSAFE_IMPLS)) / code);
        });
        return b.build();
    }

    /** One row per revision: C helpers and their annotation, and the Rust side of the boundary. */
    public static Table boundaryTotals(Map<Revision, Composition> comps, String title) {
        List<String> cols = new ArrayList<>(List.of("revision", "date", HELPERS.name(), HELPERS_ANNOTATED.name(),
                HELPERS_ANNOTATED.name() + "_pct", HELPER_EXPORTS.name()));
        RustBoundaryAnalysis.METRICS.forEach(m -> cols.add(m.name()));
        Table.Builder b = new Table.Builder(title, cols);
        comps.forEach((r, c) -> {
            List<Object> row = new ArrayList<>(List.of(r.label(), date(r), c.metric(HELPERS),
                    c.metric(HELPERS_ANNOTATED)));
            row.add(pct(c.metric(HELPERS_ANNOTATED), c.metric(HELPERS)));
            row.add(c.metric(HELPER_EXPORTS));
            RustBoundaryAnalysis.METRICS.forEach(m -> row.add(c.metric(m)));
            b.row(row);
        });
        return b.build();
    }

    /** The safety totals for reading: documented/total pairs with their share, in a table that fits a terminal. */
    public static Table safetyCompact(Map<Revision, Composition> comps, String title) {
        Table.Builder b = new Table.Builder(title + " · documented / total", "revision", "date", "Rust code",
                "unsafe blocks", "unsafe fns", "unsafe impls", "unsafe traits", "extern blocks", "INVARIANT",
                "unsafe/kloc");
        comps.forEach((r, c) -> {
            long code = c.row("Rust").code();
            long sites = c.metric(UNSAFE_BLOCKS) + c.metric(UNSAFE_FNS) + c.metric(UNSAFE_IMPLS);
            b.row(r.label(), r.date() == null ? "" : r.date().toString().substring(0, 10), code,
                    ratio(c, UNSAFE_BLOCKS, UNSAFE_BLOCKS_DOCUMENTED), ratio(c, UNSAFE_FNS, UNSAFE_FNS_DOCUMENTED),
                    ratio(c, UNSAFE_IMPLS, UNSAFE_IMPLS_DOCUMENTED), ratio(c, UNSAFE_TRAITS, UNSAFE_TRAITS_DOCUMENTED),
                    c.metric(UNSAFE_EXTERN_BLOCKS), c.metric(INVARIANT_COMMENTS),
                    code == 0 ? Double.NaN : 1000.0 * sites / code);
        });
        return b.build();
    }

    private static String ratio(Composition c, Metric total, Metric documented) {
        long all = c.metric(total);
        long doc = c.metric(documented);
        return all == 0 ? "0" : String.format(Locale.ROOT, "%,d/%,d (%.0f%%)", doc, all, 100.0 * doc / all);
    }

    private static String date(Revision r) {
        return r.date() == null ? "" : r.date().toString().substring(0, 10);
    }
}
