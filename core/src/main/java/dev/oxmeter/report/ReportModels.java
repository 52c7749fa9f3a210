package dev.oxmeter.report;

import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Totals;
import dev.oxmeter.render.HistoryTables;
import dev.oxmeter.render.ScanTables;
import dev.oxmeter.facts.CHelperAnalysis;
import dev.oxmeter.facts.RustBoundaryAnalysis;
import dev.oxmeter.facts.RustSafetyAnalysis;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fills a {@link ReportModel} from history compositions (and their blob-analysis metric sums). Stateless. */
public final class ReportModels {
    /** Languages charted by name; the rest is summed as "other". */
    public static final int LANGUAGES = 6;
    /** Components charted by name; the rest is summed as "other". */
    public static final int COMPONENTS = 8;

    private ReportModels() {
    }

    /**
     * The model of a history, with components, owners and people absent (for the reasons given); add them with
     * {@link #withComponents}, {@link #withOwners}, {@link #withPeople}.
     */
    public static ReportModel of(String repository, String generatedAt, String tool, String timeline,
                                 Map<Revision, Composition> history, LanguageCatalog catalog) {
        List<ReportModel.Release> releases = new ArrayList<>();
        history.forEach((r, c) -> releases.add(release(r, c, catalog)));
        return new ReportModel(repository, generatedAt, tool, timeline, releases, languages(releases),
                ReportModel.Part.absent("not computed"), ReportModel.Part.absent("not computed"),
                ReportModel.Part.absent("not computed"));
    }

    static ReportModel.Release release(Revision r, Composition c, LanguageCatalog catalog) {
        Map<String, Long> code = new LinkedHashMap<>();
        long rustFiles = 0;
        for (Map.Entry<String, Totals> e : ScanTables.sorted(c)) {
            if (HistoryTables.isProgramming(e.getKey(), catalog) && e.getValue().code() > 0) {
                code.put(e.getKey(), e.getValue().code());
            }
            if (e.getKey().equals("Rust")) {
                rustFiles = e.getValue().files();
            }
        }
        ReportModel.Safety safety = new ReportModel.Safety(
                c.metric(RustSafetyAnalysis.UNSAFE_BLOCKS), c.metric(RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED),
                c.metric(RustSafetyAnalysis.UNSAFE_FNS), c.metric(RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED),
                c.metric(RustSafetyAnalysis.UNSAFE_IMPLS), c.metric(RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED),
                c.metric(RustSafetyAnalysis.UNSAFE_TRAITS), c.metric(RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED),
                c.metric(RustSafetyAnalysis.UNSAFE_EXTERN_BLOCKS), c.metric(RustSafetyAnalysis.INVARIANT_COMMENTS));
        ReportModel.Helpers helpers = new ReportModel.Helpers(c.metric(CHelperAnalysis.HELPERS),
                c.metric(CHelperAnalysis.HELPERS_ANNOTATED), c.metric(CHelperAnalysis.HELPER_EXPORTS));
        ReportModel.Boundary boundary = new ReportModel.Boundary(c.metric(RustBoundaryAnalysis.BINDINGS_REFS),
                c.metric(RustBoundaryAnalysis.EXTERN_C_BLOCKS), c.metric(RustBoundaryAnalysis.EXTERN_C_FNS),
                c.metric(RustBoundaryAnalysis.NO_MANGLE_ITEMS));
        LocalDate date = r.date() == null ? null : LocalDate.ofInstant(r.date(), ZoneOffset.UTC);
        return new ReportModel.Release(r.label(), r.commit() == null ? "" : r.commit().hex(), date, code,
                HistoryTables.programmingCode(c, catalog), rustFiles, safety, helpers, boundary, Map.of());
    }

    /**
     * The languages with most code at their peak over the releases (so a language the project moved away from,
     * such as C++ in a C++-to-Rust port, is still charted), Rust always included when present anywhere.
     */
    static List<String> languages(List<ReportModel.Release> releases) {
        if (releases.isEmpty()) {
            return List.of();
        }
        Map<String, Long> peak = new LinkedHashMap<>();
        for (ReportModel.Release r : releases) {
            r.code().forEach((k, v) -> peak.merge(k, v, Math::max));
        }
        List<String> top = new ArrayList<>(topKeys(peak, LANGUAGES));
        boolean anyRust = releases.stream().anyMatch(r -> r.rustCode() > 0);
        if (anyRust && !top.contains("Rust")) {
            if (top.size() == LANGUAGES) {
                top.remove(top.size() - 1);
            }
            top.add("Rust");
        }
        ReportModel.Release last = releases.get(releases.size() - 1);
        // stack order: most code at the last release at the bottom, languages gone by then on top
        top.sort(java.util.Comparator.comparingLong((String l) -> -last.code().getOrDefault(l, 0L))
                .thenComparingLong(l -> -peak.getOrDefault(l, 0L)).thenComparing(l -> l));
        return top;
    }

    /** Keys with the largest values (ties by name), at most {@code n}. */
    static List<String> topKeys(Map<String, Long> m, int n) {
        return m.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    /**
     * Adds Rust code per component for each release ({@code perRelease} keyed by release label; releases
     * missing from it have no Rust). The charted components are those with most code at the last release that
     * has any, then those with most code at any earlier release.
     */
    public static ReportModel withComponents(ReportModel m, String basis, Map<String, Map<String, Long>> perRelease) {
        List<ReportModel.Release> rs = new ArrayList<>();
        Map<String, Long> peak = new LinkedHashMap<>();
        Map<String, Long> lastWithRust = Map.of();
        for (ReportModel.Release r : m.releases()) {
            Map<String, Long> c = perRelease.getOrDefault(r.label(), Map.of());
            rs.add(r.withComponents(c));
            c.forEach((k, v) -> peak.merge(k, v, Math::max));
            if (!c.isEmpty()) {
                lastWithRust = c;
            }
        }
        List<String> names = new ArrayList<>(topKeys(lastWithRust, COMPONENTS));
        for (String k : topKeys(peak, COMPONENTS)) {
            if (names.size() < COMPONENTS && !names.contains(k)) {
                names.add(k);
            }
        }
        ReportModel.Part<ReportModel.Components> part = peak.isEmpty()
                ? ReportModel.Part.absent("no Rust code in any selected release")
                : ReportModel.Part.of(new ReportModel.Components(basis, names));
        return new ReportModel(m.repository(), m.generatedAt(), m.tool(), m.timeline(), rs, m.languages(), part,
                m.owners(), m.people(), m.toolchain());
    }

    public static ReportModel withOwners(ReportModel m, ReportModel.Part<ReportModel.Owners> owners) {
        return new ReportModel(m.repository(), m.generatedAt(), m.tool(), m.timeline(), m.releases(), m.languages(),
                m.components(), owners, m.people(), m.toolchain());
    }

    public static ReportModel withPeople(ReportModel m, ReportModel.Part<ReportModel.People> people) {
        return new ReportModel(m.repository(), m.generatedAt(), m.tool(), m.timeline(), m.releases(), m.languages(),
                m.components(), m.owners(), people, m.toolchain());
    }
}
