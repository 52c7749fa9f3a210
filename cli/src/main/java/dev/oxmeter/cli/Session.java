package dev.oxmeter.cli;

import dev.oxmeter.Oxmeter;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One command run: the library's {@link Oxmeter} opened as the options say, with notices and progress on the
 * terminal, and the run's JSON header and closing account. Close it when done.
 */
final class Session implements AutoCloseable {
    private final Oxmeter ox;
    private final CommonOptions common;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private final String command;

    private Session(CommandSpec spec, RepoOption repoOption, CommonOptions common, StoreOptions storeOptions,
                    ExclusionOptions rules) {
        this.command = spec.name();
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.common = common;
        Oxmeter.Builder b = Oxmeter.at(repoOption.path()).threads(common.threads())
                .progress(() -> TerminalProgress.create(common.quiet)).notices(this::notice)
                .verbose(common.verbose);
        rules.apply(b);
        if (storeOptions != null) {
            storeOptions.apply(b);
        }
        this.ox = b.open();
    }

    static Session open(CommandSpec spec, RepoOption repoOption, CommonOptions common, StoreOptions storeOptions,
                        ExclusionOptions rules) {
        rules.check();
        common.format();
        common.threads();
        if (storeOptions != null) {
            storeOptions.check();
        }
        return new Session(spec, repoOption, common, storeOptions, rules);
    }

    /** The library's entry point for this run. */
    Oxmeter ox() {
        return ox;
    }

    /** The repository's name in titles and headers: {@code --name}, else the repository's own name. */
    String name() {
        return common.name != null && !common.name.isBlank() ? common.name.strip() : ox.name();
    }

    /**
     * The JSON header of this run: tool, analysis versions (line facts and every blob analysis, plus
     * {@code extra}), repository, the counting rules and {@code options}, and {@code revisions}.
     */
    dev.oxmeter.render.Header header(List<Revision> revisions, Map<String, Object> options,
                                     Map<String, Object> extraAnalysis) {
        Map<String, Object> analysis = new LinkedHashMap<>(ox.analysisVersions());
        analysis.putAll(extraAnalysis);
        Map<String, Object> opts = new LinkedHashMap<>(ox.countingOptions());
        opts.putAll(options);
        return new dev.oxmeter.render.Header(command, name(), ox.directory().toString(), analysis, opts,
                revisions.stream().map(dev.oxmeter.render.Header.Rev::of).toList());
    }

    /** {@link #header(List, Map, Map)} without command-specific analyses. */
    dev.oxmeter.render.Header header(List<Revision> revisions, Map<String, Object> options) {
        return header(revisions, options, Map.of());
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Prints a one-line notice on stderr. */
    void notice(String message) {
        err.println("oxmeter: " + dev.oxmeter.render.Visible.text(message));
        err.flush();
    }

    /** Reports what the run did when --verbose is given. */
    void finish(String extra) {
        for (Oid id : ox.corruptBlobs()) {
            notice("blob " + id.hex() + " is corrupt in the repository; its files are counted as (missing)");
        }
        if (common.verbose) {
            err.printf("oxmeter: %s; %.2f s in all%n", ox.stats(extra), (System.nanoTime() - started) / 1e9);
            err.flush();
        }
    }

    @Override
    public void close() {
        ox.close();
    }
}
