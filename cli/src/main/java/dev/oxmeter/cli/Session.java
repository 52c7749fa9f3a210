package dev.oxmeter.cli;

import dev.oxmeter.aggregate.CompositionEngine;
import dev.oxmeter.aggregate.Progress;
import dev.oxmeter.aggregate.ScanOptions;
import dev.oxmeter.facts.BlobAnalyses;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.store.FactsStore;
import dev.oxmeter.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What one command run holds open: the repository, the store (unless --no-store), the facts cache and the
 * engine. The facts cache is loaded from the store only when something must be computed. Close it when done.
 */
final class Session implements AutoCloseable {
    private final GitRepo repo;
    private final Store store;
    private final FactsComputer computer;
    private final FactsCache cache = new FactsCache();
    private final FactsStore factsStore;
    private final CompositionEngine engine;
    private final CommonOptions common;
    private final ScanOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private final java.util.Set<String> reportedRules = new java.util.HashSet<>();
    private int factsPreloaded;
    private double factsLoadSeconds;

    private Session(GitRepo repo, Store store, CommonOptions common, ScanOptions options, CommandSpec spec) {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.repo = repo;
        this.store = store;
        this.common = common;
        this.options = options;
        this.computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
        this.factsStore = store == null ? null : new FactsStore(store, computer);
        Progress progress = TerminalProgress.create(common.quiet);
        this.engine = new CompositionEngine(repo, computer, cache, options, common.threads(), progress,
                added -> {
                    if (factsStore != null) {
                        factsStore.save(added);
                    }
                }, keys -> {
                    if (factsStore == null) {
                        return java.util.Map.of();
                    }
                    long t0 = System.nanoTime();
                    var found = factsStore.find(keys);
                    factsLoadSeconds += (System.nanoTime() - t0) / 1e9;
                    factsPreloaded += found.size();
                    return found;
                });
    }

    static Session open(CommandSpec spec, RepoOption repoOption, CommonOptions common, StoreOptions storeOptions,
                        ScanOptions options) {
        common.format();
        common.threads();
        GitRepo repo = GitRepo.open(repoOption.path());
        Store store = null;
        try {
            Path file = storeOptions == null ? null : storeOptions.resolve(repo);
            if (file != null) {
                PrintWriter err = spec.commandLine().getErr();
                store = Store.open(file, m -> {
                    err.println("oxmeter: " + dev.oxmeter.report.Visible.text(m));
                    err.flush();
                });
            }
            return new Session(repo, store, common, options, spec);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            repo.close();
            throw e;
        }
    }

    GitRepo repo() {
        return repo;
    }

    /** The store, or null with --no-store. */
    Store store() {
        return store;
    }

    ScanOptions options() {
        return options;
    }

    FactsComputer computer() {
        return computer;
    }

    /** The engine; it asks the store for the facts of the blobs it meets, once per call. */
    CompositionEngine engine() {
        return engine;
    }

    /** Where commit facts (people, fixes) are kept: the store's commit tables, or memory with --no-store. */
    dev.oxmeter.history.CommitFactsCache commitFacts() {
        return store == null ? new dev.oxmeter.history.InMemoryCommitFacts()
                : dev.oxmeter.store.CommitStore.open(store,
                        dev.oxmeter.store.CommitStore.factsVersion(computer.catalog()), this::notice);
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Prints a one-line notice on stderr. */
    void notice(String message) {
        err.println("oxmeter: " + dev.oxmeter.report.Visible.text(message));
        err.flush();
    }

    /**
     * Says that rules of ownership file {@code file} were skipped: how many, always; each one with --verbose.
     * Called once per parsed file.
     */
    void skippedRules(String file, java.util.List<String> all) {
        // over a timeline each release has its own copy of the file: say each rule once, whatever its line
        java.util.List<String> problems = all.stream()
                .filter(p -> reportedRules.add(file + ": " + p.replaceAll(" \\(line [0-9]+\\)", ""))).toList();
        if (problems.isEmpty()) {
            return;
        }
        if (common.verbose) {
            problems.forEach(p -> notice(file + ": " + p));
        } else {
            notice(problems.size() + " rule" + (problems.size() == 1 ? "" : "s") + " of " + file + " skipped (not "
                    + "supported; see README, Reliability); -v lists " + (problems.size() == 1 ? "it" : "them"));
        }
    }

    /** Reports what the run did when --verbose is given. */
    void finish(String extra) {
        for (var id : engine.corruptBlobs()) {
            notice("blob " + id.hex() + " is corrupt in the repository; its files are counted as (missing)");
        }
        if (common.verbose) {
            err.printf("oxmeter: %s%s; %,d facts found in %s in %.2f s; %.2f s in all%n", engine.stats(),
                    extra == null ? "" : "; " + extra, factsPreloaded,
                    store == null ? "no store" : store.file().toString(), factsLoadSeconds,
                    (System.nanoTime() - started) / 1e9);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
        repo.close();
    }
}
