package dev.oxmeter.source;

import dev.oxmeter.OxmeterException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
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

    private final Repository repo;
    private final Path directory;

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

    private static boolean isGitDir(File dir) {
        return new File(dir, "objects").isDirectory() && new File(dir, "HEAD").isFile();
    }

    /** The work tree of a non-bare repository, else the git directory. */
    public Path directory() {
        return directory;
    }

    /** A short name for the repository (its directory name without a {@code .git} suffix). */
    public String name() {
        String n = directory.getFileName() == null ? "repo" : directory.getFileName().toString();
        if (n.equals(".git") && directory.getParent() != null && directory.getParent().getFileName() != null) {
            n = directory.getParent().getFileName().toString();
        }
        return n.endsWith(".git") && n.length() > 4 ? n.substring(0, n.length() - 4) : n;
    }

    /** A reader for trees and blobs; not thread-safe, so make one per thread. */
    public ObjectSource newObjectSource() {
        return new ObjectSource(repo.newObjectReader());
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
        return new ObjectSource(repo.newObjectReader(), catFile);
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
        if (isEmpty() && (rev.equals("HEAD") || rev.startsWith("HEAD"))) {
            throw new OxmeterException("repository " + directory + " has no commits yet");
        }
        ObjectId id;
        try {
            id = repo.resolve(rev);
        } catch (AmbiguousObjectException e) {
            throw new OxmeterException("ambiguous revision '" + rev + "': give more hex digits");
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new OxmeterException("invalid revision '" + rev + "'");
        } catch (IOException e) {
            throw new OxmeterException("cannot resolve revision '" + rev + "': " + e.getMessage(), e);
        }
        if (id == null) {
            throw new OxmeterException("unknown revision '" + rev + "' in " + directory);
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
        } catch (MissingObjectException e) {
            throw new OxmeterException("object " + e.getObjectId().name() + " of revision '" + rev
                    + "' is missing from the repository (corrupt or shallow clone?)");
        } catch (IOException e) {
            throw new OxmeterException("cannot read revision '" + rev + "': " + e.getMessage(), e);
        }
    }

    /** Every tag, peeled, in no particular order. Tags whose objects are missing are skipped. */
    public List<TagRef> tags() {
        List<TagRef> out = new ArrayList<>();
        try (RevWalk rw = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String name = ref.getName().substring(Constants.R_TAGS.length());
                try {
                    RevObject o = rw.parseAny(ref.getObjectId());
                    Instant tagDate = null;
                    if (o instanceof RevTag tag) {
                        PersonIdent who = tag.getTaggerIdent();
                        tagDate = who == null ? null : who.getWhenAsInstant();
                    }
                    RevObject peeled = rw.peel(o);
                    if (peeled instanceof RevCommit c) {
                        Instant date = tagDate != null ? tagDate : Instant.ofEpochSecond(c.getCommitTime());
                        out.add(new TagRef(name, oid(c), "commit", date));
                    } else {
                        out.add(new TagRef(name, null, Constants.typeString(peeled.getType()), tagDate));
                    }
                } catch (MissingObjectException e) {
                    out.add(new TagRef(name, null, "missing", null));
                }
            }
        } catch (IOException e) {
            throw new OxmeterException("cannot list tags of " + directory + ": " + e.getMessage(), e);
        }
        return out;
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
        } catch (MissingObjectException e) {
            throw new OxmeterException("commit " + e.getObjectId().name() + " is missing from the repository "
                    + "(shallow or corrupt clone?)");
        } catch (IOException e) {
            throw new OxmeterException("cannot walk the history of '" + head.label() + "': " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Sorts {@code items} by where their objects are stored: pack by pack, by offset within the pack; loose and
     * unknown objects last. Reading blobs in this order lets delta chains resolve from the delta-base cache, which
     * halves the cost of reading many blobs. Cost: one index lookup per item.
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
        if (indexes.isEmpty()) {
            return;
        }
        java.util.IdentityHashMap<T, Long> keys = new java.util.IdentityHashMap<>();
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
            keys.put(item, key);
        }
        items.sort(java.util.Comparator.comparingLong(keys::get));
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
        repo.close();
    }
}
