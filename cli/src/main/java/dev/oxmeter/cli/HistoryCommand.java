package dev.oxmeter.cli;

import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import dev.oxmeter.render.HistoryTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code oxmeter history}: composition at every revision of a timeline, memoized by content. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Composition per language at every release tag or calendar sample, measuring each unique "
                + "blob once and keeping results in the store.",
                "Without a timeline option (--tags, --every, --revs): the releases (tags that are plain version numbers, "
                + "see --tags), or --every month when there are none."})
final class HistoryCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        try (Session s = options.open(spec)) {
            List<Revision> revs = options.timeline.select(s.ox());
            Map<Revision, Composition> history = s.ox().compositions(revs);
            Map<String, Object> meta = new LinkedHashMap<>();
            String title = "oxmeter history · " + s.name() + " · " + revs.size() + (revs.size() == 1 ? " revision" : " revisions");
            Table t = options.common.format() == dev.oxmeter.render.Format.TABLE || options.common.format() == dev.oxmeter.render.Format.MD
                    ? HistoryTables.pivot(title, history, s.ox().catalog(), meta)
                    : HistoryTables.longFormat(title, history, s.ox().catalog(), meta);
            s.finish(s.ox().servedFromStore() + " of " + revs.size() + " revisions served from the store");
            // only JSON prints the header: a thousand revisions' ids and dates are not formatted for nothing
            Output.emit(s.out(), TableWriter.render(t, options.common.format(),
                    options.common.format() == dev.oxmeter.render.Format.JSON ? s.header(revs, Map.of()) : null),
                    options.common);
        }
        return 0;
    }
}
