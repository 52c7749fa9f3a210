package dev.oxmeter;

import dev.oxmeter.aggregate.CompositionEngine;
import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.aggregate.OwnerRollup;
import dev.oxmeter.aggregate.PathGlob;
import dev.oxmeter.aggregate.ScanOptions;
import dev.oxmeter.aggregate.SubtreeKey;
import dev.oxmeter.aggregate.SubtreeStore;
import dev.oxmeter.change.ChangeAnalyzer;
import dev.oxmeter.change.ChangeReport;
import dev.oxmeter.facts.BlobAnalyses;
import dev.oxmeter.facts.BlobAnalysis;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.lens.KernelLens;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Rows;
import dev.oxmeter.model.Totals;
import dev.oxmeter.owners.Ownership;
import dev.oxmeter.owners.OwnershipFiles;
import dev.oxmeter.people.CommitFacts;
import dev.oxmeter.people.CommitFactsCache;
import dev.oxmeter.people.CommitHistory;
import dev.oxmeter.people.ContributionFilter;
import dev.oxmeter.people.Contributions;
import dev.oxmeter.people.FixDensity;
import dev.oxmeter.people.InMemoryCommitFacts;
import dev.oxmeter.people.PeopleRun;
import dev.oxmeter.render.HistoryTables;
import dev.oxmeter.render.ScanTables;
import dev.oxmeter.report.ReportModel;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.CommitWalker;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.store.CommitStore;
import dev.oxmeter.store.CompositionStore;
import dev.oxmeter.store.ContributionStore;
import dev.oxmeter.store.FactsStore;
import dev.oxmeter.store.Store;
import dev.oxmeter.store.SubtreeCompositionStore;
import dev.oxmeter.timeline.Timeline;
import dev.oxmeter.toolchain.Distributions;
import dev.oxmeter.toolchain.ToolchainScanner;
import dev.oxmeter.toolchain.ToolchainTimeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * oxmeter as a library: one repository opened, with its store, and every analysis of the command line.
 *
 * <pre>{@code
 * try (Oxmeter ox = Oxmeter.open(Path.of("linux"))) {
 *     for (Map.Entry<Revision, Composition> e : ox.compositions(ox.timeline()).entrySet()) {
 *         System.out.println(e.getKey().label() + " " + e.getValue().row("Rust").code() + " "
 *                 + ox.rustShare(e.getValue()));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #open(Path)} reads and writes no store; {@link #at(Path)} gives a {@link Builder} to choose a store
 * file, the counting options, threads, progress and notices. A store that does not exist yet is created only when
 * something is computed, so a run that fails on bad input leaves none behind.
 *
 * <p>Cost: each unique blob is read and measured once (then remembered by blob id in this instance and in the
 * store); a revision whose tree was measured before costs one store lookup. Not thread-safe: use an instance from
 * one thread at a time (it runs its own worker threads inside). Close it to release the repository and the store.
 */
public final class Oxmeter implements AutoCloseable {
    private final GitRepo repo;
    private final Path storeFile;
    private Store store;
    private FactsStore factsStore;
    private Boolean storeHadNoFacts;
    private final FactsComputer computer;
    private final FactsCache cache = new FactsCache();
    private final CompositionEngine engine;
    private final ScanOptions options;
    private final int threads;
    private final Supplier<Progress> progress;
    private final Consumer<String> notices;
    private final boolean verbose;
    private final Set<String> reportedRules = new HashSet<>();
    private final Map<Oid, Ownership> parsedOwnership = new HashMap<>();
    private int factsPreloaded;
    private double factsLoadSeconds;
    private long served;
    private ToolchainScanner.Stats toolchainStats;
    private CommitFactsCache commitFacts;

    /** The choices made before opening: store, counting options, threads, progress, notices. */
    public static final class Builder {
        private final Path repository;
        private Path store;
        private boolean defaultStore;
        private List<String> excludes = List.of();
        private boolean includeVendored;
        private long maxBlobBytes = ScanOptions.DEFAULT_MAX_BLOB_BYTES;
        private boolean allowMissing;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Supplier<Progress> progress = () -> Progress.NONE;
        private Consumer<String> notices = m -> { };
        private boolean verbose;

        private Builder(Path repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
        }

        /** Keep facts and results in this DuckDB file (created on first use); null for none, the default. */
        public Builder store(Path file) {
            this.store = file;
            this.defaultStore = false;
            return this;
        }

        /** Keep facts and results in the repository's default store ({@link #defaultStore(Path)}). */
        public Builder defaultStore() {
            this.store = null;
            this.defaultStore = true;
            return this;
        }

        /** Paths matching these gitignore-style globs go to the (excluded) row ({@link #checkGlob}). */
        public Builder excludes(List<String> globs) {
            globs.forEach(Oxmeter::checkGlob);
            this.excludes = List.copyOf(globs);
            return this;
        }

        /** Count vendored and generated files in their languages instead of the (excluded) row. */
        public Builder includeVendored(boolean include) {
            this.includeVendored = include;
            return this;
        }

        /** Blobs larger than this are not read, but counted as (too large); default 16 MiB. */
        public Builder maxBlobBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maximum blob size must be positive");
            }
            this.maxBlobBytes = bytes;
            return this;
        }

        /** Count absent blobs (partial clones) as (missing) instead of failing. */
        public Builder allowMissing(boolean allow) {
            this.allowMissing = allow;
            return this;
        }

        /** Worker threads for reading blobs; default the number of cores. */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = n;
            return this;
        }

        /** Where progress goes: one reporter per long phase, asked of {@code factory}; default none. */
        public Builder progress(Supplier<Progress> factory) {
            this.progress = Objects.requireNonNull(factory);
            return this;
        }

        /** Where one-line notices go (what a timeline left out, skipped rules, corrupt blobs …); default nowhere. */
        public Builder notices(Consumer<String> sink) {
            this.notices = Objects.requireNonNull(sink);
            return this;
        }

        /** Notices list each skipped ownership rule instead of counting them. */
        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        /**
         * Opens the repository (any directory inside one, bare or not), and the store when it exists already
         * (checking its identity, lock and version before any work).
         *
         * @throws RepositoryException when there is no readable repository there
         * @throws OxmeterException    when the store is not an oxmeter store or is in use
         */
        public Oxmeter open() {
            GitRepo repo = GitRepo.open(repository);
            repo.prefetchTags();
            Oxmeter ox = null;
            try {
                Path file = defaultStore ? Oxmeter.defaultStore(repo.directory(), repo.name(), System::getenv) : store;
                ox = new Oxmeter(repo, file, this);
                if (file != null && Files.exists(file)) {
                    ox.store();
                }
                return ox;
            } catch (RuntimeException e) {
                if (ox != null) {
                    ox.close();
                } else {
                    repo.close();
                }
                throw e;
            }
        }
    }

    /**
     * Starts, on two daemon threads, the one-time set-up every analysis needs whatever its arguments, so that it
     * overlaps parsing the command line: JGit's own (its user configuration, file-system probe, logging and message
     * bundle, about 0.1 s before the JIT warms) on one, the built-in language catalog and its digest (about 50 ms)
     * on the other, so that the catalog is ready when the engine is built instead of waiting behind JGit. Optional:
     * each is otherwise done on first use, and a failure here is met again, and reported, there. Call it at most
     * once.
     */
    public static void startWarmUp() {
        background("oxmeter-warm-up", () -> {
            GitRepo.configureCaches();
            org.eclipse.jgit.util.SystemReader.getInstance().getUserConfig();
        });
        background("oxmeter-catalog", () -> {
            LanguageCatalog.standard();
            FactsComputer.builtInLinesVersion();
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void background(String name, Step work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Exception | LinkageError e) {
                // met again where it is needed, and reported there
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts the store's database engine in the background, so that its one-time set-up (about 0.2 s) overlaps
     * opening the repository; a program that calls it must call {@link #awaitStoreEngine} before it exits.
     * {@code prepare} runs first on the same thread, and the engine starts only when it returns true; opening a
     * store waits for both.
     */
    public static void startStoreEngine(java.util.function.BooleanSupplier prepare) {
        Store.startEngine(prepare);
    }

    /** Waits until what {@link #startStoreEngine} started is done (at once when it was not called). */
    public static void awaitStoreEngine() {
        Store.awaitEngine();
    }

    /** A builder for the repository at (or containing) {@code repository}. */
    public static Builder at(Path repository) {
        return new Builder(repository);
    }

    /** The repository at (or containing) {@code repository}, with no store and the default counting options. */
    public static Oxmeter open(Path repository) {
        return at(repository).open();
    }

    private Oxmeter(GitRepo repo, Path storeFile, Builder b) {
        this.repo = repo;
        this.storeFile = storeFile;
        this.options = new ScanOptions(b.maxBlobBytes, b.excludes, b.includeVendored, b.allowMissing);
        this.threads = b.threads;
        this.progress = b.progress;
        this.notices = b.notices;
        this.verbose = b.verbose;
        this.computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
        this.engine = new CompositionEngine(repo, computer, cache, options, threads, progress.get(),
                added -> {
                    if (!added.isEmpty() && store() != null) {
                        storeHadNoFacts();
                        factsStore.save(added);
                    }
                }, keys -> {
                    // facts this instance saved are in its cache, so they are never looked up: a store that had
                    // none before is not searched at all
                    if (store() == null || storeHadNoFacts()) {
                        return Map.of();
                    }
                    long t0 = System.nanoTime();
                    var found = factsStore.find(keys, options.maxBlobBytes());
                    factsLoadSeconds += (System.nanoTime() - t0) / 1e9;
                    factsPreloaded += found.size();
                    return found;
                }, storeFile == null ? null : new LazySubtrees());
        if (storeFile != null) {
            repo.keepTagTargets(tagTargets);
        }
    }

    private final StoredTagTargets tagTargets = new StoredTagTargets();

    /**
     * Tag targets from the store when it exists (read in one query on first use); those read from git wait for the
     * next saved compositions, so that listing tags never creates a store.
     */
    private final class StoredTagTargets implements dev.oxmeter.source.TagTargets {
        private Map<Oid, dev.oxmeter.source.TagTarget> kept;
        private final Map<Oid, dev.oxmeter.source.TagTarget> learned = new LinkedHashMap<>();

        @Override
        public dev.oxmeter.source.TagTarget find(Oid object) {
            if (kept == null) {
                kept = new java.util.HashMap<>(store == null ? Map.of() : dev.oxmeter.store.TagTargetStore.load(store));
            }
            return kept.get(object);
        }

        @Override
        public void learned(dev.oxmeter.source.TagTarget target) {
            learned.put(target.object(), target);
        }

        void save() {
            if (!learned.isEmpty() && store() != null) {
                dev.oxmeter.store.TagTargetStore.save(store(), learned.values());
                if (kept != null) {
                    kept.putAll(learned);  // what the store holds now, without reading it back
                }
                learned.clear();
            }
        }
    }

    /**
     * Whether the store held no blob facts of the current version before this instance saved any (asked once,
     * before the first lookup or save).
     */
    private boolean storeHadNoFacts() {
        if (storeHadNoFacts == null) {
            storeHadNoFacts = !factsStore.holdsFacts();
        }
        return storeHadNoFacts;
    }

    /** The store's subtree compositions, opened with the store on first use (a failed run creates no store). */
    private final class LazySubtrees implements SubtreeStore {
        private SubtreeCompositionStore subtrees;

        private SubtreeCompositionStore subtrees() {
            if (subtrees == null) {
                subtrees = new SubtreeCompositionStore(store(), options.fingerprint(), computer.compositionVersion());
            }
            return subtrees;
        }

        @Override
        public Map<SubtreeKey, Composition> find(Collection<SubtreeKey> keys) {
            return subtrees().find(keys);
        }

        @Override
        public void save(Map<SubtreeKey, Composition> c) {
            subtrees().save(c);
        }
    }

    // ---- the repository, the store, the rules ----------------------------------------------------------------

    /** The repository's name: the work tree's directory, or for a bare repository its origin's last path part. */
    public String name() {
        return repo.name();
    }

    /** The repository's git directory. */
    public Path directory() {
        return repo.directory();
    }

    /** The store file, or null when this instance keeps everything in memory. */
    public Path storeFile() {
        return storeFile;
    }

    /** The language catalog the counting uses. */
    public LanguageCatalog catalog() {
        return computer.catalog();
    }

    /** The counting options (what is excluded, the size limit, whether absent blobs are allowed). */
    public ScanOptions options() {
        return options;
    }

    /** The options that change numbers, by their JSON names (exclude, include_vendored, max_blob_size, …). */
    public Map<String, Object> countingOptions() {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("exclude", options.excludes());
        opts.put("include_vendored", options.includeVendored());
        opts.put("max_blob_size", options.maxBlobBytes());
        opts.put("allow_missing", options.allowMissing());
        return opts;
    }

    /** The version of the line facts ({@code lines}) and of every blob analysis, by name, in a stable order. */
    public Map<String, Object> analysisVersions() {
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("lines", computer.linesVersion());
        for (BlobAnalysis a : computer.analyses()) {
            analysis.put(a.name(), a.version());
        }
        return analysis;
    }

    /** The version of the commit facts behind {@link #people} and {@link #fixes}. */
    public String commitFactsVersion() {
        return CommitStore.factsVersion(computer.catalog());
    }

    /** Fails with a message when {@code glob} is not a valid gitignore-style path glob. */
    public static void checkGlob(String glob) {
        PathGlob.compile(glob);
    }

    /**
     * The default store file of a repository: one per git directory under {@code $XDG_CACHE_HOME/oxmeter} (an
     * absolute one), else {@code $HOME/.cache/oxmeter}; {@code env} reads environment variables.
     */
    public static Path defaultStore(Path gitDirectory, String name, java.util.function.Function<String, String> env) {
        return StoreFiles.defaultFor(gitDirectory, name, env);
    }

    /** The default store of the repository at (or containing) {@code repository}, whether it exists or not. */
    public static Path defaultStore(Path repository) {
        try (GitRepo r = GitRepo.open(repository)) {
            return defaultStore(r.directory(), r.name(), System::getenv);
        }
    }

    /**
     * The store, opened (or created) on first call; null without a store file. Package-private: callers outside
     * use the analyses, which decide when storing starts.
     */
    Store store() {
        if (store == null && storeFile != null) {
            store = Store.open(storeFile, notices);
            factsStore = new FactsStore(store, computer);
        }
        return store;
    }

    /** Makes sure the store exists (creating it), so later failures cannot be mistaken for bad input. */
    public void openStore() {
        store();
    }

    void notice(String message) {
        notices.accept(message);
    }

    Progress newProgress() {
        return progress.get();
    }

    GitRepo repo() {
        return repo;
    }

    FactsComputer computer() {
        return computer;
    }

    int threads() {
        return threads;
    }

    // ---- revisions and timelines -----------------------------------------------------------------------------

    /** A git revision (tag, branch, id, {@code X~3}, {@code X^{tree}}), labelled as given. */
    public Revision resolve(String rev) {
        return repo.resolve(rev);
    }

    /**
     * A revision labelled for results: by its tag when {@code rev} names a tag, else by its abbreviated commit id
     * (results must not say "HEAD", which names another commit tomorrow).
     */
    public Revision revision(String rev) {
        Revision r = repo.resolve(rev);
        if (r.commit() == null || repo.tags().stream().anyMatch(t -> t.name().equals(rev))) {
            return r;
        }
        return new Revision(r.commit().abbrev(12), r.commit(), r.tree(), r.date());
    }

    /** The base revision of a change ({@code diff}, {@code check}): a commit, with a clear message otherwise. */
    public Revision base(String rev) {
        return ChangeAnalyzer.resolveBase(repo, rev);
    }

    /** The default timeline: the release tags (README, "Timelines"), or monthly samples when there are none. */
    public List<Revision> timeline() {
        return tags(List.of(), List.of(), Timeline.Order.VERSION, "HEAD", null, null, kind -> { });
    }

    /**
     * Tags matching {@code globs} less {@code excludes} (the releases when both are empty, monthly samples when
     * there are no releases), in {@code order}, dated within [{@code since}, {@code until}] when given;
     * {@code chosen} learns which rule applied.
     */
    public List<Revision> tags(List<String> globs, List<String> excludes, Timeline.Order order, String branch,
                               LocalDate since, LocalDate until, Consumer<Timeline.Kind> chosen) {
        return Timeline.tagsOrReleases(repo, globs, excludes, order, branch, since, until, notices, chosen);
    }

    /** The last first-parent commit of {@code branch} in each period, dated within [since, until] when given. */
    public List<Revision> every(String branch, Timeline.Period period, LocalDate since, LocalDate until) {
        // a store that existed before this run may know the history, which the walk then follows; no store is
        // created here, so a run that fails on bad input still leaves none behind
        return Timeline.every(repo, branch, period, since, until,
                store != null ? commitFacts() : Timeline.KnownCommits.NONE);
    }

    /** Revisions named explicitly, in the order given. */
    public List<Revision> revisions(List<String> revs) {
        return Timeline.explicit(repo, revs);
    }

    // ---- compositions and files ------------------------------------------------------------------------------

    /** The composition of one revision, computed from its trees (facts and subtrees reused from the store). */
    public Composition composition(Revision rev) {
        return engine.compose(List.of(rev)).get(rev);
    }

    /**
     * The compositions of {@code revs}, in order: served from the store when saved there, computed (and saved)
     * otherwise. Results with absent blobs ({@code --allow-missing}) are never saved. {@link #servedFromStore()}
     * then says how many came from the store.
     */
    public Map<Revision, Composition> compositions(List<Revision> revs) {
        CompositionStore saved = store() == null ? null
                : new CompositionStore(store(), options.fingerprint(), computer.compositionVersion());
        Map<Oid, Composition> known = saved == null ? Map.of() : saved.load(revs.stream().map(Revision::tree).toList());
        List<Revision> missing = new ArrayList<>();
        for (Revision r : revs) {
            if (!known.containsKey(r.tree())) {
                missing.add(r);
            }
        }
        Map<Revision, Composition> computed = missing.isEmpty() ? Map.of() : engine.compose(missing);
        Map<Revision, Composition> out = new LinkedHashMap<>();
        List<CompositionStore.Saved> toSave = new ArrayList<>();
        for (Revision r : revs) {
            Composition c = known.get(r.tree());
            boolean fromStore = c != null;
            if (c == null) {
                c = computed.get(r);
            }
            out.put(r, c);
            if (c.row(Rows.MISSING).files() == 0) {
                // results with absent blobs are provisional: never saved, recomputed when the blobs arrive
                toSave.add(new CompositionStore.Saved(r, c, fromStore));
            }
        }
        if (saved != null) {
            saved.save(toSave, this::category);
            tagTargets.save();
        }
        served = revs.size() - missing.size();
        return out;
    }

    /** How many revisions the last {@link #compositions} call served from the store. */
    public long servedFromStore() {
        return served;
    }

    private String category(String row) {
        if (!Rows.isLanguage(row)) {
            return "none";
        }
        return computer.catalog().byName(row).map(Language::category)
                .map(c -> c.name().toLowerCase(Locale.ROOT)).orElse("other");
    }

    /** Rust code lines ÷ code lines of the programming languages × 100 (README, "What is counted"); NaN if none. */
    public double rustShare(Composition c) {
        return HistoryTables.rustShare(c, computer.catalog());
    }

    /** Every entry of {@code rev} with its facts (computed once per unique blob, kept in the store). */
    public List<FileRow> files(Revision rev) {
        List<FileRow> out = new ArrayList<>();
        engine.files(rev, out::add);
        return out;
    }

    /** The content of a blob, read whole; fails when it is larger than the size limit. */
    public byte[] blob(Oid blob) {
        try (ObjectSource src = repo.newObjectSource()) {
            BlobContent c = src.blob(blob, options.maxBlobBytes(), 0);
            if (c.truncated()) {
                throw new OxmeterException("blob " + blob.hex() + " is larger than --max-blob-size");
            }
            return c.length() == c.data().length ? c.data() : Arrays.copyOf(c.data(), c.length());
        }
    }

    private String text(Oid blob) {
        return new String(blob(blob), StandardCharsets.UTF_8);
    }

    // ---- owners ----------------------------------------------------------------------------------------------

    /**
     * The ownership of a revision listed as {@code files}: its MAINTAINERS, else its CODEOWNERS (GitHub's order),
     * else top directories ({@link OwnershipFiles}). Each file content is parsed once per instance; rules that
     * cannot be applied are reported as notices.
     */
    public OwnershipFiles.Found ownership(List<FileRow> files) {
        OwnershipFiles.Found found = OwnerRollup.ownership(files, this::text, parsedOwnership);
        skippedRules(found.file(), found.ownership().problems());
        return found;
    }

    /** Code of one language per owner at each revision, and which ownership file said so (the last one read). */
    public record Owners(String source, Map<Revision, Map<String, Totals>> perRevision) {
    }

    /**
     * Code of {@code language} per owner at each of {@code revs}. With {@code primary} each file counts for its
     * most specific owner only, else for every owner that claims it. Cost: a file listing per revision.
     */
    public Owners owners(Language language, List<Revision> revs, boolean primary) {
        if (revs.size() > 1) {
            compositions(revs);
        }
        Map<Revision, Map<String, Totals>> per = new LinkedHashMap<>();
        String source = null;
        for (Revision r : revs) {
            List<FileRow> files = files(r);
            OwnershipFiles.Found owners = ownership(files);
            source = owners.file();
            per.put(r, OwnerRollup.byOwner(files, language.name(), owners.ownership(), primary));
        }
        return new Owners(source, per);
    }

    void reportSkippedRules(OwnershipFiles.Found found) {
        skippedRules(found.file(), found.ownership().problems());
    }

    /** Says that rules of an ownership file were skipped: how many, each once per instance; each one if verbose. */
    private void skippedRules(String file, List<String> all) {
        // over a timeline each release has its own copy of the file: say each rule once, whatever its line
        List<String> problems = all.stream()
                .filter(p -> reportedRules.add(file + ": " + p.replaceAll(" \\(line [0-9]+\\)", ""))).toList();
        if (problems.isEmpty()) {
            return;
        }
        if (verbose) {
            problems.forEach(p -> notice(file + ": " + p));
        } else {
            notice(problems.size() + " rule" + (problems.size() == 1 ? "" : "s") + " of " + file + " skipped (not "
                    + "supported; see README, Reliability); -v lists " + (problems.size() == 1 ? "it" : "them"));
        }
    }

    // ---- the kernel lens: safety and boundary ----------------------------------------------------------------

    /** Rust files of {@code rev} with their safety metrics ({@link KernelLens#SAFETY_KEYS}). */
    public List<KernelLens.FileValues> safetyByFile(Revision rev) {
        return KernelLens.safetyByFile(files(rev));
    }

    /**
     * Rust safety metrics summed per owner ({@code byOwner}) or per directory of {@code depth} levels, per
     * revision in order. Cost: the compositions (stored), then a file listing per revision.
     */
    public Map<Revision, List<KernelLens.Group>> safetyByGroup(List<Revision> revs, boolean byOwner, int depth) {
        compositions(revs);
        Map<Revision, List<KernelLens.Group>> out = new LinkedHashMap<>();
        for (Revision r : revs) {
            List<FileRow> files = files(r);
            Ownership own = byOwner ? ownership(files).ownership() : OwnerRollup.byDirectory(depth);
            out.put(r, KernelLens.safetyByGroup(files, own));
        }
        return out;
    }

    /** Unsafe sites of {@code rev} without their SAFETY comment or # Safety section; reads those files again. */
    public List<KernelLens.Site> undocumentedUnsafe(Revision rev) {
        return KernelLens.undocumented(files(rev), this::blob);
    }

    /** The C helpers of {@code rev}; reads the files that have any. */
    public List<KernelLens.Helper> helpers(Revision rev) {
        return KernelLens.helpers(files(rev), this::blob);
    }

    /** The Rust files of {@code rev} that touch C, with their boundary metrics ({@link KernelLens#RUST_KEYS}). */
    public List<KernelLens.FileValues> rustBoundary(Revision rev) {
        return KernelLens.rustSide(files(rev));
    }

    /** Files with C helpers or Rust boundary sites, per revision in order. */
    public Map<Revision, List<KernelLens.BoundaryFile>> boundaryByFile(List<Revision> revs) {
        if (revs.size() > 1) {
            compositions(revs);
        }
        Map<Revision, List<KernelLens.BoundaryFile>> out = new LinkedHashMap<>();
        for (Revision r : revs) {
            out.put(r, KernelLens.boundaryByFile(files(r)));
        }
        return out;
    }

    // ---- people and fixes ------------------------------------------------------------------------------------

    /** Where commit facts (people, fixes) are kept: the store's commit tables, or memory without a store. */
    CommitFactsCache commitFacts() {
        // one per instance: the store's commit tables are read once however many analyses ask
        if (commitFacts == null || commitFacts instanceof InMemoryCommitFacts && store() != null) {
            commitFacts = store() == null ? new InMemoryCommitFacts()
                    : CommitStore.open(store(), commitFactsVersion(), notices);
        }
        return commitFacts;
    }

    /**
     * Who contributed to {@code language} in each window (README, "People"), from one walk of the history whose
     * commit facts are kept in the store; the counted contributions are saved there too. Reports a shallow
     * clone's boundary as a notice.
     */
    public PeopleRun.Result people(Language language, List<Contributions.WindowSpec> windows,
                                   PeopleRun.Options runOptions) {
        return people(language, windows, runOptions, true);
    }

    /** {@link #people}, saving the counted contributions only when {@code save} (the report does not). */
    PeopleRun.Result people(Language language, List<Contributions.WindowSpec> windows, PeopleRun.Options runOptions,
                            boolean save) {
        CommitFactsCache facts = commitFacts();
        Progress p = progress.get();
        List<Contributions.Contribution> counted = new ArrayList<>();
        PeopleRun.Result result;
        try {
            result = PeopleRun.run(repo, facts, computer.catalog(), language, windows, runOptions, p,
                    store() == null || !save ? c -> { } : counted::add);
        } finally {
            p.done();
        }
        String shallow = CommitHistory.shallowNotice(result.shallow());
        if (shallow != null) {
            notice(shallow);
        }
        if (store() != null && save) {
            ContributionStore.save(store(), PeopleRun.describe(language, runOptions), language.name(), windows,
                    counted);
        }
        return result;
    }

    /**
     * The people options with this instance's exclusion rules and threads; {@code allowMissing} counts changed
     * files whose content is absent with 0 lines instead of failing.
     */
    public PeopleRun.Options peopleOptions(dev.oxmeter.people.Mailmap userMailmap, String mailmapRevision,
                                           dev.oxmeter.people.Affiliations affiliations,
                                           dev.oxmeter.people.TrailerKeys keys, boolean allowMissing) {
        return new PeopleRun.Options(options.excludes(), options.includeVendored(), userMailmap, mailmapRevision,
                affiliations, keys, threads, allowMissing);
    }

    /** The window {@code A..B} (git's commit set; {@code ..B} is all of B's history), checked. */
    public Contributions.WindowSpec range(String spec) {
        String s = spec.strip();
        int dots = s.indexOf("..");
        if (dots < 0 || s.indexOf("...") >= 0 || s.indexOf("..", dots + 2) >= 0) {
            throw new OxmeterException("--range: expected A..B (or ..B), got '" + spec + "'");
        }
        String a = s.substring(0, dots).strip();
        String b = s.substring(dots + 2).strip();
        if (b.isEmpty()) {
            throw new OxmeterException("--range: the end of '" + spec + "' is missing (A..B)");
        }
        Revision end = repo.resolve(b);
        if (end.commit() == null) {
            throw new OxmeterException("--range: '" + b + "' is a tree, not a commit");
        }
        if (a.isEmpty()) {
            return new Contributions.WindowSpec(null, null, end, true);
        }
        Revision start = repo.resolve(a);
        if (start.commit() == null) {
            throw new OxmeterException("--range: '" + a + "' is a tree, not a commit");
        }
        return new Contributions.WindowSpec(start.commit(), a, end, true);
    }

    /** One row of {@link #fixes}: a window, a language, its fix commits and commits, and its code at the end. */
    public record FixRow(String window, Instant endDate, String language, long fixCommits, long commits, long code) {
        /** Fix commits per 1,000 lines of code at the window's end; NaN without code. */
        public double perKloc() {
            return code == 0 ? Double.NaN : 1000.0 * fixCommits / code;
        }
    }

    /** The result of {@link #fixes}: the languages reported, the rows, and what the history walk cost. */
    public record Fixes(List<String> languages, List<FixRow> rows, String walk) {
    }

    /**
     * Fix density per language and window between consecutive {@code revs}: non-merge commits with a Fixes:
     * trailer that modify files of the language, per 1,000 lines of its code at the window's end. Languages:
     * {@code languages} (catalog names or aliases), else Rust and the programming languages with most code at
     * the last revision. Cost: the compositions, and one walk of the history (commit facts kept in the store).
     */
    public Fixes fixes(List<Revision> revs, List<String> languages) {
        List<Contributions.WindowSpec> windows = PeopleRun.consecutive(revs);
        Map<Revision, Composition> comps = compositions(revs);
        Set<String> langs = fixLanguages(languages, comps.get(revs.get(revs.size() - 1)));
        CommitFactsCache facts = commitFacts();
        CommitWalker walker = PeopleRun.walker(repo, computer.catalog(), threads);
        Set<Oid> tips = new LinkedHashSet<>();
        for (Contributions.WindowSpec w : windows) {
            tips.add(w.end().commit());
        }
        Progress p = progress.get();
        CommitHistory.Update update;
        try {
            update = CommitHistory.update(walker, facts, tips, options.allowMissing(), p);
        } finally {
            p.done();
        }
        CommitWalker.WalkStats walk = update.stats();
        String shallow = CommitHistory.shallowNotice(update.shallow());
        if (shallow != null) {
            notice(shallow);
        }
        Map<String, List<CommitFacts>> touching = new LinkedHashMap<>();
        try (ObjectSource src = repo.newObjectSource()) {
            ContributionFilter filter = PeopleRun.filter(repo, src, options.excludes(), options.includeVendored());
            for (String l : langs) {
                touching.put(l, filter.apply(update.touching(facts, l,
                        Set.of(dev.oxmeter.people.TrailerKeys.FIXES))));
            }
        }
        List<FixRow> rows = new ArrayList<>();
        for (FixDensity.Row r : FixDensity.count(windows, touching, update.graph())) {
            Revision end = r.window().end();
            rows.add(new FixRow(r.window().label(), end.date(), r.language(), r.fixCommits(), r.commits(),
                    comps.get(end).row(r.language()).code()));
        }
        return new Fixes(List.copyOf(langs), rows, String.format(Locale.ROOT, "commits reachable %,d (%,d headers "
                + "read, %,d read and diffed, %,d from the store) in %.2f s", walk.visited(), walk.headers(),
                walk.read(), walk.known(), walk.seconds()));
    }

    private Set<String> fixLanguages(List<String> names, Composition last) {
        Set<String> out = new LinkedHashSet<>();
        if (!names.isEmpty()) {
            for (String l : names) {
                out.add(PeopleRun.language(computer.catalog(), l).name());
            }
            return out;
        }
        if (last.row("Rust").files() > 0) {
            out.add("Rust");
        }
        ScanTables.sorted(last).stream()
                .filter(e -> HistoryTables.programmingCode(new Composition(Map.of(e.getKey(), e.getValue())),
                        computer.catalog()) > 0)
                .limit(4).forEach(e -> out.add(e.getKey()));
        return out;
    }

    // ---- toolchain, change, report ---------------------------------------------------------------------------

    /**
     * The Rust toolchain each revision declares and which distributions can build it (docs/toolchain.md). Cost:
     * the relevant files of each revision only.
     */
    public ToolchainTimeline toolchain(List<Revision> revs) {
        ToolchainScanner scanner = toolchainScanner();
        ToolchainTimeline t = ToolchainTimeline.of(scanner.scan(revs), Distributions.standard());
        toolchainStats = scanner.stats();
        return t;
    }

    /**
     * A toolchain scanner whose root-tree listings are kept in the store when there is one (created only when a
     * listing is to be saved, so a run that fails on bad input leaves no store).
     */
    ToolchainScanner toolchainScanner() {
        if (storeFile == null) {
            return new ToolchainScanner(repo, options);
        }
        return new ToolchainScanner(repo, options, new dev.oxmeter.toolchain.ListingStore() {
            @Override
            public Map<Oid, String> find(Collection<Oid> trees) {
                return store == null ? Map.of()
                        : dev.oxmeter.store.ToolchainListingStore.find(store, ToolchainScanner.LISTING_VERSION, trees);
            }

            @Override
            public void save(Map<Oid, String> listings) {
                if (store() != null) {
                    dev.oxmeter.store.ToolchainListingStore.save(store(), ToolchainScanner.LISTING_VERSION, listings);
                }
            }
        });
    }

    /** What the last {@link #toolchain} call read and reused, in words. */
    public String toolchainStats() {
        return String.valueOf(toolchainStats);
    }

    /** What the change from {@code base} to {@code head} does (diff and check). */
    public ChangeReport change(Revision base, Revision head) {
        return analyzer().compare(base, head);
    }

    /** The text of a file at the root of {@code rev} ({@code .oxmeter.toml}), if there is one. */
    public Optional<String> rootFile(Revision rev, String name) {
        return analyzer().rootFile(rev, name);
    }

    private ChangeAnalyzer analyzer() {
        return new ChangeAnalyzer(repo, engine, computer.catalog(), options.maxBlobBytes());
    }

    /**
     * The model of the HTML/Markdown report over {@code revs} (README, "Report"); the request's people source
     * supplies the contributor figures ({@link ReportRequest#rustPeople} for the people analysis of Rust).
     */
    public ReportModel report(List<Revision> revs, ReportRequest request) {
        return ReportAssembly.build(this, revs, request);
    }

    // ---- the run's own account -------------------------------------------------------------------------------

    /** Blobs found corrupt so far (their files are counted as (missing)). */
    public Set<Oid> corruptBlobs() {
        return engine.corruptBlobs();
    }

    /** What was read and what came from caches so far, in words, followed by {@code extra} when not null. */
    public String stats(String extra) {
        return String.format("%s%s; %,d facts found in %s in %.2f s", engine.stats(),
                extra == null ? "" : "; " + extra, factsPreloaded,
                storeFile == null ? "no store" : storeFile.toString(), factsLoadSeconds);
    }

    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            repo.close();
        }
    }
}
