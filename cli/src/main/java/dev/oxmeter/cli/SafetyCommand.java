package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.Composition;
import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.aggregate.OwnerRollup;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.Metric;
import dev.oxmeter.facts.RustSafetyAnalysis;
import dev.oxmeter.facts.RustSafetyReport;
import dev.oxmeter.facts.RustSafetyScanner;
import dev.oxmeter.owners.Owner;
import dev.oxmeter.owners.Ownership;
import dev.oxmeter.render.Format;
import dev.oxmeter.render.LensTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import dev.oxmeter.source.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oxmeter safety}: unsafe Rust and how well it is documented, per revision, owner, directory or file. */
@Command(name = "safety", mixinStandardHelpOptions = true,
        description = {"Unsafe blocks, fns, impls, traits and extern blocks in Rust code, and how many carry a "
                + "SAFETY comment or a # Safety doc section (rules: docs/kernel-lens.md).",
                "Without a timeline option (--tags, --every, --revs): one revision, HEAD or --rev."})
final class SafetyCommand implements Callable<Integer> {
    static final List<Metric> KEYS = RustSafetyAnalysis.METRICS;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Option(names = "--rev", paramLabel = "REV", description = "One revision (default HEAD when no timeline is given).")
    String rev;

    @Option(names = "--by", paramLabel = "GROUPING", defaultValue = "total",
            description = "total (default), owner (MAINTAINERS/CODEOWNERS entry), directory[:DEPTH] or file.")
    String by;

    @Option(names = "--list", paramLabel = "WHAT", description = "undocumented: print path:line of every unsafe "
            + "site without its SAFETY comment or # Safety section (one revision).")
    String list;

    @Override
    public Integer call() {
        if (list != null && !list.equals("undocumented")) {
            throw new OxmeterException("--list takes 'undocumented'");
        }
        String grouping = by.trim().toLowerCase(Locale.ROOT);
        int depth = 1;
        if (grouping.startsWith("directory:")) {
            depth = ScanCommand.Grouping.parse(grouping).depth();
            grouping = "directory";
        }
        if (!List.of("total", "owner", "directory", "file").contains(grouping)) {
            throw new OxmeterException("unknown --by '" + by + "' (expected total, owner, directory[:DEPTH] or file)");
        }
        if ((list != null || grouping.equals("file")) && options.timeline.any()) {
            throw new OxmeterException((list != null ? "--list" : "--by file") + " works on one revision: use --rev");
        }
        try (Session s = options.open(spec)) {
            List<Revision> revs = Lens.revisions(s, options.timeline, rev);
            String title = "oxmeter safety · " + s.name();
            Table t;
            Lens lens = new Lens(s);
            if (list != null) {
                t = undocumented(lens, revs.get(0), title);
            } else if (grouping.equals("file")) {
                t = byFile(lens, revs.get(0), title);
            } else if (grouping.equals("total")) {
                long[] served = new long[1];
                Map<Revision, Composition> comps = Compositions.of(s, revs, served);
                t = options.common.format() == Format.TABLE || options.common.format() == Format.MD ? compact(comps, title)
                        : LensTables.safetyTotals(comps, title);
            } else {
                Compositions.of(s, revs, new long[1]);
                t = grouped(lens, revs, grouping, depth, title);
            }
            s.finish(null);
            Map<String, Object> opts = new java.util.LinkedHashMap<>();
            opts.put("by", grouping.equals("directory") ? "directory:" + depth : grouping);
            opts.put("list", list);
            String text = list != null && options.common.format() == Format.TABLE ? plainList(t)
                    : TableWriter.render(t, options.common.format(), s.header(revs, opts));
            Output.emit(s.out(), text, options.common);
        }
        return 0;
    }

    static double pct(long part, long whole) {
        return LensTables.pct(part, whole);
    }

    /** The totals for reading: documented/total pairs with their share, in a table that fits a terminal. */
    private static Table compact(Map<Revision, Composition> comps, String title) {
        Table.Builder b = new Table.Builder(title + " · documented / total", "revision", "date", "Rust code",
                "unsafe blocks", "unsafe fns", "unsafe impls", "unsafe traits", "extern blocks", "INVARIANT",
                "unsafe/kloc");
        comps.forEach((r, c) -> {
            long code = c.row("Rust").code();
            long sites = c.metric(RustSafetyAnalysis.UNSAFE_BLOCKS) + c.metric(RustSafetyAnalysis.UNSAFE_FNS)
                    + c.metric(RustSafetyAnalysis.UNSAFE_IMPLS);
            b.row(r.label(), r.date() == null ? "" : r.date().toString().substring(0, 10), code,
                    ratio(c, RustSafetyAnalysis.UNSAFE_BLOCKS, RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED),
                    ratio(c, RustSafetyAnalysis.UNSAFE_FNS, RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED),
                    ratio(c, RustSafetyAnalysis.UNSAFE_IMPLS, RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED),
                    ratio(c, RustSafetyAnalysis.UNSAFE_TRAITS, RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED),
                    c.metric(RustSafetyAnalysis.UNSAFE_EXTERN_BLOCKS), c.metric(RustSafetyAnalysis.INVARIANT_COMMENTS),
                    code == 0 ? Double.NaN : 1000.0 * sites / code);
        });
        return b.build();
    }

