package dev.oxmeter.report;

import dev.oxmeter.render.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables behind the report's charts, built from a {@link ReportModel}: the HTML page prints them (sortable)
 * under each chart and the Markdown summary prints them as they are, so both show the same figures. Stateless.
 */
public final class ReportTables {
    public static final String OTHER = "other";

    private ReportTables() {
    }

    /** Code lines per charted language and "other", programming code and the Rust share, per release. */
    public static Table composition(ReportModel m) {
        List<String> cols = new ArrayList<>(List.of("release", "date"));
        cols.addAll(m.languages());
        cols.addAll(List.of(OTHER, "programming code", "Rust %"));
        Table.Builder b = new Table.Builder("Code lines by language", cols);
        for (ReportModel.Release r : m.releases()) {
            List<Object> row = new ArrayList<>(List.of(r.label(), date(r)));
            long charted = 0;
            for (String l : m.languages()) {
                long v = r.code().getOrDefault(l, 0L);
                charted += v;
                row.add(v);
            }
            row.add(r.programmingCode() - charted);
            row.add(r.programmingCode());
            row.add(r.rustShare());
            b.row(row);
        }
        return b.build();
    }

    /** Rust code lines per charted component and "other", per release; null when components are absent. */
    public static Table components(ReportModel m) {
        if (!m.components().present()) {
            return null;
        }
        List<String> names = m.components().value().names();
        List<String> cols = new ArrayList<>(List.of("release"));
        cols.addAll(names);
        cols.addAll(List.of(OTHER, "Rust code"));
        Table.Builder b = new Table.Builder("Rust code lines by component (" + m.components().value().basis() + ")",
                cols);
        for (ReportModel.Release r : m.rustReleases()) {
            List<Object> row = new ArrayList<>(List.of(r.label()));
            long all = r.components().values().stream().mapToLong(Long::longValue).sum();
            long charted = 0;
            for (String n : names) {
                long v = r.components().getOrDefault(n, 0L);
                charted += v;
                row.add(v);
            }
            row.add(all - charted);
            row.add(all);
            b.row(row);
        }
        return b.build();
    }

    /** Rust files and code per owner; null when owners are absent. */
    public static Table owners(ReportModel m) {
        if (!m.owners().present()) {
            return null;
        }
        ReportModel.Owners o = m.owners().value();
        long total = o.rows().stream().mapToLong(ReportModel.OwnerRow::code).sum();
        Table.Builder b = new Table.Builder("Rust code by " + o.source() + " owner at " + o.revision(),
                "owner", "Rust files", "Rust code", "share %");
        for (ReportModel.OwnerRow r : o.rows()) {
            b.row(r.name(), r.files(), r.code(), ReportModel.percent(r.code(), total));
        }
        return b.build();
    }

    /** Contributors per window; null when people are absent. */
    public static Table contributors(ReportModel m) {
        if (!m.people().present()) {
            return null;
        }
        Table.Builder b = new Table.Builder("Rust contributors per window", "window", "end", "contributors", "new",
                "returning", "cumulative", "commits");
        for (ReportModel.Window w : m.rustWindows()) {
            b.row(w.label(), w.end() == null ? "" : w.end().toString(), (long) w.contributors(),
                    (long) w.newContributors(), (long) w.returning(), (long) w.cumulative(), (long) w.commits());
        }
        return b.build();
    }

    /** Employers (or email domains) of Rust contributors; null when people are absent or have none. */
    public static Table employers(ReportModel m) {
        if (!m.people().present() || m.people().value().employers().isEmpty()) {
            return null;
        }
        String g = m.people().value().grouping();
        Table.Builder b = new Table.Builder("Rust contributors by " + g, g, "contributors", "commits");
        for (ReportModel.Employer e : m.people().value().employers()) {
            b.row(e.name(), (long) e.contributors(), (long) e.commits());
        }
        return b.build();
    }

