package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.Oxmeter;
import dev.oxmeter.language.Language;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Totals;
import dev.oxmeter.render.Format;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oxmeter owners}: code of one language per MAINTAINERS entry / CODEOWNERS rule, over releases. */
@Command(name = "owners", mixinStandardHelpOptions = true,
        description = {"Code of a language per owner (MAINTAINERS entries with get_maintainer.pl's rules, else "
                + "CODEOWNERS, else top directories), per revision, with the first revision each owner had any.",
                "Without a timeline option (--tags, --every, --revs): one revision, HEAD or --rev."})
final class OwnersCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Option(names = "--lang", paramLabel = "LANGUAGE", defaultValue = "rust",
            description = "Language to attribute (name or alias; default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--rev", paramLabel = "REV", description = "One revision (default HEAD when no timeline is given).")
    String rev;

    @Option(names = "--primary", description = "Count each file only for its most specific owner (no overlap); "
            + "by default every matching MAINTAINERS entry counts it, as get_maintainer.pl lists them all.")
    boolean primary;

    @Override
    public Integer call() {
        try (Session s = options.open(spec)) {
            Language language = s.ox().catalog().byName(lang).orElseThrow(() -> new OxmeterException(
                    "unknown language '" + lang + "' (try: " + s.ox().catalog().languages().stream()
                            .map(Language::name).limit(12).collect(Collectors.joining(", ")) + ", …)"));
            List<Revision> revs = Lens.revisions(s, options.timeline, rev);
            Oxmeter.Owners owners = s.ox().owners(language, revs, primary);
            Map<Revision, Map<String, Totals>> per = owners.perRevision();
            String source = owners.source();
            Map<String, String> first = new HashMap<>();
            per.forEach((r, m) -> m.forEach((entry, t) -> {
                if (t.code() > 0) {
                    first.putIfAbsent(entry, r.label());
                }
            }));
            String title = "oxmeter owners · " + s.name() + " · " + language.name() + " by " + source
                    + (primary ? " (most specific owner only)" : " (every matching owner)");
            Table t = options.common.format() == Format.TABLE || options.common.format() == Format.MD
                    ? components(title, per, first) : longFormat(title, per, first, language.name());
            s.finish(null);
            Map<String, Object> opts = new LinkedHashMap<>();
            opts.put("language", language.name());
            opts.put("primary", primary);
            opts.put("ownership", source);
            Output.emit(s.out(), TableWriter.render(t, options.common.format(), s.header(revs, opts)),
                    options.common);
        }
        return 0;
    }

    private static Table longFormat(String title, Map<Revision, Map<String, Totals>> per, Map<String, String> first,
                                    String language) {
        Table.Builder b = new Table.Builder(title, "revision", "owner", "language", "files", "code", "first_revision");
        per.forEach((r, m) -> m.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Totals> e) -> -e.getValue().code())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> b.row(r.label(), e.getKey(), language, e.getValue().files(), e.getValue().code(),
                        first.getOrDefault(e.getKey(), ""))));
        return b.build();
    }

    /** The components view: every owner with code at the last revision, its first revision, size and growth. */
    private static Table components(String title, Map<Revision, Map<String, Totals>> per, Map<String, String> first) {
        List<Revision> revs = new ArrayList<>(per.keySet());
        Revision firstRev = revs.get(0);
        Revision lastRev = revs.get(revs.size() - 1);
        Map<String, Totals> last = per.get(lastRev);
        Map<String, Totals> start = per.get(firstRev);
        boolean timeline = revs.size() > 1;
        List<String> cols = new ArrayList<>(List.of("entry", "files", "code"));
        if (timeline) {
            cols.addAll(List.of("first_revision", "code@" + firstRev.label(), "growth"));
        }
        Table.Builder b = new Table.Builder(title + " @ " + lastRev.label(), cols);
        last.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Totals> e) -> -e.getValue().code())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    List<Object> row = new ArrayList<>(List.of(e.getKey(), e.getValue().files(), e.getValue().code()));
                    if (timeline) {
                        long was = start.getOrDefault(e.getKey(), Totals.ZERO).code();
                        row.add(first.getOrDefault(e.getKey(), ""));
                        row.add(was);
                        row.add(e.getValue().code() - was);
                    }
                    b.row(row);
                });
        return b.build();
    }
}
