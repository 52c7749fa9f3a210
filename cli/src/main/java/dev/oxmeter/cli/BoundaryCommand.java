package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.lens.KernelLens;
import dev.oxmeter.model.Revision;
import dev.oxmeter.render.LensTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
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
            String title = "oxmeter boundary · " + s.name();
            List<Table> t;
            if (grouping.equals("list")) {
                t = List.of(helpers(s, revs.get(0), title), rustSide(s, revs.get(0), title));
            } else if (grouping.equals("file")) {
                t = List.of(perFile(s, revs, title));
            } else {
                t = List.of(LensTables.boundaryTotals(s.ox().compositions(revs), title));
            }
            s.finish(null);
            Output.emit(s.out(), TableWriter.render(t, options.common.format(),
                    s.header(revs, Map.of("by", grouping))), options.common);
        }
        return 0;
    }

    static final List<String> RUST_KEYS = KernelLens.RUST_KEYS;

    private static Table helpers(Session s, Revision r, String title) {
        Table.Builder b = new Table.Builder(title + " @ " + r.label() + " · C helpers", "path", "function",
                "annotated", "line");
        long n = 0;
        long annotated = 0;
        for (KernelLens.Helper h : s.ox().helpers(r)) {
            b.row(h.path(), h.function(), h.annotated() ? "yes" : "no", h.line());
            n++;
            annotated += h.annotated() ? 1 : 0;
        }
        b.total("Total", n + " helpers", annotated + " annotated", null);
        return b.build();
    }

    /** The Rust side of one revision: every Rust file with a boundary site, and the totals. */
    private static Table rustSide(Session s, Revision r, String title) {
        List<String> cols = new java.util.ArrayList<>(List.of("path"));
        cols.addAll(RUST_KEYS);
        Table.Builder b = new Table.Builder(title + " @ " + r.label() + " · Rust files that touch C", cols);
        long[] sum = new long[RUST_KEYS.size()];
        long files = 0;
        for (KernelLens.FileValues f : s.ox().rustBoundary(r)) {
            List<Object> row = new java.util.ArrayList<>(List.of(f.path()));
            for (int i = 0; i < RUST_KEYS.size(); i++) {
                long v = f.values().get(i);
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

    private static Table perFile(Session s, List<Revision> revs, String title) {
        List<String> cols = new java.util.ArrayList<>(List.of("revision", "path", "helpers", "helpers_annotated",
                "helpers_annotated_pct", "helper_exports"));
        cols.addAll(RUST_KEYS);
        Table.Builder b = new Table.Builder(title + " · per file", cols);
        s.ox().boundaryByFile(revs).forEach((r, files) -> {
            for (KernelLens.BoundaryFile f : files) {
                List<Object> row = new java.util.ArrayList<>(List.of(r.label(), f.path(), f.helpers(),
                        f.annotated()));
                row.add(SafetyCommand.pct(f.annotated(), f.helpers()));
                row.add(f.exports());
                row.addAll(f.rust());
                b.row(row);
            }
        });
        return b.build();
    }
}
