package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import dev.oxmeter.language.Language;
import java.util.List;

/**
 * {@code c_helpers}: the counts of {@link CHelperScanner} for one C or C header blob, under the metrics declared
 * here ({@link #METRICS}). Runs on every C file of a kernel, so it returns at once (all zeros) when the bytes do
 * not contain {@code rust_helper_}. Stateless and thread-safe.
 */
public final class CHelperAnalysis implements BlobAnalysis {
    public static final String NAME = "c_helpers";

    public static final Metric HELPERS = metric("helpers", "functions",
            "C helper definitions (`rust_helper_*` functions)");
    public static final Metric HELPERS_ANNOTATED = metric("helpers_annotated", "functions",
            "helpers annotated with `__rust_helper`");
    public static final Metric HELPER_EXPORTS = metric("helper_exports", "lines",
            "`EXPORT_SYMBOL(rust_helper_…)` and `EXPORT_SYMBOL_GPL(rust_helper_…)` lines");

    /** The declared metrics, in the order commands print them. */
    public static final List<Metric> METRICS = List.of(HELPERS, HELPERS_ANNOTATED, HELPER_EXPORTS);

    private static Metric metric(String name, String unit, String meaning) {
        return new Metric(NAME, name, unit, meaning);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Metric> metrics() {
        return METRICS;
    }

    @Override
    public boolean appliesTo(Language language) {
        return language != null && ("C".equals(language.name()) || "C Header".equals(language.name()));
    }

    @Override
    public Metrics analyze(byte[] data, int off, int len) {
        CHelperReport report = CHelperScanner.scan(data, off, len);
        // nearly every C file of a kernel has no helper: they share one immutable result
        return report == CHelperReport.EMPTY ? NONE : Metrics.of(report.counts());
    }

    private static final Metrics NONE = Metrics.of(CHelperReport.EMPTY.counts());
}
