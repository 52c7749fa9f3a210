package dev.oxmeter.report;

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
public record ReportModel(String repository, String generatedAt, String timeline, List<Release> releases,
                          List<String> languages, Part<Components> components, Part<Owners> owners,
                          Part<People> people, Part<ToolchainTimeline> toolchain) {
    public ReportModel {
        Objects.requireNonNull(repository, "repository");
        releases = List.copyOf(releases);
        languages = List.copyOf(languages);
        Objects.requireNonNull(components, "components");
        Objects.requireNonNull(owners, "owners");
        Objects.requireNonNull(people, "people");
    }

    /** A model without the toolchain section. */
    public ReportModel(String repository, String generatedAt, String timeline, List<Release> releases,
                       List<String> languages, Part<Components> components, Part<Owners> owners, Part<People> people) {
        this(repository, generatedAt, timeline, releases, languages, components, owners, people, null);
    }

    /** This model with the toolchain section. */
    public ReportModel withToolchain(Part<ToolchainTimeline> t) {
        return new ReportModel(repository, generatedAt, timeline, releases, languages, components, owners, people,
                Objects.requireNonNull(t, "toolchain"));
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
     * @param employers employers over the whole timeline, most contributors first
     */
    public record People(List<Window> windows, int total, List<Employer> employers) {
        public People {
            windows = List.copyOf(windows);
            employers = List.copyOf(employers);
        }
    }

    /** One window {@code start..end}: contributors, of which new, and the cumulative count at its end. */
    public record Window(String label, LocalDate end, int contributors, int newContributors, int cumulative,
                         int commits) {
        public int returning() {
            return contributors - newContributors;
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

    /** The headline figures, in page order. */
    public List<Figure> headline() {
        List<Figure> out = new ArrayList<>();
        Release first = first();
        Release last = last();
        if (last == null) {
            return out;
        }
        out.add(new Figure("Rust code at " + last.label(), Fmt.count(last.rustCode()) + " lines",
                Fmt.count(last.rustFiles()) + (last.rustFiles() == 1 ? " file" : " files")));
        out.add(new Figure("Rust share", Fmt.percent(last.rustShare()),
                "of " + Fmt.count(last.programmingCode()) + " lines of programming code"));
        if (releases.size() > 1) {
            long grown = last.rustCode() - first.rustCode();
            String detail = first.rustCode() == 0 ? "from none at " + first.label()
                    : Fmt.signedPercent(100.0 * grown / first.rustCode()) + " since " + first.label();
            out.add(new Figure("Rust growth", Fmt.signed(grown) + " lines", detail));
        }
        if (people.present() && !people.value().windows().isEmpty()) {
            List<Window> w = people.value().windows();
            Window now = w.get(w.size() - 1);
            out.add(new Figure("Rust contributors in " + now.label(), Fmt.count(now.contributors()),
                    w.size() > 1 ? Fmt.count(w.get(0).contributors()) + " in " + w.get(0).label() : ""));
            out.add(new Figure("Rust contributors in total", Fmt.count(people.value().total()), ""));
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

    static double percent(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }
}
