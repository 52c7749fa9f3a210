package dev.oxmeter.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipMatcherTest {

    private static final Maintainers FIXTURE = Maintainers.parse(KernelData.resource("MAINTAINERS.fixture"));
    /** The directories of the imaginary tree the fixture is matched against. */
    private static final Set<String> DIRS = Set.of("drivers", "drivers/net", "drivers/net/phy", "rust",
            "rust/kernel", "rust/kernel/alloc", "include", "include/linux");
    private static final OwnershipMatcher MATCHER = OwnershipMatcher.of(FIXTURE, DIRS::contains);

    private static List<String> titles(OwnershipMatcher m, String path) {
        return m.match(path).stream().map(Owner::name).toList();
    }

    @Test
    void subtreePatternAndTheRest() {
        assertThat(MATCHER.matches("drivers/net/ethernet/intel/e1000.c"))
                .extracting(x -> x.entry().title(), OwnershipMatcher.Match::depth)
                .containsExactly(tuple("NETWORKING DRIVERS", 2), tuple("THE REST", -1));
    }

    @Test
    void starMatchesOnlyAtTheSameDepth() {
        assertThat(titles(MATCHER, "drivers/net/dummy.c")).containsExactly(
                "NETWORKING DRIVERS (TOP LEVEL ONLY)", "NETWORKING DRIVERS", "THE REST");
        assertThat(titles(MATCHER, "drivers/net/ethernet/dummy.c")).doesNotContain(
                "NETWORKING DRIVERS (TOP LEVEL ONLY)");
        // "*" has no slash, so it only takes top-level files; "*/" takes everything below the top
        assertThat(titles(MATCHER, "Makefile")).containsExactly("THE REST");
    }

    @Test
    void excludeDropsTheWholeEntry() {
        assertThat(titles(MATCHER, "drivers/net/wireless/ath/ath9k/main.c")).containsExactly("THE REST");
    }

    @Test
    void directoryRuleDependsOnTheTree() {
        // drivers/net/phy is a directory of this tree, so "F: drivers/net/phy" means drivers/net/phy/
        assertThat(MATCHER.matches("drivers/net/phy/qt2025.rs"))
                .extracting(x -> x.entry().title(), OwnershipMatcher.Match::depth).containsExactly(
                        tuple("QT2025 PHY DRIVER [RUST]", 4), tuple("PHY DRIVERS", 3),
                        tuple("NETWORKING DRIVERS", 2), tuple("THE REST", -1));
        assertThat(titles(MATCHER, "drivers/net/phylib.c")).doesNotContain("PHY DRIVERS");

        // without that knowledge the pattern is a prefix at depth 2: get_maintainer.pl's behaviour too
        OwnershipMatcher blind = OwnershipMatcher.of(FIXTURE);
        assertThat(titles(blind, "drivers/net/phy/qt2025.rs")).doesNotContain("PHY DRIVERS");
        assertThat(titles(blind, "drivers/net/phylib.c")).contains("PHY DRIVERS");
    }

    @Test
    void plainFilePatternIsAPrefixAtTheSameDepth() {
        assertThat(titles(MATCHER, "include/linux/phy.h")).containsExactly("PHY DRIVERS", "THE REST");
        // a faithful get_maintainer.pl quirk: the regex is anchored at the start only
        assertThat(titles(MATCHER, "include/linux/phy.h.orig")).contains("PHY DRIVERS");
        assertThat(titles(MATCHER, "include/linux/phy/x.h")).doesNotContain("PHY DRIVERS");
    }

    @Test
    void mostSpecificFirst() {
        assertThat(titles(MATCHER, "rust/kernel/alloc/kbox.rs")).containsExactly("RUST [ALLOC]", "RUST",
                "THE REST");
        assertThat(MATCHER.primary("rust/kernel/alloc.rs")).map(Owner::name).contains("RUST [ALLOC]");
        assertThat(MATCHER.primary("rust/kernel/sync.rs")).map(Owner::people)
                .contains(List.of("Rust Lead <rust@example.org>"));
    }

    @Test
    void wildcardsAndClasses() {
        assertThat(titles(MATCHER, "arch/arm/mach-omap2/board.c")).containsExactly("ARM SUB-ARCHITECTURES",
                "THE REST");
        assertThat(titles(MATCHER, "drivers/tty/samsung_s3c.c")).contains("ARM SUB-ARCHITECTURES");
        assertThat(titles(MATCHER, "drivers/tty/serial/samsung_s3c.c")).doesNotContain("ARM SUB-ARCHITECTURES");
        assertThat(titles(MATCHER, "drivers/iommu/amd_iommu_init.c")).contains("ARM SUB-ARCHITECTURES");
        assertThat(titles(MATCHER, "drivers/iommu/amd_iommu_init.o")).doesNotContain("ARM SUB-ARCHITECTURES");
        assertThat(titles(MATCHER, "drivers/net/phy/qt2025.cs")).contains("QT2025 PHY DRIVER [RUST]");
    }

    @Test
    void regexEntriesMatchAnywhereWithDepthZero() {
        assertThat(MATCHER.matches("arch/arm/mach-tegra/board.c"))
                .extracting(x -> x.entry().title(), OwnershipMatcher.Match::depth).containsExactly(
                        tuple("ARM SUB-ARCHITECTURES", 3), tuple("TEGRA ARCHITECTURE SUPPORT", 0),
                        tuple("THE REST", -1));
        assertThat(titles(MATCHER, "drivers/gpu/drm/nvtegra.c")).doesNotContain("TEGRA ARCHITECTURE SUPPORT");
    }

    @Test
    void uncompilableRegexIsReportedOnceAndSkipped() {
        assertThat(MATCHER.problems()).hasSize(1).first().asString().contains("(?<=foo)bar").contains(
                "BROKEN REGEX");
        assertThat(titles(MATCHER, "foobar/x.c")).containsExactly("THE REST");
    }

    @Test
    void keywordsAreNotUsedForFiles() {
        assertThat(titles(MATCHER, "drivers/gpu/rust_thing.c")).containsExactly("THE REST");
    }

    @Test
    void tiesKeepFileOrderAndExcludesAreChecked() {
        Maintainers m = Maintainers.parse("""
                SECOND IN RANK
                F:\tlib/
                F:\tlib/a/
                X:\tlib/a/skip.c

                FIRST IN FILE ORDER AT DEPTH 2
                F:\tlib/a/

                DEEP
                F:\tlib/a/b.c
                """);
        OwnershipMatcher om = OwnershipMatcher.of(m);
        // the first entry ranks by its deepest matching pattern (lib/a/ = 2), tying with the second
        assertThat(om.matches("lib/a/b.c")).extracting(x -> x.entry().title(), OwnershipMatcher.Match::depth)
                .containsExactly(tuple("DEEP", 3), tuple("SECOND IN RANK", 2),
                        tuple("FIRST IN FILE ORDER AT DEPTH 2", 2));
        assertThat(titles(om, "lib/a/skip.c")).containsExactly("FIRST IN FILE ORDER AT DEPTH 2");
        assertThat(om.primary("other/x.c")).isEmpty();
    }

    @Test
    void perlExtendedRegexWhitespace() {
        assertThat(PerlRegex.translate("a b [ c]\\ d").re2()).isEqualTo("ab[ c]\\ d");
        Maintainers m = Maintainers.parse("X86\nN:\tx86 _64\n");
        assertThat(titles(OwnershipMatcher.of(m), "arch/x86_64/boot.c")).containsExactly("X86");
    }

    @Test
    void regexPrefilterOnlyKeepsLiteralsEveryMatchContains() {
        assertThat(OwnershipMatcher.requiredLiteral("[^a-z]tegra")).isEqualTo("tegra");
        assertThat(OwnershipMatcher.requiredLiteral("rockchip")).isEqualTo("rockchip");
        assertThat(OwnershipMatcher.requiredLiteral("/pmac")).isEqualTo("/pmac");
        assertThat(OwnershipMatcher.requiredLiteral("colou?r")).isEqualTo("colo");
        assertThat(OwnershipMatcher.requiredLiteral("ab(cdef)?")).isEqualTo("ab");
        assertThat(OwnershipMatcher.requiredLiteral("foo|barbaz")).isEmpty();
        assertThat(OwnershipMatcher.requiredLiteral("(?i)tegra")).isEmpty();
        assertThat(OwnershipMatcher.requiredLiteral("x\\.[ch]$")).isEqualTo("x");
        Maintainers m = Maintainers.parse("OPT\nN:\tcolou?r\n");
        assertThat(titles(OwnershipMatcher.of(m), "drivers/color/x.c")).containsExactly("OPT");
    }

    @Test
    void realKernelMatches() {
        Optional<String> text = KernelData.realMaintainers();
        assumeTrue(text.isPresent(), "shared/data/linux/MAINTAINERS not found");
        OwnershipMatcher om = OwnershipMatcher.of(Maintainers.parse(text.get()));
        assertThat(om.problems()).isEmpty();
        List<String> vortex = titles(om, "drivers/net/ethernet/3com/3c59x.c");
        assertThat(vortex.get(0)).isEqualTo("3C59X NETWORK DRIVER");
        assertThat(vortex).contains("NETWORKING DRIVERS").last().isEqualTo("THE REST");
        // X: drops READ-COPY UPDATE for the torture test files, which RCUTORTURE MODULE owns
        assertThat(titles(om, "Documentation/RCU/torture.txt")).contains("RCUTORTURE MODULE")
                .doesNotContain("READ-COPY UPDATE (RCU)");
        assertThat(titles(om, "Documentation/RCU/whatisRCU.txt")).contains("READ-COPY UPDATE (RCU)");
        assertThat(titles(om, "net/wireless/wext-core.c")).doesNotContain("CFG80211 and NL80211");
        assertThat(titles(om, "net/wireless/core.c")).contains("CFG80211 and NL80211");
        assertThat(titles(om, "arch/arm/mach-tegra/board.c")).contains("TEGRA SUPPORT");
    }

    /**
     * Matches ~100k paths derived from the real F: patterns. Not timed (CI machines vary); it prints the
     * throughput: 100k paths in 0.15 s (second pass, after JIT warm-up) on a shared 2-core container, and
     * 0.3–0.45 s when that container had a load average of ~8; about 11 candidate patterns are tested per path.
     */
    @Test
    void manyPathsAgainstTheRealFile() {
        Optional<String> text = KernelData.realMaintainers();
        assumeTrue(text.isPresent(), "shared/data/linux/MAINTAINERS not found");
        Maintainers m = Maintainers.parse(text.get());
        OwnershipMatcher om = OwnershipMatcher.of(m);
        List<String> paths = derivedPaths(m, 100_000);
        assertThat(paths).hasSize(100_000);

        long owners = 0;
        for (String p : paths) { // warm-up pass, also the functional check
            List<Owner> o = om.match(p);
            assertThat(o).as(p).isNotEmpty();
            assertThat(o.get(o.size() - 1).name()).as(p).isEqualTo("THE REST");
            owners += o.size();
        }
        long t0 = System.nanoTime();
        long again = 0;
        for (String p : paths) {
            again += om.match(p).size();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(again).isEqualTo(owners);
        System.out.printf("OwnershipMatcher: %d paths in %d ms (%.1f owners/path)%n", paths.size(), ms,
                (double) owners / paths.size());
    }

    /** Concrete paths built from the F: patterns (wildcards filled in, subtrees given files), cycled to n. */
    static List<String> derivedPaths(Maintainers m, int n) {
        List<String> base = new ArrayList<>();
        for (MaintainersEntry e : m.entries()) {
            for (String f : e.files()) {
                String p = f.replace("*", "x").replace("?", "y").replaceAll("\\[[^]]*]", "c");
                if (p.endsWith("/")) {
                    base.add(p + "file.c");
                    base.add(p + "sub/dir/file.h");
                } else {
                    base.add(p);
                    base.add(p + ".orig");
                }
            }
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; out.size() < n; i++) {
            String b = base.get(i % base.size());
            int round = i / base.size();
            out.add(round == 0 ? b : (b.contains("/") ? b.substring(0, b.lastIndexOf('/') + 1) + "r" + round
                    + "_" + b.substring(b.lastIndexOf('/') + 1) : "r" + round + b));
        }
        return out;
    }
}
