package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Revision;
import dev.oxmeter.ReportRequest;
import dev.oxmeter.people.Affiliations;
import dev.oxmeter.report.ReportHtml;
import dev.oxmeter.report.ReportMarkdown;
import dev.oxmeter.report.ReportModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oxmeter report}: one self-contained HTML page (or a Markdown summary) of a repository's Rust story. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "One self-contained HTML page (no network access, charts inline) telling the repository's "
                + "Rust story over its releases: headline figures, language composition, Rust by component and "
                + "maintainer entry, unsafe code and its documentation, C helpers, the Rust/C boundary. "
                + "--format md writes the same figures as Markdown. Reuses everything already in the store.")
final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RepoOption repo;

    @Mixin
    TimelineOptions timeline;

    @Mixin
    ScanRuleOptions rules;

    @Mixin
    StoreOptions store;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "html (default) or md.")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the report to FILE (atomically) instead of standard output.")
    Path out;

    @Option(names = "--component-depth", paramLabel = "N", defaultValue = "2",
            description = "Group Rust code into components by the first N directories of its path "
                    + "(default ${DEFAULT-VALUE}).")
    int componentDepth;

    @Option(names = "--name", paramLabel = "NAME", description = "The repository's name in the report "
            + "(default: the work tree's directory name; for a bare repository the last part of its origin URL, "
            + "else its directory name, the one above for a directory named repo or .git).")
    String name;

    @Option(names = "--affiliations", paramLabel = "FILE",
            description = "Employer map in gitdm's EmailMap format ([user@]domain employer [< yyyy-mm-dd]); "
                    + "without it contributors are grouped by email domain.")
    Path affiliations;

    @Option(names = "--generated-at", paramLabel = "TEXT", description = "The \"generated at\" text to print "
            + "(default: now, or $SOURCE_DATE_EPOCH when set; 'none' prints none). For reproducible output.")
    String generatedAt;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print what was read and what came from caches (stderr).")
    boolean verbose;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for reading blobs "
            + "(default: the number of cores).")
    Integer threads;

    /** The people analysis to use: Rust contributors per window, unless a test injects another. */
    ReportRequest.PeopleSource people;

    enum Kind { HTML, MD }

    @Override
    public Integer call() {
        Kind kind = kind();
        timeline.validate();
        if (componentDepth < 1) {
            throw new OxmeterException("--component-depth must be at least 1");
        }
        checkWritable();
        String stamp = stamp();
        Affiliations employers = affiliations == null ? Affiliations.EMPTY
                : Affiliations.parse(PeopleCommand.read(affiliations, "affiliations"), affiliations.toString());
        CommonOptions common = new CommonOptions();
        common.format = "table";
        common.quiet = quiet;
        common.verbose = verbose;
        common.threads = threads;
        try (Session s = Session.open(spec, repo, common, store, rules)) {
            List<Revision> revs = timeline.select(s.ox());
            ReportModel m = s.ox().report(revs, new ReportRequest(name != null ? name : s.ox().name(),
                    describe(revs.size()), stamp, tool(), componentDepth, people != null ? people
                            : ReportRequest.rustPeople(employers)));
            s.finish(s.ox().servedFromStore() + " of " + revs.size() + " revisions served from the store");
            String text = kind == Kind.HTML ? ReportHtml.render(m) : ReportMarkdown.render(m);
            Output.emit(s.out(), text, out);
        }
        return 0;
    }

    /** The tool and version as {@code oxmeter --version} prints it. */
    private String tool() {
        String[] v = spec.root().version();
        return v.length > 0 && !v[0].isBlank() ? v[0] : "oxmeter";
    }

    private Kind kind() {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "html" -> Kind.HTML;
            case "md", "markdown" -> Kind.MD;
            default -> throw new OxmeterException("unknown format '" + format + "' (expected html or md)");
        };
    }

    /** Fails before any work when the output cannot be written where asked. */
    private void checkWritable() {
        if (out == null) {
            return;
        }
        Path abs = out.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new OxmeterException("cannot write " + out + ": it is a directory");
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new OxmeterException("cannot write " + out + ": " + (dir == null ? "no such directory"
                    : dir + " is not a writable directory"));
        }
    }

    private String stamp() {
        if (generatedAt != null) {
            return generatedAt.equals("none") ? null : generatedAt;
        }
        Instant when = Instant.now();
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d{1,12}")) {
            when = Instant.ofEpochSecond(Long.parseLong(epoch));
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(when.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC));
    }

    private String describe(int n) {
        return timeline.describe(n);
    }

}