    private static String ratio(Composition c, Metric total, Metric documented) {
        long all = c.metric(total);
        long doc = c.metric(documented);
        return all == 0 ? "0" : String.format(Locale.ROOT, "%,d/%,d (%.0f%%)", doc, all, 100.0 * doc / all);
    }

    private static boolean isRust(FileRow f) {
        return "Rust".equals(f.row());
    }

    private static Table byFile(Lens lens, Revision r, String title) {
        List<String> cols = new ArrayList<>(List.of("path"));
        KEYS.forEach(k -> cols.add(k.name()));
        Table.Builder b = new Table.Builder(title + " @ " + r.label(), cols);
        for (FileRow f : lens.files(r)) {
            if (isRust(f)) {
                List<Object> row = new ArrayList<>(List.of(f.path()));
                KEYS.forEach(k -> row.add(f.facts().metric(k)));
                b.row(row);
            }
        }
        return b.build();
    }

    private static Table grouped(Lens lens, List<Revision> revs, String grouping, int depth, String title) {
        List<String> cols = new ArrayList<>(List.of("revision", grouping.equals("owner") ? "owner" : "directory",
                "files", "code"));
        KEYS.forEach(k -> cols.add(k.name()));
        Table.Builder b = new Table.Builder(title, cols);
        for (Revision r : revs) {
            List<FileRow> files = lens.files(r);
            Ownership own = grouping.equals("owner") ? lens.ownersOf(files).ownership()
                    : OwnerRollup.byDirectory(depth);
            Map<String, long[]> sums = new TreeMap<>();
            for (FileRow f : files) {
                if (!isRust(f)) {
                    continue;
                }
                List<Owner> owners = own.owners(f.path());
                String g = owners.isEmpty() ? OwnerRollup.UNOWNED : owners.get(0).name();
                long[] acc = sums.computeIfAbsent(g, x -> new long[KEYS.size() + 2]);
                acc[0]++;
                acc[1] += f.facts().counts().code();
                for (int i = 0; i < KEYS.size(); i++) {
                    acc[i + 2] += f.facts().metric(KEYS.get(i));
                }
            }
            sums.forEach((g, acc) -> {
                List<Object> row = new ArrayList<>(List.of(r.label(), g));
                for (long v : acc) {
                    row.add(v);
                }
                b.row(row);
            });
        }
        return b.build();
    }

    private static Table undocumented(Lens lens, Revision r, String title) {
        Table.Builder b = new Table.Builder(title + " @ " + r.label() + " · undocumented unsafe", "path", "line",
                "kind");
        for (FileRow f : lens.files(r)) {
            if (!isRust(f)) {
                continue;
            }
            BlobFacts m = f.facts();
            long documentedAll = m.metric(RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED)
                    + m.metric(RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED)
                    + m.metric(RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED)
                    + m.metric(RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED);
            long all = m.metric(RustSafetyAnalysis.UNSAFE_BLOCKS) + m.metric(RustSafetyAnalysis.UNSAFE_FNS)
                    + m.metric(RustSafetyAnalysis.UNSAFE_IMPLS) + m.metric(RustSafetyAnalysis.UNSAFE_TRAITS);
            if (all == documentedAll) {
                continue; // nothing undocumented: no need to read the blob again
            }
            byte[] data = lens.bytes(f.blob());
            RustSafetyReport rep = RustSafetyScanner.scan(data, 0, data.length);
            for (RustSafetyReport.Site site : rep.undocumented()) {
                b.row(f.path(), (long) site.line(), site.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return b.build();
    }

    private static String plainList(Table t) {
        StringBuilder sb = new StringBuilder();
        for (List<Object> row : t.rows()) {
            sb.append(dev.oxmeter.render.Visible.text(String.valueOf(row.get(0)))).append(':').append(row.get(1)).append(": unsafe ").append(row.get(2))
                    .append(row.get(2).equals("fn") || row.get(2).equals("trait") ? " without a # Safety section"
                            : " without a SAFETY comment").append('\n');
        }
        sb.append(t.rows().size()).append(" undocumented unsafe site").append(t.rows().size() == 1 ? "" : "s")
                .append('\n');
        return sb.toString();
    }
}
