package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.lens.KernelLens;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import dev.oxmeter.render.Format;
import dev.oxmeter.render.LensTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    static final List<String> KEYS = KernelLens.SAFETY_KEYS;

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
            if (list != null) {
                t = undocumented(s, revs.get(0), title);
            } else if (grouping.equals("file")) {
                t = byFile(s, revs.get(0), title);
            } else if (grouping.equals("total")) {
                Map<Revision, Composition> comps = s.ox().compositions(revs);
                t = options.common.format() == Format.TABLE || options.common.format() == Format.MD ? LensTables.safetyCompact(comps, title)
                        : LensTables.safetyTotals(comps, title);
            } else {
                t = grouped(s, revs, grouping, depth, title);
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

    private static Table byFile(Session s, Revision r, String title) {
        List<String> cols = new ArrayList<>(List.of("path"));
        cols.addAll(KEYS);
        Table.Builder b = new Table.Builder(title + " @ " + r.label(), cols);
        for (KernelLens.FileValues f : s.ox().safetyByFile(r)) {
            List<Object> row = new ArrayList<>(List.of(f.path()));
            row.addAll(f.values());
            b.row(row);
        }
        return b.build();
    }

    private static Table grouped(Session s, List<Revision> revs, String grouping, int depth, String title) {
        List<String> cols = new ArrayList<>(List.of("revision", grouping.equals("owner") ? "owner" : "directory",
                "files", "code"));
        cols.addAll(KEYS);
        Table.Builder b = new Table.Builder(title, cols);
        s.ox().safetyByGroup(revs, grouping.equals("owner"), depth).forEach((r, groups) -> {
            for (KernelLens.Group g : groups) {
                List<Object> row = new ArrayList<>(List.of(r.label(), g.name(), g.files(), g.code()));
                row.addAll(g.values());
                b.row(row);
            }
        });
        return b.build();
    }

    private static Table undocumented(Session s, Revision r, String title) {
        Table.Builder b = new Table.Builder(title + " @ " + r.label() + " · undocumented unsafe", "path", "line",
                "kind");
        for (KernelLens.Site site : s.ox().undocumentedUnsafe(r)) {
            b.row(site.path(), site.line(), site.kind());
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
