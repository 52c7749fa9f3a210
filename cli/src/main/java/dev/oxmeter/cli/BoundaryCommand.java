package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.Composition;
import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.facts.CHelper;
import dev.oxmeter.facts.CHelperScanner;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.CHelperAnalysis;
import dev.oxmeter.facts.Metric;
import dev.oxmeter.facts.RustBoundaryAnalysis;
import dev.oxmeter.render.LensTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import dev.oxmeter.source.Revision;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oxmeter boundary}: the C↔Rust boundary — C helpers and their __rust_helper status, bindings use. */
@Command(name = "boundary", mixinStandardHelpOptions = true,
        description = {"C helpers (rust_helper_*) and their __rust_helper annotation, bindings:: references, "
                + "extern \"C\" blocks and functions, #[no_mangle] items. At one revision: its C helpers and the "
                + "Rust files that touch C; over a timeline: totals per revision (rules: docs/kernel-lens.md).",
                "Without a timeline option (--tags, --every, --revs): one revision, HEAD or --rev."})
final class BoundaryCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Option(names = "--rev", paramLabel = "REV",
            description = "One revision: list its helpers (default HEAD when no timeline is given).")
    String rev;

    @Option(names = "--by", paramLabel = "GROUPING",
            description = "total (one row per revision), file (one row per file with helpers or Rust boundary "
                    + "sites, per revision) or list (one revision: its helpers and Rust files). Default: list at one "
                    + "revision, total over a timeline.")
    String by;

    @Override
    public Integer call() {
        String grouping = by == null ? (options.timeline.any() ? "total" : "list") : by.trim().toLowerCase(Locale.ROOT);
        if (!List.of("total", "file", "list").contains(grouping)) {
            throw new OxmeterException("unknown --by '" + by + "' (expected total, file or list)");
        }
        if (grouping.equals("list") && options.timeline.any()) {
            throw new OxmeterException("--by list works on one revision: use --rev");
        }
        try (Session s = options.open(spec)) {
            List<Revision> revs = Lens.revisions(s, options.timeline, rev);
            Lens lens = new Lens(s);
            String title = "oxmeter boundary · " + s.name();
            List<Table> t;
            if (grouping.equals("list")) {
                t = List.of(helpers(lens, revs.get(0), title), rustSide(lens, revs.get(0), title));
            } else if (grouping.equals("file")) {
                if (revs.size() > 1) {
                    Compositions.of(s, revs, new long[1]);
                }
                t = List.of(perFile(lens, revs, title));
            } else {
                t = List.of(LensTables.boundaryTotals(Compositions.of(s, revs, new long[1]), title));
            }
            s.finish(null);
            Output.emit(s.out(), TableWriter.render(t, options.common.format(),
                    s.header(revs, Map.of("by", grouping))), options.common);
        }
        return 0;
    }

    private static boolean hasHelpers(FileRow f) {
        return f.facts() != null && f.facts().metric(CHelperAnalysis.HELPERS) > 0 && dev.oxmeter.aggregate.Rows.isLanguage(f.row());
    }

    private static Table helpers(Lens lens, Revision r, String title) {
        Table.Builder b = new Table.Builder(title + " @ " + r.label() + " · C helpers", "path", "function",
                "annotated", "line");
        long n = 0;
        long annotated = 0;
        for (FileRow f : lens.files(r)) {
            if (!hasHelpers(f)) {
                continue;
            }
            byte[] data = lens.bytes(f.blob());
            for (CHelper h : CHelperScanner.helpers(data, 0, data.length)) {
                b.row(f.path(), h.function(), h.annotated() ? "yes" : "no", (long) h.line());
                n++;
                annotated += h.annotated() ? 1 : 0;
            }
        }
        b.total("Total", n + " helpers", annotated + " annotated", null);
        return b.build();
    }

    /** Whether a counted Rust file has any boundary site. */
    private static boolean touchesC(FileRow f) {
        if (f.facts() == null || !"Rust".equals(f.row())) {
            return false;
        }
        return RUST_KEYS.stream().anyMatch(k -> f.facts().metric(k) > 0);
    }

    static final List<Metric> RUST_KEYS = RustBoundaryAnalysis.METRICS;

    /** The Rust side of one revision: every Rust file with a boundary site, and the totals. */
    private static Table rustSide(Lens lens, Revision r, String title) {
        List<String> cols = new java.util.ArrayList<>(List.of("path"));
        RUST_KEYS.forEach(k -> cols.add(k.name()));
        Table.Builder b = new Table.Builder(title + " @ " + r.label() + " · Rust files that touch C", cols);
        long[] sum = new long[RUST_KEYS.size()];
        long files = 0;
        for (FileRow f : lens.files(r)) {
            if (!touchesC(f)) {
                continue;
            }
            List<Object> row = new java.util.ArrayList<>(List.of(f.path()));
            for (int i = 0; i < RUST_KEYS.size(); i++) {
                long v = f.facts().metric(RUST_KEYS.get(i));
                row.add(v);
                sum[i] += v;
            }
            b.row(row);
            files++;
        }
        List<Object> total = new java.util.ArrayList<>(List.of("Total (" + files + " files)"));
        for (long v : sum) {
            total.add(v);
        }
        b.total(total.toArray());
        return b.build();
    }

    private static Table perFile(Lens lens, List<Revision> revs, String title) {
        List<String> cols = new java.util.ArrayList<>(List.of("revision", "path", CHelperAnalysis.HELPERS.name(),
                CHelperAnalysis.HELPERS_ANNOTATED.name(), CHelperAnalysis.HELPERS_ANNOTATED.name() + "_pct",
                CHelperAnalysis.HELPER_EXPORTS.name()));
        RUST_KEYS.forEach(k -> cols.add(k.name()));
        Table.Builder b = new Table.Builder(title + " · per file", cols);
        for (Revision r : revs) {
            for (FileRow f : lens.files(r)) {
                boolean c = hasHelpers(f);
                if (!c && !touchesC(f)) {
                    continue;
                }
                BlobFacts m = f.facts();
                List<Object> row = new java.util.ArrayList<>(List.of(r.label(), f.path(),
                        m.metric(CHelperAnalysis.HELPERS), m.metric(CHelperAnalysis.HELPERS_ANNOTATED)));
                row.add(SafetyCommand.pct(m.metric(CHelperAnalysis.HELPERS_ANNOTATED), m.metric(CHelperAnalysis.HELPERS)));
                row.add(m.metric(CHelperAnalysis.HELPER_EXPORTS));
                for (Metric k : RUST_KEYS) {
                    row.add(m.metric(k));
                }
                b.row(row);
            }
        }
        return b.build();
    }
}
