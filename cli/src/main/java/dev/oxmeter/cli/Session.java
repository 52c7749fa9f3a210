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
import dev.oxmeter.source.Revision;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final String command;
    private final java.util.Set<String> reportedRules = new java.util.HashSet<>();
    private int factsPreloaded;
    private double factsLoadSeconds;

    private Session(GitRepo repo, Path storeFile, CommonOptions common, ScanOptions options, CommandSpec spec) {
        this.command = spec.name();
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
                }, storeFile == null ? null : new LazySubtrees());
    }

    /** The store's subtree compositions, opened with the store on first use (a failed run creates no store). */
    private final class LazySubtrees implements dev.oxmeter.aggregate.SubtreeStore {
        private dev.oxmeter.store.SubtreeCompositionStore subtrees;

        private dev.oxmeter.store.SubtreeCompositionStore subtrees() {
            if (subtrees == null) {
                subtrees = new dev.oxmeter.store.SubtreeCompositionStore(store(), options.fingerprint(),
                        computer.compositionVersion());
            }
            return subtrees;
        }

        @Override
        public java.util.Map<dev.oxmeter.aggregate.SubtreeKey, dev.oxmeter.aggregate.Composition> find(
                java.util.Collection<dev.oxmeter.aggregate.SubtreeKey> keys) {
            return subtrees().find(keys);
        }

        @Override
        public void save(java.util.Map<dev.oxmeter.aggregate.SubtreeKey, dev.oxmeter.aggregate.Composition> c) {
            subtrees().save(c);
        }
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

    /** The repository's name in titles and headers: {@code --name}, else the repository's own name. */
    String name() {
        return common.name != null && !common.name.isBlank() ? common.name.strip() : repo.name();
    }

    /**
     * The JSON header of this run: tool, analysis versions (line facts and every blob analysis, plus
     * {@code extra}), repository, the counting rules and {@code options}, and {@code revisions}.
     */
    dev.oxmeter.render.Header header(List<Revision> revisions, Map<String, Object> options,
                                     Map<String, Object> extraAnalysis) {
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("lines", computer.linesVersion());
        for (dev.oxmeter.facts.BlobAnalysis a : computer.analyses()) {
            analysis.put(a.name(), a.version());
        }
        analysis.putAll(extraAnalysis);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("exclude", this.options.excludes());
        opts.put("include_vendored", this.options.includeVendored());
        opts.put("max_blob_size", this.options.maxBlobBytes());
        opts.put("allow_missing", this.options.allowMissing());
        opts.putAll(options);
        return new dev.oxmeter.render.Header(command, name(), repo.directory().toString(), analysis, opts,
                revisions.stream().map(dev.oxmeter.render.Header.Rev::of).toList());
    }

    /** {@link #header(List, Map, Map)} without command-specific analyses. */
    dev.oxmeter.render.Header header(List<Revision> revisions, Map<String, Object> options) {
        return header(revisions, options, Map.of());
    }

    /** Whether the store is open: it existed when the run started, or the run has created it. */
    boolean storeOpen() {
        return store != null;
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
    dev.oxmeter.people.CommitFactsCache commitFacts() {
        return store() == null ? new dev.oxmeter.people.InMemoryCommitFacts()
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
        err.println("oxmeter: " + dev.oxmeter.render.Visible.text(message));
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
