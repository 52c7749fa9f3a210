package dev.oxmeter.cli;

import dev.oxmeter.aggregate.Composition;
import dev.oxmeter.people.CommitFacts;
import dev.oxmeter.people.CommitFactsCache;
import dev.oxmeter.people.CommitHistory;
import dev.oxmeter.people.ContributionFilter;
import dev.oxmeter.people.Contributions;
import dev.oxmeter.people.FixDensity;
import dev.oxmeter.people.PeopleRun;
import dev.oxmeter.render.HistoryTables;
import dev.oxmeter.render.ScanTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import dev.oxmeter.source.CommitWalker;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.Oid;
import dev.oxmeter.source.Revision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            List<Revision> revs = options.timeline.select(s.repo(), s::notice);
            List<Contributions.WindowSpec> windows = PeopleRun.consecutive(revs);
            Map<Revision, Composition> comps = Compositions.of(s, revs, new long[1]);
            Set<String> languages = languages(s, comps.get(revs.get(revs.size() - 1)));
            CommitFactsCache cache = s.commitFacts();
            CommitWalker walker = PeopleRun.walker(s.repo(), s.computer().catalog(), options.common.threads());
            Set<Oid> tips = new LinkedHashSet<>();
            for (Contributions.WindowSpec w : windows) {
                tips.add(w.end().commit());
            }
            dev.oxmeter.aggregate.Progress progress = TerminalProgress.create(options.common.quiet);
            CommitHistory.Update update;
            try {
                update = CommitHistory.update(walker, cache, tips, options.rules.allowMissing, progress);
            } finally {
                progress.done();
            }
            CommitWalker.WalkStats walk = update.stats();
            String shallow = CommitHistory.shallowNotice(update.shallow());
            if (shallow != null) {
                s.notice(shallow);
            }
            Map<String, List<CommitFacts>> touching = new LinkedHashMap<>();
            try (ObjectSource src = s.repo().newObjectSource()) {
                ContributionFilter filter = PeopleRun.filter(s.repo(), src, options.rules.excludes,
                        options.rules.includeVendored);
                for (String l : languages) {
                    touching.put(l, filter.apply(update.touching(cache, l)));
                }
            }
            Table.Builder b = new Table.Builder("oxmeter fixes · " + s.name()
                    + " · fix commits per 1,000 lines of code", "window", "end_date", "language", "fix_commits",
                    "commits", "code", "fixes_per_kloc");
            for (FixDensity.Row r : FixDensity.count(windows, touching, update.graph())) {
                Revision end = r.window().end();
                long code = comps.get(end).row(r.language()).code();
                b.row(r.window().label(), end.date() == null ? "" : end.date().toString().substring(0, 10),
                        r.language(), r.fixCommits(), r.commits(), code,
                        code == 0 ? Double.NaN : 1000.0 * r.fixCommits() / code);
            }
            s.finish(String.format(java.util.Locale.ROOT, "commits reachable %,d (%,d headers read, %,d read and "
                    + "diffed, %,d from the store) in %.2f s", walk.visited(), walk.headers(), walk.read(), walk.known(),
                    walk.seconds()));
            Map<String, Object> opts = new LinkedHashMap<>();
            opts.put("languages", List.copyOf(languages));
            Output.emit(s.out(), TableWriter.render(b.build(), options.common.format(), s.header(revs, opts,
                    Map.of("commit_facts", dev.oxmeter.store.CommitStore.factsVersion(s.computer().catalog())))),
                    options.common);
        }
        return 0;
    }

    private Set<String> languages(Session s, Composition last) {
        Set<String> out = new LinkedHashSet<>();
        if (!langs.isEmpty()) {
            for (String l : langs) {
                out.add(PeopleRun.language(s.computer().catalog(), l).name());
            }
            return out;
        }
        if (last.row("Rust").files() > 0) {
            out.add("Rust");
        }
        ScanTables.sorted(last).stream()
                .filter(e -> HistoryTables.programmingCode(new Composition(Map.of(e.getKey(), e.getValue())),
                        s.computer().catalog()) > 0)
                .limit(4).forEach(e -> out.add(e.getKey()));
        return out;
    }
}
