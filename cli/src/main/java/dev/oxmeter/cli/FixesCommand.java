package dev.oxmeter.cli;

import dev.oxmeter.Oxmeter;
import dev.oxmeter.model.Revision;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oxmeter fixes}: fix density per language and release window. */
@Command(name = "fixes", mixinStandardHelpOptions = true,
        description = {"Fix density per language and window: non-merge commits with a Fixes: trailer that modify "
                + "files of the language, per 1,000 lines of that language's code at the window's end.",
                "Windows are those of 'people': between consecutive selected tags (the first from the start of "
                        + "history), or consecutive --every samples. Commit facts are shared with 'people'.",
                "Without a timeline option (--tags, --every, --revs): the releases (tags that are plain version numbers, "
                + "see --tags), or --every month when there are none."})
final class FixesCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Option(names = {"-l", "--lang"}, paramLabel = "LANGUAGE", description = "Languages to report (repeatable; "
            + "default: Rust and the programming languages with most code at the last revision).")
    List<String> langs = new ArrayList<>();

    @Override
    public Integer call() {
        try (Session s = options.open(spec)) {
            List<Revision> revs = options.timeline.select(s.ox());
            Oxmeter.Fixes fixes = s.ox().fixes(revs, langs);
            Table.Builder b = new Table.Builder("oxmeter fixes · " + s.name()
                    + " · fix commits per 1,000 lines of code", "window", "end_date", "language", "fix_commits",
                    "commits", "code", "fixes_per_kloc");
            for (Oxmeter.FixRow r : fixes.rows()) {
                b.row(r.window(), r.endDate() == null ? "" : r.endDate().toString().substring(0, 10),
                        r.language(), r.fixCommits(), r.commits(), r.code(), r.perKloc());
            }
            s.finish(fixes.walk());
            Map<String, Object> opts = new LinkedHashMap<>();
            opts.put("languages", fixes.languages());
            Output.emit(s.out(), TableWriter.render(b.build(), options.common.format(), s.header(revs, opts,
                    Map.of("commit_facts", s.ox().commitFactsVersion()))), options.common);
        }
        return 0;
    }
}
