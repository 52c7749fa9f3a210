package dev.oxmeter.render;

import dev.oxmeter.toolchain.CargoLock;
import dev.oxmeter.toolchain.Distributions;
import dev.oxmeter.toolchain.RevisionToolchain;
import dev.oxmeter.toolchain.RustVersion;
import dev.oxmeter.toolchain.ToolchainTimeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tables of {@code oxmeter toolchain}: a per-revision summary (compact for reading, complete for CSV), a
 * matrix of distributions against revisions, the crate changes, and a nested JSON document. Stateless.
 */
public final class ToolchainTables {
    static final String YES = "\u2713";
    static final String NO = "\u2717";

    private ToolchainTables() {
    }

    /** The tables for {@code format}: JSON is one nested document, CSV one flat table, text and md three tables. */
    public static String render(String title, ToolchainTimeline t, Distributions data, Map<String, Object> meta,
                                Format format, Header header) {
        return switch (format) {
            case JSON -> json(t, data, header);
            case CSV -> TableWriter.render(complete(title, t, meta), Format.CSV);
            case TABLE, MD -> TableWriter.render(List.of(summary(title, t, meta), builders(t), changes(t)), format);
        };
    }

    private static String v(RustVersion v) {
        return v == null ? "" : v.text();
    }

    static String editions(RevisionToolchain r) {
        return r.editions().entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + "\u00d7"
                + e.getValue()).collect(Collectors.joining(" "));
    }

    static String kernelRustc(RevisionToolchain r) {
        if (r.kernel() == null || r.kernel().rustc() == null) {
            return "";
        }
        String arch = r.kernel().rustcBy().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return r.kernel().rustc().text() + (arch.isEmpty() ? "" : " (" + arch + ")");
    }

    private static long[] crates(RevisionToolchain r, boolean test) {
        long[] n = new long[4];
        for (RevisionToolchain.Lock l : r.locks()) {
            if (l.testOrExample() == test) {
                n[0] += l.count(CargoLock.Source.LOCAL);
                n[1] += l.count(CargoLock.Source.REGISTRY);
                n[2] += l.count(CargoLock.Source.GIT);
                n[3] += l.count(CargoLock.Source.OTHER);
            }
        }
        return n;
    }

    private static String builders(ToolchainTimeline.Entry e) {
        long can = e.canBuild().size();
        long known = can + e.cannotBuild().size();
        return e.revision().required() == null || known == 0 ? "" : can + "/" + known;
    }

    /** The summary for reading: one row per revision. */
    public static Table summary(String title, ToolchainTimeline t, Map<String, Object> meta) {
        Table.Builder b = new Table.Builder(title, "revision", "date", "rust-version", "strictest", "editions",
                "toolchain", "kernel rustc", "bindgen", "crates local/registry/git", "test crates", "+crates",
                "-crates", "updated", "vendored", "distros ok");
        meta.forEach(b::meta);
        for (ToolchainTimeline.Entry e : t.entries()) {
            RevisionToolchain r = e.revision();
            long[] c = crates(r, false);
            long[] tc = crates(r, true);
            b.row(r.label(), r.date() == null ? "" : r.date().toString(), v(r.minimum()),
                    r.strictest() == null || r.strictest().equals(r.minimum()) ? v(r.strictest())
                            : r.strictest() + " (" + r.strictestFrom() + ")",
                    editions(r), r.channel(), kernelRustc(r), r.kernel() == null || r.kernel().bindgen() == null ? ""
                            : r.kernel().bindgen(),
                    r.locks().stream().anyMatch(l -> !l.testOrExample()) ? c[0] + "/" + c[1] + "/" + (c[2] + c[3]) : "",
                    tc[0] + tc[1] + tc[2] + tc[3], (long) e.changes().added().size(),
                    (long) e.changes().removed().size(), (long) e.changes().updated().size(),
                    (long) r.vendored().size(), builders(e));
        }
        return b.build();
    }

    /** Everything per revision, flat (for CSV). */
    public static Table complete(String title, ToolchainTimeline t, Map<String, Object> meta) {
        Table.Builder b = new Table.Builder(title, "revision", "commit", "date", "minimum", "minimum_from",
                "strictest", "strictest_from", "required", "required_from", "manifests", "editions", "toolchain",
                "kernel_rustc", "kernel_rustc_by_arch", "kernel_bindgen", "lock_files", "crates_local",
                "crates_registry", "crates_git", "crates_other", "test_lock_files", "test_crates", "crates_added",
                "crates_removed", "crates_updated", "vendored_crates", "vendored", "can_build", "cannot_build");
        meta.forEach(b::meta);
        for (ToolchainTimeline.Entry e : t.entries()) {
            RevisionToolchain r = e.revision();
            long[] c = crates(r, false);
            long[] tc = crates(r, true);
            b.row(r.label(), r.commit(), r.date() == null ? "" : r.date().toString(), v(r.minimum()),
                    r.minimumFrom(), v(r.strictest()), r.strictestFrom(), v(r.required()), r.requiredFrom(),
                    (long) r.manifests().size(), editions(r), r.channel(),
                    r.kernel() == null ? "" : v(r.kernel().rustc()),
                    r.kernel() == null ? "" : r.kernel().rustcBy().entrySet().stream()
                            .map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" ")),
                    r.kernel() == null || r.kernel().bindgen() == null ? "" : r.kernel().bindgen(),
                    r.locks().stream().filter(l -> !l.testOrExample()).count(), c[0], c[1], c[2], c[3],
                    r.locks().stream().filter(RevisionToolchain.Lock::testOrExample).count(), tc[0] + tc[1] + tc[2] + tc[3],
                    (long) e.changes().added().size(), (long) e.changes().removed().size(),
                    (long) e.changes().updated().size(), (long) r.vendored().size(), String.join(" ", r.vendored()),
                    String.join("; ", e.canBuild()), String.join("; ", e.cannotBuild()));
        }
        return b.build();
    }

    /** Distributions (columns) current at each revision's date (rows): their rustc, and ✓ or ✗ against it. */
    public static Table builders(ToolchainTimeline t) {
        List<String> lines = new ArrayList<>();
        for (ToolchainTimeline.Entry e : t.entries()) {
            for (Distributions.Builder b : e.builders()) {
                if (!lines.contains(b.line().line())) {
                    lines.add(b.line().line());
                }
            }
        }
        List<String> cols = new ArrayList<>(List.of("revision", "required", "from"));
        cols.addAll(lines);
        Table.Builder b = new Table.Builder("who can build it: rustc of the distributions current at each "
                + "revision's date (" + YES + " meets the required minimum, " + NO + " does not)", cols);
        for (ToolchainTimeline.Entry e : t.entries()) {
            List<Object> row = new ArrayList<>(List.of(e.revision().label(), v(e.revision().required()),
                    e.revision().requiredFrom()));
            for (String l : lines) {
                row.add(e.builders().stream().filter(x -> x.line().line().equals(l)).findFirst().map(ToolchainTables::cell)
                        .orElse(""));
            }
            b.row(row);
        }
        return b.build();
    }

    static String cell(Distributions.Builder b) {
        if (b.rustc() == null) {
            return "no data";
        }
        return b.rustc().text() + (b.canBuild() == null ? "" : b.canBuild() ? " " + YES : " " + NO);
    }

    /** Third-party crates added, removed and updated, from the second revision on. */
    public static Table changes(ToolchainTimeline t) {
        Table.Builder b = new Table.Builder("third-party crates changed since the previous revision (lock files "
                + "outside test and example directories)", "revision", "change", "crate");
        for (int i = 1; i < t.entries().size(); i++) {
            ToolchainTimeline.Entry e = t.entries().get(i);
            e.changes().added().forEach(c -> b.row(e.revision().label(), "added", c));
            e.changes().removed().forEach(c -> b.row(e.revision().label(), "removed", c));
            e.changes().updated().forEach(c -> b.row(e.revision().label(), "updated", c));
        }
        return b.build();
    }

    /** Everything, nested under the run's header: per revision ({@code rows}) its manifests, lock files, toolchain files, changes and builders. */
    public static String json(ToolchainTimeline t, Distributions data, Header header) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("header", header.toMap());
        List<Object> revs = new ArrayList<>();
        for (ToolchainTimeline.Entry e : t.entries()) {
            RevisionToolchain r = e.revision();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", r.label());
            m.put("commit", r.commit());
            m.put("date", r.date() == null ? null : r.date().toString());
            m.put("minimum", version(r.minimum(), r.minimumFrom()));
            m.put("strictest", version(r.strictest(), r.strictestFrom()));
            m.put("required", version(r.required(), r.requiredFrom()));
            m.put("editions", r.editions());
            m.put("manifests", r.manifests().stream().map(x -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("path", x.path());
                o.put("package", x.name());
                o.put("rust_version", v(x.rustVersion()));
                o.put("declared", x.declared());
                o.put("edition", x.edition());
                o.put("test_or_example", x.testOrExample());
                return o;
            }).toList());
            m.put("toolchain_files", r.toolchains().stream().map(x -> Map.of("path", x.path(), "channel", x.channel()))
                    .toList());
            if (r.kernel() != null) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("rustc", v(r.kernel().rustc()));
                k.put("rustc_by_arch", r.kernel().rustcBy());
                k.put("bindgen", r.kernel().bindgen());
                m.put("min_tool_version", k);
            }
            m.put("lock_files", r.locks().stream().map(l -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("path", l.path());
                o.put("format", l.format());
                o.put("test_or_example", l.testOrExample());
                o.put("packages", l.crates().size());
                for (CargoLock.Source s : CargoLock.Source.values()) {
                    o.put(s.label(), l.count(s));
                }
                return o;
            }).toList());
            m.put("vendored_crates", r.vendored());
            Map<String, Object> ch = new LinkedHashMap<>();
            ch.put("added", e.changes().added());
            ch.put("removed", e.changes().removed());
            ch.put("updated", e.changes().updated());
            m.put("crate_changes", ch);
            m.put("distributions", e.builders().stream().map(b -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("line", b.line().line());
                o.put("rustc", v(b.rustc()));
                o.put("can_build", b.canBuild());
                return o;
            }).toList());
            revs.add(m);
        }
        doc.put("rows", revs);
        doc.put("distribution_data", data.lines().stream().map(l -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("line", l.line());
            o.put("family", l.family());
            o.put("released", l.released() == null ? null : l.released().toString());
            o.put("eol", l.eol() == null ? null : l.eol().toString());
            o.put("eol_extended", l.eolExtended() == null ? null : l.eolExtended().toString());
            o.put("tracks_stable", l.tracksStable());
            o.put("rustc", l.rustc().stream().map(x -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("version", x.version().text());
                row.put("package", x.packageVersion());
                row.put("since", x.since().toString());
                row.put("until", x.until() == null ? null : x.until().toString());
                row.put("source", x.source());
                return row;
            }).toList());
            o.put("source", l.source());
            o.put("note", l.note());
            return o;
        }).toList());
        doc.put("rust_stable_schedule", data.stableSource());
        try {
            return TableWriter.jsonMapper().writeValueAsString(doc) + "\n";
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<String, Object> version(RustVersion v, String from) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("version", v == null ? null : v.text());
        o.put("from", v == null ? null : from);
        return o;
    }
}
