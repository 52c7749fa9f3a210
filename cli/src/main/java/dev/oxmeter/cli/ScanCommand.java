package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import dev.oxmeter.render.ScanTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oxmeter scan}: composition of one revision, read from git objects. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Count files, lines, code, comments and blanks per language at one revision (no checkout).")
final class ScanCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RepoOption repo;

    @Mixin
    CommonOptions common;

    @Mixin
    ScanRuleOptions rules;

    @Mixin
    StoreOptions store;

    @Option(names = "--rev", paramLabel = "REV", defaultValue = "HEAD",
            description = "Revision to scan: any git revision (tag, branch, id, X~3, X^{tree}); default ${DEFAULT-VALUE}.")
    String rev;

    @Option(names = "--by", paramLabel = "GROUPING", defaultValue = "language",
            description = "language (default), directory[:DEPTH] (depth 1 unless given) or file.")
    String by;

    @Override
    public Integer call() {
        Grouping grouping = Grouping.parse(by);
        try (Session s = Session.open(spec, repo, common, store, rules)) {
            Revision r = s.ox().revision(rev);
            Map<String, Object> meta = new LinkedHashMap<>();
            String title = "oxmeter scan · " + s.name() + " @ " + rev
                    + (r.commit() == null ? " (tree " + r.tree().abbrev(10) + ")"
                    : " (" + r.commit().abbrev(10) + ", " + r.date().toString().substring(0, 10) + ")");
            Table table;
            if (grouping.kind() == Grouping.Kind.LANGUAGE) {
                Composition c = s.ox().composition(r);
                table = ScanTables.byLanguage(title, c, meta);
            } else {
                table = grouping.kind() == Grouping.Kind.FILE ? ScanTables.byFile(title, s.ox().files(r), meta)
                        : ScanTables.byDirectory(title, s.ox().files(r), grouping.depth(), meta);
            }
            s.finish(null);
            Map<String, Object> opts = new LinkedHashMap<>();
            opts.put("by", grouping.kind() == Grouping.Kind.DIRECTORY ? "directory:" + grouping.depth()
                    : grouping.kind().name().toLowerCase(java.util.Locale.ROOT));
            Output.emit(s.out(), TableWriter.render(table, common.format(), s.header(List.of(r), opts)), common);
        }
        return 0;
    }

    /** The value of --by. */
    record Grouping(Kind kind, int depth) {
        enum Kind { LANGUAGE, DIRECTORY, FILE }

        static Grouping parse(String s) {
            String v = s.trim();
            if (v.equals("language")) {
                return new Grouping(Kind.LANGUAGE, 0);
            }
            if (v.equals("file")) {
                return new Grouping(Kind.FILE, 0);
            }
            if (v.equals("directory") || v.equals("dir")) {
                return new Grouping(Kind.DIRECTORY, 1);
            }
            if (v.startsWith("directory:") || v.startsWith("dir:")) {
                String n = v.substring(v.indexOf(':') + 1);
                try {
                    int d = Integer.parseInt(n);
                    if (d >= 1) {
                        return new Grouping(Kind.DIRECTORY, d);
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
                throw new OxmeterException("--by directory:DEPTH needs a depth of at least 1, got '" + n + "'");
            }
            throw new OxmeterException("unknown --by '" + s + "' (expected language, directory[:DEPTH] or file)");
        }
    }
}
