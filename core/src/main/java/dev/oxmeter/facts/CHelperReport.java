package dev.oxmeter.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The helpers of one C file: definitions in source order and the number of
 * {@code EXPORT_SYMBOL_GPL(rust_helper_…)} / {@code EXPORT_SYMBOL(rust_helper_…)} lines. Immutable.
 */
public record CHelperReport(List<CHelper> helpers, int exports) {
    public static final CHelperReport EMPTY = new CHelperReport(List.of(), 0);

    public CHelperReport {
        helpers = List.copyOf(helpers);
        if (exports < 0) {
            throw new IllegalArgumentException("exports must be >= 0: " + exports);
        }
    }

    /** How many helpers carry {@code __rust_helper}. */
    public int annotated() {
        return (int) helpers.stream().filter(CHelper::annotated).count();
    }

    /** The counts under the names of the metrics {@link CHelperAnalysis} declares, in its order. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(CHelperAnalysis.HELPERS.name(), (long) helpers.size());
        m.put(CHelperAnalysis.HELPERS_ANNOTATED.name(), (long) annotated());
        m.put(CHelperAnalysis.HELPER_EXPORTS.name(), (long) exports);
        return m;
    }
}
