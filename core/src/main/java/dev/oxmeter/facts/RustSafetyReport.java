package dev.oxmeter.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link RustSafetyScanner} found in one Rust file: counts per kind of {@code unsafe} site, how many are
 * documented, the number of {@code // INVARIANT:} comments, and every site with its line so a CLI can print
 * {@code path:line} for the undocumented ones. Immutable.
 */
public record RustSafetyReport(
        int unsafeBlocks,
        int unsafeBlocksDocumented,
        int unsafeFns,
        int unsafeFnsDocumented,
        int unsafeImpls,
        int unsafeImplsDocumented,
        int unsafeTraits,
        int unsafeTraitsDocumented,
        int unsafeExternBlocks,
        int invariantComments,
        List<Site> sites) {

    public static final RustSafetyReport EMPTY = new RustSafetyReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());

    public RustSafetyReport {
        sites = List.copyOf(sites);
    }

    /** Builds a report whose counts are derived from {@code sites}. */
    public static RustSafetyReport of(List<Site> sites, int invariantComments) {
        int[] total = new int[Kind.values().length];
        int[] documented = new int[Kind.values().length];
        for (Site s : sites) {
            total[s.kind().ordinal()]++;
            if (s.documented()) {
                documented[s.kind().ordinal()]++;
            }
        }
        return new RustSafetyReport(
                total[Kind.BLOCK.ordinal()], documented[Kind.BLOCK.ordinal()],
                total[Kind.FN.ordinal()], documented[Kind.FN.ordinal()],
                total[Kind.IMPL.ordinal()], documented[Kind.IMPL.ordinal()],
                total[Kind.TRAIT.ordinal()], documented[Kind.TRAIT.ordinal()],
                total[Kind.EXTERN_BLOCK.ordinal()], invariantComments, sites);
    }

    /**
     * The undocumented blocks, fns, impls and traits, in source order. Extern blocks are counted but not listed:
     * their SAFETY comment is informational (no lint asks for one).
     */
    public List<Site> undocumented() {
        return sites.stream().filter(s -> !s.documented() && s.kind() != Kind.EXTERN_BLOCK).toList();
    }

    /** The counts under the names of the metrics {@link RustSafetyAnalysis} declares, in its order. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(RustSafetyAnalysis.UNSAFE_BLOCKS.name(), (long) unsafeBlocks);
        m.put(RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED.name(), (long) unsafeBlocksDocumented);
        m.put(RustSafetyAnalysis.UNSAFE_FNS.name(), (long) unsafeFns);
        m.put(RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED.name(), (long) unsafeFnsDocumented);
        m.put(RustSafetyAnalysis.UNSAFE_IMPLS.name(), (long) unsafeImpls);
        m.put(RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED.name(), (long) unsafeImplsDocumented);
        m.put(RustSafetyAnalysis.UNSAFE_TRAITS.name(), (long) unsafeTraits);
        m.put(RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED.name(), (long) unsafeTraitsDocumented);
        m.put(RustSafetyAnalysis.UNSAFE_EXTERN_BLOCKS.name(), (long) unsafeExternBlocks);
        m.put(RustSafetyAnalysis.INVARIANT_COMMENTS.name(), (long) invariantComments);
        return m;
    }

    /** The kind of an {@code unsafe} site. */
    public enum Kind {
        /** {@code unsafe { … }}; documented by a {@code SAFETY:} comment. */
        BLOCK,
        /** {@code unsafe fn}, with or without a body; documented by a {@code # Safety} doc section. */
        FN,
        /** {@code unsafe impl}; documented by a {@code SAFETY:} comment. */
        IMPL,
        /** {@code unsafe trait}; documented by a {@code # Safety} doc section. */
        TRAIT,
        /** {@code unsafe extern "ABI" { … }}; documented by a {@code SAFETY:} comment (informational). */
        EXTERN_BLOCK
    }

    /** One {@code unsafe} site: its kind, the 1-based line of its {@code unsafe} keyword, and whether documented. */
    public record Site(Kind kind, int line, boolean documented) {
        public Site {
            Objects.requireNonNull(kind, "kind");
            if (line < 1) {
                throw new IllegalArgumentException("line must be >= 1: " + line);
            }
        }
    }
}
