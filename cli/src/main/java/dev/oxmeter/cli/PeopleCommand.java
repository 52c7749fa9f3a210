package dev.oxmeter.cli;

import dev.oxmeter.IoReason;
import dev.oxmeter.OxmeterException;
import dev.oxmeter.language.Language;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.people.Affiliations;
import dev.oxmeter.people.Contributions;
import dev.oxmeter.people.Mailmap;
import dev.oxmeter.people.PeopleRun;
import dev.oxmeter.people.TrailerKeys;
import dev.oxmeter.render.Format;
import dev.oxmeter.render.PeopleTables;
import dev.oxmeter.render.TableWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oxmeter people}: who contributes to a language, window by window. */
@Command(name = "people", mixinStandardHelpOptions = true,
        description = {"Who contributes to a language, release window by release window: contributors (authors and "
                + "co-authors of non-merge commits that change a counted file of the language), new and cumulative "
                + "contributors, commits, lines added and removed, credits (Reviewed-by, Acked-by ...) and employers.",
                "Windows: between consecutive selected tags (the first from the start of history), consecutive "
                        + "--every samples, or one --range A..B (git's A..B). Commit facts come from one walk of the "
                        + "history and are kept in the store.",
                "--format also accepts 'thanks': per window, the contributors' names in one comma-separated line.",
                "Without a timeline option (--tags, --every, --revs): the releases (tags that are plain version numbers, "
                + "see --tags), or --every month when there are none."})
