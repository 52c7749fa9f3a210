package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.Composition;
import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.facts.CHelper;
import dev.oxmeter.facts.CHelperScanner;
import dev.oxmeter.facts.Metrics;
import dev.oxmeter.report.Table;
import dev.oxmeter.report.TableWriter;
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
        description = "C helpers (rust_helper_*) and their __rust_helper annotation, bindings:: references, "
                + "extern \"C\" blocks and functions, #[no_mangle] items: one revision's helper list, or totals over "
                + "a options.timeline.")
final class BoundaryCommand implements Callable<Integer> {
    static final String H = "c_helpers";
    static final String B = "rust_boundary";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Option(names = "--rev", paramLabel = "REV",
            description = "One revision: list its helpers (default HEAD when no timeline is given).")
    String rev;

    @Option(names = "--by", paramLabel = "GROUPING", defaultValue = "total",
            description = "Over a timeline: total (default) or file (helpers per file and revision).")
    String by;

    @Override
    public Integer call() {
        String grouping = by.trim().toLowerCase(Locale.ROOT);
        if (!grouping.equals("total") && !grouping.equals("file")) {
            throw new OxmeterException("unknown --by '" + by + "' (expected total or file)");
        }
        try (Session s = options.open(spec)) {
            List<Revision> revs = Lens.revisions(s, options.timeline, rev);
            Lens lens = new Lens(s);
            String title = "oxmeter boundary · " + s.repo().name();
            Table t;
            if (!options.timeline.any()) {
                t = helpers(lens, revs.get(0), title);
            } else if (grouping.equals("file")) {
                Compositions.of(s, revs, new long[1]);
                t = perFile(lens, revs, title);
            } else {
                t = totals(Compositions.of(s, revs, new long[1]), title);
            }
            s.finish(null);
            Output.emit(s.out(), TableWriter.render(t, options.common.format()), options.common);
        }
        return 0;
    }

    private static boolean hasHelpers(FileRow f) {
        return f.facts() != null && f.facts().metrics(H).get("helpers") > 0 && dev.oxmeter.aggregate.Rows.isLanguage(f.row());
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

    private static Table perFile(Lens lens, List<Revision> revs, String title) {
        Table.Builder b = new Table.Builder(title + " · helpers per file", "revision", "path", "helpers",
                "helpers_annotated", "annotated_%", "helper_exports");
        for (Revision r : revs) {
            for (FileRow f : lens.files(r)) {
                if (hasHelpers(f)) {
                    Metrics m = f.facts().metrics(H);
                    b.row(r.label(), f.path(), m.get("helpers"), m.get("helpers_annotated"),
                            SafetyCommand.pct(m.get("helpers_annotated"), m.get("helpers")), m.get("helper_exports"));
                }
            }
        }
        return b.build();
    }

    private static Table totals(Map<Revision, Composition> comps, String title) {
        Table.Builder b = new Table.Builder(title, "revision", "date", "helpers", "helpers_annotated", "annotated_%",
                "helper_exports", "bindings_refs", "extern_c_blocks", "extern_c_fns", "no_mangle_items");
        comps.forEach((r, c) -> b.row(r.label(), r.date() == null ? "" : r.date().toString().substring(0, 10),
                c.metric(H + ".helpers"), c.metric(H + ".helpers_annotated"),
                SafetyCommand.pct(c.metric(H + ".helpers_annotated"), c.metric(H + ".helpers")),
                c.metric(H + ".helper_exports"), c.metric(B + ".bindings_refs"), c.metric(B + ".extern_c_blocks"),
                c.metric(B + ".extern_c_fns"), c.metric(B + ".no_mangle_items")));
        return b.build();
    }
}