    /** Unsafe sites and their documentation per release. */
    public static Table safety(ReportModel m) {
        Table.Builder b = new Table.Builder("Unsafe sites and their documentation", "release", "unsafe blocks",
                "blocks documented", "unsafe fns", "fns documented", "unsafe impls", "impls documented",
                "unsafe traits", "traits documented", "unsafe extern blocks", "undocumented", "documented %",
                "INVARIANT comments");
        for (ReportModel.Release r : m.rustReleases()) {
            ReportModel.Safety s = r.safety();
            b.row(r.label(), s.blocks(), s.blocksDocumented(), s.fns(), s.fnsDocumented(), s.impls(),
                    s.implsDocumented(), s.traits(), s.traitsDocumented(), s.externBlocks(), s.undocumented(),
                    s.coverage(), s.invariants());
        }
        return b.build();
    }

    /** C helpers and their annotation per release. */
    public static Table helpers(ReportModel m) {
        Table.Builder b = new Table.Builder("C helpers for Rust (rust_helper_*)", "release", "helpers",
                "annotated", "not annotated", "annotated %", "exported");
        for (ReportModel.Release r : m.rustReleases()) {
            ReportModel.Helpers h = r.helpers();
            b.row(r.label(), h.helpers(), h.annotated(), h.helpers() - h.annotated(), h.coverage(), h.exports());
        }
        return b.build();
    }

    /** The Rust↔C boundary per release. */
    public static Table boundary(ReportModel m) {
        Table.Builder b = new Table.Builder("Rust\u2194C boundary", "release", "bindings:: refs",
                "extern \"C\" blocks", "extern \"C\" fns", "#[no_mangle] items");
        for (ReportModel.Release r : m.rustReleases()) {
            ReportModel.Boundary x = r.boundary();
            b.row(r.label(), x.bindingsRefs(), x.externCBlocks(), x.externCFns(), x.noMangle());
        }
        return b.build();
    }

    /**
     * The releases where Rust changed ({@link ReportModel#changedReleases}): label, date, commit, Rust files, code and
     * share.
     */
    public static Table releases(ReportModel m) {
        Table.Builder b = new Table.Builder("Releases where Rust changed", "release", "date", "commit", "Rust files",
                "Rust code", "Rust %");
        for (ReportModel.Release r : m.changedReleases()) {
            b.row(r.label(), date(r), r.commit().isEmpty() ? "" : r.commit().substring(0, Math.min(12,
                    r.commit().length())), r.rustFiles(), r.rustCode(), r.rustShare());
        }
        return b.build();
    }

    /** The top Rust contributors over all windows; null when people are absent. */
    public static Table topPeople(ReportModel m) {
        if (!m.people().present()) {
            return null;
        }
        return people("Top Rust contributors", m.people().value().top(), "first window");
    }

    /** The contributors of the most recent window with any; null when there is none. */
    public static Table latestPeople(ReportModel m) {
        if (!m.people().present() || m.people().value().latest() == null) {
            return null;
        }
        ReportModel.Latest l = m.people().value().latest();
        return people("Rust contributors in " + l.window(), l.people(), "first window");
    }

    private static Table people(String title, List<ReportModel.Person> people, String first) {
        Table.Builder b = new Table.Builder(title, "name", "commits", "lines added", "lines removed", first, "new");
        for (ReportModel.Person p : people) {
            b.row(p.name(), (long) p.commits(), p.added(), p.removed(), p.firstWindow(), p.isNew() ? "new" : "");
        }
        return b.build();
    }

    static String date(ReportModel.Release r) {
        return r.date() == null ? "" : r.date().toString();
    }

    /** A column of a table as doubles (numbers; NaN for anything else). */
    static double[] column(Table t, int c) {
        double[] out = new double[t.rows().size()];
        for (int i = 0; i < out.length; i++) {
            Object o = t.rows().get(i).get(c);
            out[i] = o instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }

}
