package dev.oxmeter.facts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The C boundary of one Rust file, as counted by {@link RustBoundaryScanner}. Immutable.
 *
 * @param bindingsRefs  occurrences of a {@code bindings::} path segment in code
 * @param externCBlocks {@code extern "C" {…}} blocks (with or without {@code unsafe}; no ABI means "C")
 * @param externCFns    {@code extern "C" fn name} items with any modifiers ({@code pub unsafe extern "C" fn})
 * @param noMangleItems items carrying {@code #[no_mangle]} or {@code #[unsafe(no_mangle)]}
 */
public record RustBoundaryReport(int bindingsRefs, int externCBlocks, int externCFns, int noMangleItems) {
    public static final RustBoundaryReport EMPTY = new RustBoundaryReport(0, 0, 0, 0);

    public RustBoundaryReport {
        if (bindingsRefs < 0 || externCBlocks < 0 || externCFns < 0 || noMangleItems < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** The counts under the names of the metrics {@link RustBoundaryAnalysis} declares, in its order. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(RustBoundaryAnalysis.BINDINGS_REFS.name(), (long) bindingsRefs);
        m.put(RustBoundaryAnalysis.EXTERN_C_BLOCKS.name(), (long) externCBlocks);
        m.put(RustBoundaryAnalysis.EXTERN_C_FNS.name(), (long) externCFns);
        m.put(RustBoundaryAnalysis.NO_MANGLE_ITEMS.name(), (long) noMangleItems);
        return m;
    }
}