final class PeopleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The analysis options less those about reading whole blobs, which people never does. */
    static final class Options {
        @Mixin
        RepoOption repo;

        @Mixin
        TimelineOptions timeline;

        @Mixin
        CommonOptions common;

        @Mixin
        ExclusionOptions rules;

        @Mixin
        StoreOptions store;

        @Option(names = "--allow-missing", description = "Count changed files whose content is absent (partial "
                + "or damaged clones) with 0 lines, and keep such commits out of the store, instead of stopping "
                + "with an error.")
        boolean allowMissing;
    }

    @Mixin
    Options options;

    @Option(names = {"-l", "--lang"}, paramLabel = "LANGUAGE", defaultValue = "rust",
            description = "The language (any catalog name or alias, ignoring case; default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--range", paramLabel = "A..B",
            description = "One window: the commits reachable from B and not from A (git's A..B; '..B' is all of B).")
    String range;

    @Option(names = "--mailmap", paramLabel = "FILE",
            description = "A mailmap read after the repository's .mailmap (it wins); checked strictly.")
    Path mailmap;

    @Option(names = "--mailmap-rev", paramLabel = "REV", description = "Read the repository's .mailmap at REV "
            + "(e.g. HEAD) for every window, instead of at each window's end.")
    String mailmapRev;

    @Option(names = "--affiliations", paramLabel = "FILE",
            description = "Employer map in gitdm's EmailMap format ([user@]domain employer [< yyyy-mm-dd]); "
                    + "unmapped addresses are grouped by domain.")
    Path affiliations;

    @Option(names = "--co-author-keys", paramLabel = "KEY", split = ",",
            description = "Trailer keys naming co-authors (default: Co-developed-by,Co-authored-by).")
    List<String> coAuthorKeys;

    @Option(names = "--role-keys", paramLabel = "KEY", split = ",", description = "Trailer keys counted as credits "
            + "(default: Reviewed-by,Acked-by,Tested-by,Reported-by,Suggested-by,Helped-by,Mentored-by).")
    List<String> roleKeys;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25",
            description = "Rows per people, credits and employers table in table/md output; 0 for all "
                    + "(default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        boolean thanks = options.common.format != null && options.common.format.trim().equalsIgnoreCase("thanks");
        if (thanks) {
            options.common.format = "table";
        }
        Format format = options.common.format("thanks");
        if (range != null) {
            if (options.timeline.any()) {
                throw new OxmeterException("--range is a timeline of its own: leave out --tags, --every, "
                        + "--revs, --since and --until");
            }
        } else {
            options.timeline.validate();
        }
        if (top < 0) {
            throw new OxmeterException("--top must be 0 (all) or more");
        }
        Language language = PeopleRun.language(dev.oxmeter.language.LanguageCatalog.standard(), lang);
        TrailerKeys keys = keys();
        Mailmap userMailmap = mailmap == null ? Mailmap.EMPTY
                : Mailmap.parseStrict(read(mailmap, "mailmap"), mailmap.toString());
        Affiliations employers = affiliations == null ? Affiliations.EMPTY
                : Affiliations.parse(read(affiliations, "affiliations"), affiliations.toString());
        try (Session s = Session.open(spec, options.repo, options.common, options.store, options.rules)) {
            List<Contributions.WindowSpec> windows = range != null ? List.of(s.ox().range(range))
                    : PeopleRun.consecutive(options.timeline.select(s.ox()));
            PeopleRun.Result result = s.ox().people(language, windows,
                    s.ox().peopleOptions(userMailmap, mailmapRev, employers, keys, options.allowMissing));
            if (result.walk().missingBlobs() > 0) {
                s.notice(String.format(Locale.ROOT, "%,d changed files have content missing from the repository "
                        + "(partial clone?): counted with 0 lines, and their commits' facts are not stored",
                        result.walk().missingBlobs()));
            }
            if (options.common.verbose) {
                s.notice(String.format(Locale.ROOT, "people: %,d commits reachable (%,d headers read for the commit "
                        + "graph, %,d read and diffed, %,d already in the %s) in %.2f s; %,d commits touch %s, %,d "
                        + "count after exclusions; counting %.2f s",
                        result.walk().visited(), result.walk().headers(), result.walk().read(), result.walk().known(),
                        s.ox().storeFile() == null ? "memory" : "store " + s.ox().storeFile(),
                        result.walk().seconds(),
                        result.commitsTouching(), language.name(), result.commitsCounted(),
                        result.analysisSeconds()));
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            String title = "oxmeter people · " + s.name() + " · " + language.name() + " · " + windows.size()
                    + (windows.size() == 1 ? " window" : " windows");
            String text;
            if (thanks) {
                text = PeopleTables.thanks(result.report());
            } else {
                text = switch (format) {
                    case JSON -> PeopleTables.json(result.report(), header(s, windows, language));
                    case CSV -> TableWriter.render(PeopleTables.longFormat(result.report()), Format.CSV);
                    case TABLE, MD -> TableWriter.render(
                            PeopleTables.all(title, result.report(), keys.roleKeys(), meta, top), format);
                };
            }
            PrintWriter out = spec.commandLine().getOut();
            Output.emit(out, text, options.common);
        }
        return 0;
    }

    /** The header: the windows' start and end revisions, and every option that changes who is counted. */
    private dev.oxmeter.render.Header header(Session s, List<Contributions.WindowSpec> windows, Language language) {
        List<Revision> revs = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Contributions.WindowSpec w : windows) {
            if (w.start() != null && windows.size() == 1) {
                Revision start = s.ox().resolve(w.start().hex());
                revs.add(new Revision(w.startLabel(), start.commit(), start.tree(), start.date()));
            }
            if (seen.add(w.end().label())) {
                revs.add(w.end());
            }
        }
        TrailerKeys keys = keys();
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("language", language.name());
        opts.put("mailmap", mailmap == null ? null : mailmap.toString());
        opts.put("mailmap_rev", mailmapRev);
        opts.put("affiliations", affiliations == null ? null : affiliations.toString());
        opts.put("co_author_keys", List.copyOf(keys.coAuthorKeys()));
        opts.put("role_keys", List.copyOf(keys.roleKeys()));
        return s.header(revs, opts, Map.of("commit_facts", s.ox().commitFactsVersion()));
    }

    private TrailerKeys keys() {
        Set<String> co = coAuthorKeys == null ? TrailerKeys.DEFAULT.coAuthorKeys() : clean(coAuthorKeys, "--co-author-keys");
        Set<String> roles = roleKeys == null ? TrailerKeys.DEFAULT.roleKeys() : clean(roleKeys, "--role-keys");
        try {
            return new TrailerKeys(co, roles);
        } catch (IllegalArgumentException e) {
            throw new OxmeterException("trailer keys: " + e.getMessage());
        }
    }

    private static Set<String> clean(List<String> keys, String option) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : keys) {
            String t = k.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!dev.oxmeter.people.CommitFacts.keepsPeople(t)) {
                throw new OxmeterException(option + ": '" + t + "' does not end in -by; only -by trailers "
                        + "are kept in the commit facts");
            }
            out.add(t);
        }
        return out;
    }

    static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new OxmeterException("cannot read " + what + " file " + file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                throw new OxmeterException("cannot read " + what + " file " + file + ": " + IoReason.of(e2));
            }
        } catch (IOException e) {
            throw new OxmeterException("cannot read " + what + " file " + file + ": " + IoReason.of(e));
        }
    }
}
