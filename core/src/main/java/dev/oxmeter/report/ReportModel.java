package dev.oxmeter.report;

import dev.oxmeter.render.Fmt;
import dev.oxmeter.render.HistoryTables;

import dev.oxmeter.toolchain.ToolchainTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code oxmeter report} shows, independent of how it is rendered (HTML page or Markdown summary) and
 * of which analyses produced it. Sections that may not apply are {@link Part}s: either a value or the reason
 * there is none, which the page prints instead of an empty chart. Immutable; all strings are raw repository
 * strings, escaped only by the renderers.
 *
 * @param repository  the repository's display name
 * @param generatedAt when the report was generated, preformatted (null: not printed, e.g. in golden files)
 * @param tool        the tool and its version ("oxmeter 0.1.0"), printed in the footer
 * @param timeline    how the releases were selected, in words ("4 release tags")
 * @param releases    the selected revisions, oldest first, with their per-revision figures
 * @param languages   the programming languages charted (most code at the last release first; Rust always
 *                    included when present); the rest is summed as "other"
 * @param components  Rust code by component (top directories), per release
 * @param owners      Rust code per owner (MAINTAINERS entry or CODEOWNERS rule) at the last release
 * @param people      contributors to Rust per window
 * @param toolchain   declared rustc minimums, crates and distribution rustc per release; null when not computed
 *                    (the section is then left out)
 */
