package dev.oxmeter.source;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.RepositoryException;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.util.RawParseUtils;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * An open git repository (bare or not), read through JGit's object database only: nothing is checked out.
 *
 * <p>Thread-safe for resolving names; object reading goes through {@link #newObjectSource()}, one per thread.
 * Close it when done.
 */
public final class GitRepo implements AutoCloseable {
    static {
        // Kernel-sized packs: let JGit keep more of the pack and of delta bases in memory than its small defaults,
        // within a share of the heap (both caches live on the heap; the delta-base cache is per reader).
        long heap = Runtime.getRuntime().maxMemory();
        WindowCacheConfig cfg = new WindowCacheConfig();
        cfg.setPackedGitLimit(Math.min(1024L * 1024 * 1024, heap / 5));
        cfg.setPackedGitWindowSize(64 * 1024);
        cfg.setDeltaBaseCacheLimit((int) Math.min(256L * 1024 * 1024, heap / 20));
        cfg.setStreamFileThreshold((int) Math.min(64L * 1024 * 1024, heap / 20));
        cfg.install();
    }

    /**
     * Makes sure JGit's caches are configured as above (the class's initialisation does it once per process, about
     * as long as opening a repository before the JIT warms), so that a background start can do it early.
     */
    public static void configureCaches() {
        // nothing: calling it initialises the class
    }

    private final Repository repo;
    private final Path directory;

    private TagTargets tagTargets = TagTargets.NONE;
    /** The tag refs {@link #prefetchTags} is listing, until {@link #tags} takes them. */
    private volatile java.util.concurrent.CompletableFuture<List<Ref>> tagRefs;

    private GitRepo(Repository repo, Path directory) {
        this.repo = repo;
        this.directory = directory;
    }

    /**
     * Opens the repository at {@code start} or in the closest parent directory that holds one (like git).
     *
     * @throws OxmeterException when there is none, naming {@code start}
     */
    public static GitRepo open(Path start) {
        Path abs = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new OxmeterException("not a directory: " + start);
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        File dir = abs.toFile();
        if (isGitDir(dir)) {
            builder.setGitDir(dir);
        } else {
            builder.findGitDir(dir);
        }
        if (builder.getGitDir() == null) {
            throw new OxmeterException("not a git repository (or any parent up to /): " + start);
        }
        try {
            Repository r = builder.build();
            Path top = r.isBare() ? r.getDirectory().toPath() : r.getWorkTree().toPath();
            return new GitRepo(r, top.toAbsolutePath().normalize());
        } catch (IOException | IllegalArgumentException e) {
            throw new OxmeterException("cannot open git repository " + start + ": " + e.getMessage(), e);
        }
    }

    /**
     * Clones {@code url} (any URL git and JGit understand: {@code file://}, {@code https://}, {@code ssh://}) as a
     * bare mirror into the new directory {@code dir}, with every branch and tag, and opens it. Cost: the whole
     * transfer; nothing is checked out.
     *
     * @throws OxmeterException when the clone fails, with JGit's reason
     */
    public static GitRepo cloneMirror(String url, Path dir) {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.cloneRepository().setURI(url)
                .setDirectory(dir.toFile()).setBare(true).setMirror(true).call()) {
            Repository r = git.getRepository();
            r.incrementOpen();
            return new GitRepo(r, r.getDirectory().toPath().toAbsolutePath().normalize());
        } catch (org.eclipse.jgit.api.errors.GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new OxmeterException("cannot clone " + url + ": " + e.getMessage(), e);
        }
    }

    private static boolean isGitDir(File dir) {
        return new File(dir, "objects").isDirectory() && new File(dir, "HEAD").isFile();
    }

    /** The work tree of a non-bare repository, else the git directory. */
    public Path directory() {
        return directory;
    }

    /**
     * A short name for the repository: for a bare repository the last part of its {@code origin} URL when there is
     * one; otherwise the directory name, or the name of the directory above one named {@code .git} or
     * {@code repo} (mirrors kept as {@code NAME/repo}); without a {@code .git} suffix. Reads the config only.
     */
    public String name() {
        if (repo.isBare()) {
            String url = repo.getConfig().getString("remote", "origin", "url");
            String last = url == null ? "" : url.replaceAll("[/\\\\]+$", "");
            last = last.substring(Math.max(last.lastIndexOf('/'), last.lastIndexOf(':')) + 1);
            if (!stripGit(last).isBlank()) {
                return stripGit(last);
            }
        }
        String n = directory.getFileName() == null ? "repo" : directory.getFileName().toString();
        if ((n.equals(".git") || n.equals("repo")) && directory.getParent() != null
                && directory.getParent().getFileName() != null) {
            n = directory.getParent().getFileName().toString();
        }
        return stripGit(n);
    }

    private static String stripGit(String n) {
        return n.endsWith(".git") && n.length() > 4 ? n.substring(0, n.length() - 4) : n;
    }

    /**
     * Objects a run may read one by one through {@code git cat-file} before JGit reads them: JGit loads a pack's
     * whole index on its first object (24 MB on git/git, a tenth of a second before the JIT warms), which pays off
     * once a few hundred objects are read (a round trip to git took about 0.1 ms each on two busy cores). A run
     * that adds one release to a store reads some fifty trees and tags.
     */
    static final int SMALL_READS = 256;
    /** The process for {@link #smallRead}, started on first use; guarded by this. */
    private CatFileBlobs small;
    private int smallCount;
    private boolean smallOff;

    /**
     * Object {@code id} read through a {@code git cat-file --batch} process shared by this repository's readers, as
     * long as fewer than {@link #SMALL_READS} were read so: whole up to {@code limit} bytes, else its first
     * {@code limit}. Null when it is not read so: the budget is spent, git is not used ({@link #useGit}), or git
     * says it is missing or fails; the caller then reads it with JGit, which reports any problem in its own words.
     * Thread-safe (one request at a time).
     */
    synchronized CatFileBlobs.Raw smallRead(Oid id, int limit) {
        if (smallOff || smallCount >= SMALL_READS) {
            return null;
        }
        if (small == null) {
            small = useGit() ? CatFileBlobs.start(repo.getDirectory()) : null;
            if (small == null) {
                smallOff = true;
                return null;
            }
        }
        smallCount++;
        try {
            return small.object(id, limit);
        } catch (OxmeterException e) {
            // git died or answered oddly (a corrupt object): JGit reads this one and every later one
            small.close();
            small = null;
            smallOff = true;
            return null;
        }
    }

    /**
     * What {@code id} peels to, read through {@link #smallRead}: null when an object on the way is not read so,
     * then the caller peels with JGit.
     */
    private TagTarget smallPeel(ObjectId start) {
        Oid at = oid(start);
        Instant tagDate = null;
        // parsed with JGit's field parsers rather than RevTag.parse and RevCommit.parse, which hash the whole object
        // again to name it (a tenth of a small run's main thread before the JIT warms)
        try {
            for (int depth = 0; depth < 16; depth++) {
                // a tag may point at a large blob: only headers are needed, and they come first
                CatFileBlobs.Raw raw = smallRead(at, PEEL_BYTES);
                if (raw == null) {
                    return null;
                }
                byte[] b = raw.data();
                switch (raw.type()) {
                    case "tag" -> {
                        if (!headerWithId(b, ObjectChecker.object)) {
                            return null;
                        }
                        if (depth == 0) {
                            int p = RawParseUtils.tagger(b, 0);
                            PersonIdent who = p < 0 ? null : RawParseUtils.parsePersonIdent(b, p);
                            tagDate = who == null ? null : who.getWhenAsInstant();
                        }
                        at = oid(ObjectId.fromString(b, 7));
                    }
                    case "commit" -> {
                        int p = RawParseUtils.committer(b, 0);
                        PersonIdent who = p < 0 ? null : RawParseUtils.parsePersonIdent(b, p);
                        if (!headerWithId(b, ObjectChecker.tree) || who == null) {
                            return null;
                        }
                        return new TagTarget(oid(start), "commit", at, oid(ObjectId.fromString(b, 5)), tagDate,
                                Instant.ofEpochSecond(who.getWhenAsInstant().getEpochSecond()));
                    }
                    default -> {
                        return new TagTarget(oid(start), raw.type(), null, null, tagDate, null);
                    }
                }
            }
        } catch (RuntimeException e) {
            return null; // JGit peels it again and says what is wrong
        }
        return null;
    }

    /** Bytes of an object read to peel it: its headers (a commit's or tag's message may be cut). */
    private static final int PEEL_BYTES = 1 << 20;

    /** Whether {@code raw} starts with the header {@code key} (JGit's, with its space) and a full id after it. */
    private static boolean headerWithId(byte[] raw, byte[] key) {
        int p = RawParseUtils.match(raw, 0, key);
        return p > 0 && raw.length >= p + Constants.OBJECT_ID_STRING_LENGTH;
    }

    /** A reader for trees and blobs; not thread-safe, so make one per thread. */
    public ObjectSource newObjectSource() {
        return new ObjectSource(this, repo.newObjectReader());
    }

    /** True for a shallow clone (its git directory lists shallow commits): older history is absent. */
    public boolean isShallow() {
        File shallow = repo.getDirectory() == null ? null : new File(repo.getDirectory(), "shallow");
        return shallow != null && shallow.isFile() && shallow.length() > 0;
    }

    /**
     * A reader whose {@link ObjectSource#blobs} goes through a {@code git cat-file --batch} process of its own,
     * which inflates blobs several times faster than JGit; a plain JGit reader when git cannot be started, when the
     * repository is a partial clone (git would fetch missing blobs from the network), or when the environment sets
     * {@code OXMETER_BLOB_READER=jgit}. Not thread-safe: one per thread; close it to end the process.
     */
    public ObjectSource newBulkObjectSource() {
        CatFileBlobs catFile = null;
        if (useGit()) {
            catFile = CatFileBlobs.start(repo.getDirectory());
        }
        return new ObjectSource(this, repo.newObjectReader(), catFile);
    }

    private boolean useGit() {
        if ("jgit".equals(System.getenv("OXMETER_BLOB_READER")) || repo.getDirectory() == null) {
            return false;
        }
        org.eclipse.jgit.lib.StoredConfig cfg = repo.getConfig();
        if (cfg.getString("extensions", null, "partialclone") != null) {
            return false;
        }
        for (String remote : cfg.getSubsections("remote")) {
            if (cfg.getBoolean("remote", remote, "promisor", false)) {
                return false;
            }
        }
        return true;
    }

    /** True when HEAD does not resolve to a commit (a repository with no commits yet). */
    public boolean isEmpty() {
        try {
            return repo.resolve(Constants.HEAD + "^{commit}") == null;
        } catch (IOException | RevisionSyntaxException e) {
            return true;
        }
    }

    /**
     * Resolves any git revision expression ({@code HEAD}, a tag, {@code v6.1~3}, an abbreviated id, {@code X^{tree}})
     * to a commit and its tree, peeling annotated tags; a revision naming a tree is accepted without a commit.
     *
     * @throws OxmeterException for an empty repository, an unknown or ambiguous revision, or a revision naming a blob
     */
    public Revision resolve(String rev) {
        if (rev.startsWith("HEAD") && isEmpty()) {
            throw new OxmeterException("repository " + directory + " has no commits yet");
        }
        awaitTagListing();
        ObjectId id;
        try {
            id = repo.resolve(rev);
        } catch (AmbiguousObjectException e) {
            throw new OxmeterException("ambiguous revision '" + rev + "': give more hex digits");
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new OxmeterException("invalid revision '" + rev + "'");
        } catch (MissingObjectException | org.eclipse.jgit.errors.RevWalkException e) {
            throw problem("cannot resolve revision '" + rev + "'", e);
        } catch (IOException e) {
            throw new RepositoryException("cannot resolve revision '" + rev + "': " + e.getMessage(), e);
        }
        if (id == null) {
            throw new OxmeterException("unknown revision '" + rev + "' in " + directory);
        }
        TagTarget known = tagTargets.find(oid(id));
        if (known == null) {
            known = smallPeel(id);
        }
        if (known != null && known.commit() != null) {
            return new Revision(rev, known.commit(), known.tree(), known.commitDate());
        }
        try (RevWalk rw = new RevWalk(repo)) {
            RevObject o = rw.peel(rw.parseAny(id));
            if (o instanceof RevCommit c) {
                return new Revision(rev, oid(c), oid(c.getTree()), Instant.ofEpochSecond(c.getCommitTime()));
            }
            if (o instanceof RevTree t) {
                return new Revision(rev, null, oid(t), null);
            }
            throw new OxmeterException("revision '" + rev + "' names a " + Constants.typeString(o.getType())
                    + ", not a commit or tree");
        } catch (MissingObjectException | CorruptObjectException | org.eclipse.jgit.errors.RevWalkException e) {
            throw problem("cannot read revision '" + rev + "'", e);
        } catch (IOException e) {
            throw new RepositoryException("cannot read revision '" + rev + "': " + e.getMessage(), e);
        }
    }

    /**
     * Every tag, peeled, in no particular order. A tag whose object cannot be read is listed with target type
     * {@code missing} or {@code corrupt} and no commit. Cost: the refs, plus the tag and commit objects of each tag
     * whose target is not kept ({@link #keepTagTargets}).
     */
    public List<TagRef> tags() {
        List<TagRef> out = new ArrayList<>();
        try (RevWalk rw = new RevWalk(repo)) {
            List<Ref> refs = prefetchedTagRefs();
            for (Ref ref : refs != null ? refs : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String name = ref.getName().substring(Constants.R_TAGS.length());
                TagTarget kept = tagTargets.find(oid(ref.getObjectId()));
                if (kept != null) {
                    out.add(kept.tag(name));
                    continue;
                }
                TagTarget read = smallPeel(ref.getObjectId());
                if (read != null) {
                    out.add(read.tag(name));
                    tagTargets.learned(read);
                    continue;
                }
                try {
                    RevObject o = rw.parseAny(ref.getObjectId());
                    Instant tagDate = null;
                    if (o instanceof RevTag tag) {
                        PersonIdent who = tag.getTaggerIdent();
                        tagDate = who == null ? null : who.getWhenAsInstant();
                    }
                    RevObject peeled = rw.peel(o);
                    TagTarget target = peeled instanceof RevCommit c
                            ? new TagTarget(oid(o), "commit", oid(c), oid(c.getTree()), tagDate,
                                    Instant.ofEpochSecond(c.getCommitTime()))
                            : new TagTarget(oid(o), Constants.typeString(peeled.getType()), null, null, tagDate, null);
                    out.add(target.tag(name));
                    tagTargets.learned(target);
                } catch (MissingObjectException e) {
                    RepositoryException why = diagnose("object", e.getObjectId());
                    out.add(new TagRef(name, null, why instanceof CorruptObjectError ? "corrupt" : "missing", null));
                } catch (CorruptObjectException e) {
                    out.add(new TagRef(name, null, "corrupt", null));
                }
            }
        } catch (IOException e) {
            throw new RepositoryException("cannot list tags of " + directory + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Starts listing the tag refs on a daemon thread, for {@link #tags} to take: parsing git/git's 5,000 packed
     * refs is a good part of a run that reads everything else from the store, and it can overlap opening the store.
     * It also fills JGit's cache of packed refs, which resolving any name reads. Call at most once, before
     * {@link #tags}; a listing that fails is done again, and reported, by {@link #tags}.
     */
    public void prefetchTags() {
        java.util.concurrent.CompletableFuture<List<Ref>> f = new java.util.concurrent.CompletableFuture<>();
        tagRefs = f;
        Thread t = new Thread(() -> {
            try {
                f.complete(repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "oxmeter-tags");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits for {@link #prefetchTags}'s listing without taking it: it reads the packed refs, which JGit then keeps,
     * and a resolve meanwhile would read and parse them again (5,300 refs on git/git, 15 ms).
     */
    private void awaitTagListing() {
        java.util.concurrent.CompletableFuture<List<Ref>> f = tagRefs;
        if (f != null && !f.isDone()) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                // the resolve reads the refs itself
            }
        }
    }

    /** The listing {@link #prefetchTags} made (taken once), or null when there is none or it failed. */
    private List<Ref> prefetchedTagRefs() {
        java.util.concurrent.CompletableFuture<List<Ref>> f = tagRefs;
        tagRefs = null;
        if (f == null) {
            return null;
        }
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return null;
        }
    }

    /**
     * Where {@link #tags} keeps and finds tag targets from now on ({@link TagTargets#NONE} at first, which reads
     * every tag's objects).
     */
    public void keepTagTargets(TagTargets targets) {
        this.tagTargets = java.util.Objects.requireNonNull(targets);
    }

    /**
     * The first-parent history from {@code head} (newest first) as revisions labelled by abbreviated id, with
     * committer dates. Cost: one commit read per entry.
     */
    public List<Revision> firstParentHistory(Revision head) {
        if (head.commit() == null) {
            throw new OxmeterException("revision '" + head.label() + "' is a tree, not a commit: it has no history");
        }
        List<Revision> out = new ArrayList<>();
        try (RevWalk rw = new RevWalk(repo)) {
            rw.setFirstParent(true);
            rw.markStart(rw.parseCommit(toObjectId(head.commit())));
            for (RevCommit c : rw) {
                out.add(new Revision(c.abbreviate(10).name(), oid(c), oid(c.getTree()),
                        Instant.ofEpochSecond(c.getCommitTime())));
            }
        } catch (IOException | org.eclipse.jgit.errors.RevWalkException e) {
            throw problem("cannot walk the history of '" + head.label() + "'", e);
        }
        return out;
    }

    /**
     * Sorts {@code items} by where their objects are stored: pack by pack, by offset within the pack; loose and
     * unknown objects last. Reading blobs in this order lets delta chains resolve from the delta-base cache, which
     * halves the cost of reading many blobs. Items of the same object end up next to each other (ties break on the
     * object id, so loose and unknown ones group too). Cost: one index lookup per item.
     */
    public <T> void sortByStorageOrder(List<T> items, java.util.function.Function<T, Oid> id) {
        List<org.eclipse.jgit.internal.storage.file.PackIndex> indexes = new ArrayList<>();
        if (repo.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory dir) {
            for (org.eclipse.jgit.internal.storage.file.Pack p : dir.getPacks()) {
                try {
                    indexes.add(p.getIndex());
                } catch (IOException e) {
                    // an unreadable index only loses the ordering for its objects
                }
            }
        }
        // each key computed once and sorted without boxing: a batch holds up to a hundred thousand blobs
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            ObjectId oid = toObjectId(id.apply(item));
            long key = Long.MAX_VALUE;
            for (int i = 0; i < indexes.size(); i++) {
                long off = indexes.get(i).findOffset(oid);
                if (off >= 0) {
                    key = ((long) i << 44) | off;
                    break;
                }
            }
            keyed.add(new Keyed<>(key, oid, item));
        }
        keyed.sort(java.util.Comparator.<Keyed<T>>comparingLong(Keyed::key).thenComparing(Keyed::oid));
        for (int i = 0; i < keyed.size(); i++) {
            items.set(i, keyed.get(i).item());
        }
    }

    private record Keyed<T>(long key, ObjectId oid, T item) {
    }

    /** Reads one object with a reader; the read may fail as JGit does. */
    @FunctionalInterface
    interface ObjectRead<T> {
        T read(ObjectReader reader) throws IOException;
    }

    /**
     * Tells a corrupt object from a missing one after {@code first} failed to read object {@code id}, and reads
     * it when it was only collateral damage. JGit drops a whole pack from its list when one object in it fails to
     * inflate, so every other object of that pack then looks missing, to every thread: this puts such packs back
     * and, when the repository lists the object, retries {@code read} with {@code reader}; if that fails again it
     * reads the object alone, through a private instance of the repository, where nothing else can drop the pack
     * under it. Cost: nothing on the normal path; on a failure a directory listing and an index lookup, and for a
     * corrupt object one extra opening of the repository.
     *
     * @return what {@code read} returned, when the object turned out to be readable
     * @throws CorruptObjectError when the repository lists the object but cannot read it back
     * @throws MissingObjectError when the repository does not have the object
     */
    <T> T recover(String kind, AnyObjectId id, IOException first, ObjectReader reader, ObjectRead<T> read) {
        Oid oid = oid(id);
        if (first instanceof CorruptObjectException c) {
            reviveDroppedPacks();
            throw new CorruptObjectError(kind, oid, c.getMessage());
        }
        if (!listed(id)) {
            throw new MissingObjectError(kind, oid);
        }
        try {
            return read.read(reader);
        } catch (MissingObjectException | CorruptObjectException e) {
            // maybe this very object is corrupt, maybe another thread dropped the pack again: ask alone
        } catch (IOException e) {
            throw new RepositoryException("cannot read " + kind + " " + oid.hex() + ": " + e.getMessage(), e);
        }
        try (Repository alone = new FileRepositoryBuilder().setGitDir(repo.getDirectory()).setMustExist(true)
                .build(); ObjectReader r = alone.newObjectReader()) {
            boolean listed = alone.getObjectDatabase().has(id);
            try {
                return read.read(r);
            } catch (MissingObjectException e) {
                if (listed) {
                    throw new CorruptObjectError(kind, oid, "listed in a pack index but its data cannot be read");
                }
                throw new MissingObjectError(kind, oid);
            } catch (CorruptObjectException e) {
                throw new CorruptObjectError(kind, oid, e.getMessage());
            }
        } catch (IOException e) {
            throw new RepositoryException("cannot read " + kind + " " + oid.hex() + ": " + e.getMessage(), e);
        } finally {
            reviveDroppedPacks();
        }
    }

    /**
     * Whether the repository lists object {@code id} (in a pack index or as a loose file), after putting back any
     * pack JGit dropped: when a read said "missing" but this says yes, the object is corrupt or was collateral
     * damage of another object's failure, and reading it again tells which. Cost: index lookups.
     */
    boolean listed(AnyObjectId id) {
        reviveDroppedPacks();
        try {
            return repo.getObjectDatabase().has(id);
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The repository problem behind {@code e}, a failed read while doing {@code what} ("walking the history of
     * …"): a {@link CorruptObjectError} or {@link MissingObjectError} naming the object when JGit names one, else a
     * {@link RepositoryException} with JGit's reason. Accepts JGit's unchecked {@code RevWalkException} too. Cost:
     * as {@link #diagnose}.
     */
    RepositoryException problem(String what, Throwable e) {
        Throwable c = e;
        while (c instanceof org.eclipse.jgit.errors.RevWalkException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof MissingObjectException m && m.getObjectId() != null) {
            String kind = "object";
            java.util.regex.Matcher k = java.util.regex.Pattern.compile("^Missing (commit|tree|blob|tag) ")
                    .matcher(String.valueOf(m.getMessage()));
            if (k.find()) {
                kind = k.group(1);
            }
            RepositoryException found = diagnose(kind, m.getObjectId());
            if (found != null) {
                return found;
            }
        }
        if (c instanceof CorruptObjectException) {
            reviveDroppedPacks();
            return new RepositoryException(what + ": a corrupt object: " + c.getMessage()
                    + "; git fsck shows the damage", c);
        }
        return new RepositoryException(what + ": " + c.getMessage(), c);
    }

    /**
     * Whether object {@code id}, which a read reported missing, is corrupt (listed but unreadable: a
     * {@link CorruptObjectError}), absent (a {@link MissingObjectError}), or readable after all when read alone
     * (null: it was collateral damage of another object's failure). Puts back packs JGit dropped. Cost: one
     * private opening of the repository.
     */
    RepositoryException diagnose(String kind, AnyObjectId id) {
        Oid oid = oid(id);
        try (Repository alone = new FileRepositoryBuilder().setGitDir(repo.getDirectory()).setMustExist(true)
                .build(); ObjectReader r = alone.newObjectReader()) {
            boolean listed = alone.getObjectDatabase().has(id);
            try {
                r.open(id).getCachedBytes(Integer.MAX_VALUE);
                return null;
            } catch (MissingObjectException e) {
                return listed ? new CorruptObjectError(kind, oid, "listed in a pack index but its data cannot be read")
                        : new MissingObjectError(kind, oid);
            } catch (CorruptObjectException e) {
                return new CorruptObjectError(kind, oid, e.getMessage());
            } catch (org.eclipse.jgit.errors.LargeObjectException e) {
                return null;
            }
        } catch (IOException e) {
            return new RepositoryException("cannot read " + kind + " " + oid.hex() + ": " + e.getMessage(), e);
        } finally {
            reviveDroppedPacks();
        }
    }

    /**
     * Puts back into JGit's pack list every pack of this repository that is on disk but no longer listed (JGit
     * removes a pack on the first corrupt object it meets in it). Returns whether any was put back.
     */
    synchronized boolean reviveDroppedPacks() {
        if (!(repo.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory dir)) {
            return false;
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (org.eclipse.jgit.internal.storage.file.Pack p : dir.getPacks()) {
            listed.add(p.getPackFile().getName());
        }
        File[] packs = dir.getPackDirectory().listFiles((d, n) -> n.startsWith("pack-") && n.endsWith(".pack"));
        boolean revived = false;
        for (File f : packs == null ? new File[0] : packs) {
            String base = f.getName().substring(0, f.getName().length() - ".pack".length());
            if (!listed.contains(f.getName()) && new File(f.getParentFile(), base + ".idx").isFile()) {
                try {
                    dir.openPack(f);
                    revived = true;
                } catch (IOException | IllegalArgumentException e) {
                    // not a pack JGit can open: leave it out, as JGit's own scan does
                }
            }
        }
        return revived;
    }

    /** Gives JGit-aware collaborators in this package access to the underlying repository. */
    Repository repository() {
        return repo;
    }

    static Oid oid(AnyObjectId id) {
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        id.copyRawTo(raw, 0);
        return new Oid(bytesToLong(raw, 0, 8), bytesToLong(raw, 8, 8), (int) bytesToLong(raw, 16, 4));
    }

    private static long bytesToLong(byte[] raw, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (raw[off + i] & 0xff);
        }
        return v;
    }

    static ObjectId toObjectId(Oid oid) {
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        for (int i = 0; i < 8; i++) {
            raw[i] = (byte) (oid.w1() >>> (56 - 8 * i));
            raw[8 + i] = (byte) (oid.w2() >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            raw[16 + i] = (byte) (oid.w3() >>> (24 - 8 * i));
        }
        return ObjectId.fromRaw(raw);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (small != null) {
                small.close();
                small = null;
            }
            smallOff = true;
        }
        repo.close();
    }
}
