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
    /** The store file, null with --no-store; opened now when it exists, else created on first use. */
    private final Path storeFile;
    private Store store;
    private FactsStore factsStore;
    private final FactsComputer computer;
    private final FactsCache cache = new FactsCache();
    private final CompositionEngine engine;
    private final CommonOptions common;
    private final ScanOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private int factsPreloaded;
    private double factsLoadSeconds;

    private Session(GitRepo repo, Path storeFile, CommonOptions common, ScanOptions options, CommandSpec spec) {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.repo = repo;
        this.storeFile = storeFile;
        this.common = common;
        this.options = options;
        this.computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
        Progress progress = TerminalProgress.create(common.quiet);
        this.engine = new CompositionEngine(repo, computer, cache, options, common.threads(), progress,
                added -> {
                    if (!added.isEmpty() && store() != null) {
                        factsStore.save(added);
                    }
                }, keys -> {
                    if (store() == null) {
                        return java.util.Map.of();
                    }
                    long t0 = System.nanoTime();
                    var found = factsStore.find(keys, options.maxBlobBytes());
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
        Session s = null;
        try {
            Path file = storeOptions == null ? null : storeOptions.resolve(repo);
            s = new Session(repo, file, common, options, spec);
            if (file != null && java.nio.file.Files.exists(file)) {
                // an existing store is checked (identity, lock, version) before any work is done
                s.store();
            }
            return s;
        } catch (RuntimeException e) {
            if (s != null) {
                s.close();
            } else {
                repo.close();
            }
            throw e;
        }
    }

    GitRepo repo() {
        return repo;
    }

    /**
     * The store, or null with --no-store. A store that does not exist yet is created by the first call, which
     * commands make once their input is known to be good: a run that fails on bad input leaves no store behind.
     */
    Store store() {
        if (store == null && storeFile != null) {
            store = Store.open(storeFile, this::notice);
            factsStore = new FactsStore(store, computer);
        }
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
        return store() == null ? new dev.oxmeter.history.InMemoryCommitFacts()
                : dev.oxmeter.store.CommitStore.open(store(),
                        dev.oxmeter.store.CommitStore.factsVersion(computer.catalog()), this::notice);
    }

    /** A progress reporter for a phase of this run: a bar on a terminal unless --quiet, nothing otherwise. */
    Progress progress() {
        return TerminalProgress.create(common.quiet);
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Prints a one-line notice on stderr. */
    void notice(String message) {
        err.println("oxmeter: " + message);
        err.flush();
    }

    /** Reports what the run did when --verbose is given. */
    void finish(String extra) {
        for (var id : engine.corruptBlobs()) {
            notice("blob " + id.hex() + " is corrupt in the repository; its files are counted as (missing)");
        }
        if (common.verbose) {
            err.printf("oxmeter: %s%s; %,d facts found in %s in %.2f s; %.2f s in all%n", engine.stats(),
                    extra == null ? "" : "; " + extra, factsPreloaded,
                    storeFile == null ? "no store" : storeFile.toString(), factsLoadSeconds,
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