public record ReportModel(String repository, String generatedAt, String tool, String timeline, List<Release> releases,
                          List<String> languages, Part<Components> components, Part<Owners> owners,
                          Part<People> people, Part<ToolchainTimeline> toolchain) {
    public ReportModel {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tool, "tool");
        releases = List.copyOf(releases);
        languages = List.copyOf(languages);
        Objects.requireNonNull(components, "components");
        Objects.requireNonNull(owners, "owners");
        Objects.requireNonNull(people, "people");
    }

    /** A model without the toolchain section. */
    public ReportModel(String repository, String generatedAt, String tool, String timeline, List<Release> releases,
                       List<String> languages, Part<Components> components, Part<Owners> owners, Part<People> people) {
        this(repository, generatedAt, tool, timeline, releases, languages, components, owners, people, null);
    }

    /** This model with the toolchain section. */
    public ReportModel withToolchain(Part<ToolchainTimeline> t) {
        return new ReportModel(repository, generatedAt, tool, timeline, releases, languages, components, owners,
                people, Objects.requireNonNull(t, "toolchain"));
    }

    /** A section's value, or why there is none ({@code reason} is a complete phrase: "no MAINTAINERS file"). */
    public record Part<T>(T value, String reason) {
        public Part {
            if ((value == null) == (reason == null)) {
                throw new IllegalArgumentException("a part has either a value or a reason");
            }
        }

        public static <T> Part<T> of(T value) {
            return new Part<>(Objects.requireNonNull(value, "value"), null);
        }

        public static <T> Part<T> absent(String reason) {
            return new Part<>(null, Objects.requireNonNull(reason, "reason"));
        }

        public boolean present() {
            return value != null;
        }
    }

    /**
     * One selected revision.
     *
     * @param label           tag name or revision as given
     * @param commit          full commit id, or "" for a bare tree
     * @param date            committer date (UTC), or null
     * @param code            code lines per programming language (every language with code)
     * @param programmingCode code lines of all programming languages
     * @param rustFiles       counted Rust files
     * @param safety          unsafe sites and their documentation
     * @param helpers         C helpers for Rust and their annotation
     * @param boundary        Rust↔C boundary facts
     * @param components      Rust code lines per component, or empty when components were not computed
     */
    public record Release(String label, String commit, LocalDate date, Map<String, Long> code, long programmingCode,
                          long rustFiles, Safety safety, Helpers helpers, Boundary boundary,
                          Map<String, Long> components) {
        public Release {
            Objects.requireNonNull(label, "label");
            code = Collections.unmodifiableMap(new LinkedHashMap<>(code));
            components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        }

        public long rustCode() {
            return code.getOrDefault("Rust", 0L);
        }

        /** Rust code in percent of programming code (NaN without programming code); as HistoryTables.rustShare. */
        public double rustShare() {
            return programmingCode == 0 ? Double.NaN : 100.0 * rustCode() / programmingCode;
        }

        public Release withComponents(Map<String, Long> c) {
            return new Release(label, commit, date, code, programmingCode, rustFiles, safety, helpers, boundary, c);
        }
    }

    /** Unsafe sites of the Rust code and how many are documented (SAFETY comment or # Safety section). */
    public record Safety(long blocks, long blocksDocumented, long fns, long fnsDocumented, long impls,
                         long implsDocumented, long traits, long traitsDocumented, long externBlocks,
                         long invariants) {
        public static final Safety NONE = new Safety(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** Blocks, fns, impls and traits (the sites that can carry a safety justification). */
        public long sites() {
            return blocks + fns + impls + traits;
        }

        public long documented() {
            return blocksDocumented + fnsDocumented + implsDocumented + traitsDocumented;
        }

        public long undocumented() {
            return sites() - documented();
        }

        /** Documented sites in percent, NaN without sites. */
        public double coverage() {
            return percent(documented(), sites());
        }

        public double blockCoverage() {
            return percent(blocksDocumented, blocks);
        }

        public double fnCoverage() {
            return percent(fnsDocumented, fns);
        }
    }

    /** {@code rust_helper_*} definitions in C and how many carry {@code __rust_helper}. */
    public record Helpers(long helpers, long annotated, long exports) {
        public static final Helpers NONE = new Helpers(0, 0, 0);

        public double coverage() {
            return percent(annotated, helpers);
        }
    }

    /** Where Rust meets C: bindings:: references, extern "C" blocks and fns, #[no_mangle] items. */
    public record Boundary(long bindingsRefs, long externCBlocks, long externCFns, long noMangle) {
        public static final Boundary NONE = new Boundary(0, 0, 0, 0);
    }

    /**
     * Rust code by component.
     *
     * @param basis how components are formed, in words ("directories, 2 levels")
     * @param names the components charted, most Rust code at the last release first (the rest is "other")
     */
    public record Components(String basis, List<String> names) {
        public Components {
            names = List.copyOf(names);
        }
    }

    /**
     * Rust code per owner at one release.
     *
     * @param source   the ownership file ("MAINTAINERS", ".github/CODEOWNERS")
     * @param revision the release it was read at
     * @param rows     owners, most Rust code first; files nobody owns are in a row named "(no owner)"
     */
    public record Owners(String source, String revision, List<OwnerRow> rows) {
        public Owners {
            rows = List.copyOf(rows);
        }
    }

    public record OwnerRow(String name, long files, long code) {
    }

    /**
     * Who contributed to Rust.
     *
     * @param windows   one per release window, in timeline order
     * @param total     distinct contributors over the whole timeline (cumulative at the last release)
     * @param employers employers (or email domains) over the whole timeline, most contributors first
     * @param grouping  what {@code employers} groups by: "employer" (from an affiliations file) or "email domain"
     * @param top       the contributors over all windows, most commits first (at most a page's worth)
     * @param latest    the most recent window with contributors, or null when no window has any
     */
    public record People(List<Window> windows, int total, List<Employer> employers, String grouping,
                         List<Person> top, Latest latest) {
        public People {
            windows = List.copyOf(windows);
            employers = List.copyOf(employers);
            Objects.requireNonNull(grouping, "grouping");
            top = List.copyOf(top);
        }
    }

    /** One window {@code start..end}: contributors, of which new, and the cumulative count at its end. */
    public record Window(String label, LocalDate end, int contributors, int newContributors, int cumulative,
                         int commits) {
        public int returning() {
            return contributors - newContributors;
        }
    }

    /**
     * A named contributor to Rust.
     *
     * @param name        display name (after the mailmap)
     * @param commits     commits authored or co-authored
     * @param added       Rust lines added by those commits
     * @param removed     Rust lines removed
     * @param firstWindow the window of their first Rust commit
     * @param isNew       whether that first commit is in the window the row is about (for the overall list: in
     *                    the latest window)
     */
    public record Person(String name, int commits, long added, long removed, String firstWindow, boolean isNew) {
    }

    /** The people of one window, most commits first; {@code last} says whether it is the last window. */
    public record Latest(String window, boolean last, List<Person> people) {
        public Latest {
            people = List.copyOf(people);
        }
    }

    public record Employer(String name, int contributors, int commits) {
    }

    /** A headline figure: a short label, the value as printed, and a detail line (may be empty). */
    public record Figure(String label, String value, String detail) {
    }

    public Release first() {
        return releases.isEmpty() ? null : releases.get(0);
    }

    public Release last() {
        return releases.isEmpty() ? null : releases.get(releases.size() - 1);
    }

    /** Whether any selected release has unsafe sites (the safety section applies). */
    public boolean hasUnsafe() {
        return releases.stream().anyMatch(r -> r.safety().sites() > 0 || r.safety().externBlocks() > 0);
    }

    /** Whether any selected release defines C helpers (the helper section applies). */
    public boolean hasHelpers() {
        return releases.stream().anyMatch(r -> r.helpers().helpers() > 0);
    }

    public boolean hasRust() {
        return releases.stream().anyMatch(r -> r.rustFiles() > 0);
    }

    public boolean hasBoundary() {
        return releases.stream().anyMatch(r -> !r.boundary().equals(Boundary.NONE));
    }

    /** Index of the first release with Rust files, or -1. */
    public int firstRust() {
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).rustFiles() > 0) {
                return i;
            }
        }
        return -1;
    }

    /** The releases from the first with Rust on: the range of every Rust chart and table. Empty without Rust. */
    public List<Release> rustReleases() {
        int f = firstRust();
        return f < 0 ? List.of() : releases.subList(f, releases.size());
    }

    /** The people windows ending at a release with Rust or later (the windows of the Rust era). */
    public List<Window> rustWindows() {
        if (!people.present()) {
            return List.of();
        }
        List<Window> w = people.value().windows();
        int f = firstRust();
        if (f < 0 || w.size() != releases.size()) {
            return f < 0 ? List.of() : w;
        }
        return w.subList(f, w.size());
    }

    /**
     * The releases whose Rust files or code differ from the release listed before them, the first and the last
     * always included: the rows of the releases table.
     */
    public List<Release> changedReleases() {
        List<Release> out = new ArrayList<>();
        Release prev = null;
        for (int i = 0; i < releases.size(); i++) {
            Release r = releases.get(i);
            if (prev == null || i == releases.size() - 1 || r.rustFiles() != prev.rustFiles()
                    || r.rustCode() != prev.rustCode()) {
                out.add(r);
                prev = r;
            }
        }
        return out;
    }

    /**
     * When Rust arrived and what came before, in one or two sentences; null without Rust. Names the first release
     * with Rust, how many releases before it had none, and the main languages at the release before.
     */
    public String arrival() {
        int f = firstRust();
        if (f < 0) {
            return null;
        }
        Release r = releases.get(f);
        StringBuilder sb = new StringBuilder("Rust arrived in ").append(r.label()).append(when(r));
        if (f == 0) {
            return sb.append(releases.size() > 1 ? ", the first release measured." : ".").toString();
        }
        Release before = releases.get(f - 1);
        sb.append(", release ").append(f + 1).append(" of ").append(releases.size()).append(". The ").append(f)
                .append(f == 1 ? " release" : " releases").append(" before it");
        if (f > 1) {
            sb.append(" (").append(releases.get(0).label()).append(when(releases.get(0))).append(" to ")
                    .append(before.label()).append(')');
        }
        sb.append(f == 1 ? " had" : " had").append(" no Rust");
        List<String> mix = new ArrayList<>();
        before.code().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(3).forEach(e -> mix.add(e.getKey() + " " + Fmt.percent(percent(e.getValue(),
                        before.programmingCode()))));
        if (!mix.isEmpty() && before.programmingCode() > 0) {
            sb.append("; at ").append(before.label()).append(" the code was ").append(String.join(", ", mix));
        }
        return sb.append('.').toString();
    }

    private static String when(Release r) {
        return r.date() == null ? "" : " (" + r.date() + ")";
    }

    /** The headline figures, in page order; growth and contributors compare like with like. */
    public List<Figure> headline() {
        List<Figure> out = new ArrayList<>();
        Release last = last();
        if (last == null) {
            return out;
        }
        out.add(new Figure("Rust code at " + last.label(), Fmt.count(last.rustCode()) + " lines",
                Fmt.count(last.rustFiles()) + (last.rustFiles() == 1 ? " file" : " files")));
        out.add(new Figure("Rust share", Fmt.percent(last.rustShare()),
                "of " + Fmt.count(last.programmingCode()) + " lines of programming code"));
        int f = firstRust();
        if (f >= 0) {
            Release first = releases.get(f);
            out.add(new Figure("First release with Rust", first.label(), (first.date() == null ? ""
                    : first.date() + ", ") + (f == 0 ? "the first measured" : f + (f == 1 ? " release" : " releases")
                    + " without Rust before it")));
            List<Release> rust = rustReleases();
            if (rust.size() > 1) {
                Release ref = yearBefore(rust, last);
                boolean year = ref != null;
                if (ref == null) {
                    ref = rust.get(0);
                }
                long grown = last.rustCode() - ref.rustCode();
                String pct = ref.rustCode() == 0 ? "" : Fmt.signedPercent(100.0 * grown / ref.rustCode()) + " ";
                out.add(new Figure(year ? "Rust growth over the last year" : "Rust growth since it arrived",
                        Fmt.signed(grown) + " lines", pct + "since " + ref.label() + when(ref)));
            }
        }
        if (people.present() && !people.value().windows().isEmpty()) {
            List<Window> w = people.value().windows();
            Window now = w.get(w.size() - 1);
            List<Window> era = rustWindows();
            String detail = "";
            if (era.size() > 1) {
                double mean = era.stream().mapToInt(Window::contributors).average().orElse(0);
                detail = Fmt.decimals(mean, 1) + " on average per release window since Rust arrived";
            }
            out.add(new Figure("Rust contributors in " + now.label(), Fmt.count(now.contributors()), detail));
            out.add(new Figure("Rust contributors in total", Fmt.count(people.value().total()),
                    now.newContributors() > 0 ? Fmt.count(now.newContributors()) + " new in " + now.label() : ""));
        }
        if (hasUnsafe()) {
            Safety s = last.safety();
            out.add(new Figure("Undocumented unsafe sites", Fmt.count(s.undocumented()),
                    "of " + Fmt.count(s.sites()) + " (" + Fmt.percent(s.coverage()) + " documented)"));
        }
        if (hasHelpers()) {
            Helpers h = last.helpers();
            out.add(new Figure("C helper annotation", Fmt.percent(h.coverage()),
                    Fmt.count(h.annotated()) + " of " + Fmt.count(h.helpers()) + " helpers carry __rust_helper"));
        }
        return out;
    }

    /** The newest of {@code rs} dated at least a year before {@code last}, or null (also without dates). */
    private static Release yearBefore(List<Release> rs, Release last) {
        if (last.date() == null) {
            return null;
        }
        Release ref = null;
        for (Release r : rs) {
            if (r.date() != null && !r.date().isAfter(last.date().minusYears(1))) {
                ref = r;
            }
        }
        return ref;
    }

    static double percent(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }
}
