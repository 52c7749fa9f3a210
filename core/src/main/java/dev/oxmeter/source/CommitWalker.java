package dev.oxmeter.source;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Oid;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.RawParseUtils;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Reads commit history: commit headers (tree and parents) for the commit graph, and, per commit, what
 * {@code git log --numstat} would show: author, message, and the files changed against the first parent with lines
 * added and removed (rename detection on, 50% similarity like git; binary files count 0/0; merges carry no
 * changes), plus each file's language.
 *
 * <p>Costs: one commit read per header; for each commit read in full, one more commit read, one tree diff and one
 * line diff per changed file (the work of {@code git log --numstat}), spread over the worker threads. Line diffs use JGit's histogram algorithm with a
 * bounded Myers fallback; git's default is Myers with its own heuristics, so a file's counts can differ where the
 * algorithms align changes differently, mostly in big generated files (added − removed is always the same).
 *
 * <p>Not thread-safe; use one walker per thread. It may use {@code threads} worker threads internally for the diffs.
 */
public final class CommitWalker {
    /** Bytes of a blob read to settle a content-dependent language detection (as the scan does). */
    static final int HEAD_BYTES = 64 * 1024;
    private static final int IN_FLIGHT_PER_THREAD = 64;

    /** Files bigger than this (either side) get linear line counts instead of a diff; see bigFileCounts. */
    static final long BIG_FILE_BYTES = 512 * 1024;
    /** Files bigger than this are not loaded at all and count 0/0, like binary files (git's big-file limit). */
    static final long MAX_DIFF_BYTES = 64L * 1024 * 1024;

    /** Regions longer than this (both sides, in lines) that histogram diff cannot split count as replaced whole. */
    static final int MYERS_FALLBACK_LINES = 4000;

    /**
     * Histogram diff whose Myers fallback (for regions of very repetitive lines, typical of generated parsers and
     * tables) is bounded: JGit's Myers takes seconds on such regions of big files, where git's heuristics do not.
     */
    private static final DiffAlgorithm LINE_DIFF = lineDiff();

    private static DiffAlgorithm lineDiff() {
        HistogramDiff h = new HistogramDiff();
        h.setFallbackAlgorithm(new DiffAlgorithm() {
            @Override
            public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
                if (a.size() + b.size() <= MYERS_FALLBACK_LINES) {
                    return MyersDiff.INSTANCE.diffNonCommon(cmp, a, b);
                }
                EditList whole = new EditList();
                whole.add(new Edit(0, a.size(), 0, b.size()));
                return whole;
            }
        });
        return h;
    }

    private final GitRepo repo;
    private final FileClassifier catalog;
    private final int threads;

    /**
     * Statistics of one walk: commits visited (reachable from the tips), commits read and diffed, commits whose
     * facts were already known, wall time, changed files whose content is missing from the repository (a partial
     * clone), shallow boundary commits (whose parents were not fetched, so their changes are unknown), and commit
     * headers read from the repository for the commit graph (0 when the stored graph had them all).
     */
    public record WalkStats(long visited, long read, long known, double seconds, long missingBlobs, long shallow,
                            long headers) {
        public WalkStats(long visited, long read, long known, double seconds) {
            this(visited, read, known, seconds, 0, 0, 0);
        }
    }

    public CommitWalker(GitRepo repo, FileClassifier catalog, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.repo = repo;
        this.catalog = catalog;
        this.threads = threads;
    }

    /**
     * The repository's shallow boundary: commits whose parents were not fetched ({@code .git/shallow}); empty for
     * a full clone. Read from the repository at each call.
     */
    public java.util.Set<Oid> shallowCommits() {
        try {
            java.util.Set<Oid> out = new java.util.HashSet<>();
            for (ObjectId id : repo.repository().getObjectDatabase().getShallowCommits()) {
                out.add(GitRepo.oid(id));
            }
            return out;
        } catch (IOException e) {
            throw new OxmeterException("cannot read the shallow commits of " + repo.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A commit's tree and parents as its object states them (a shallow commit's parents may be absent). */
    public record Header(Oid tree, List<Oid> parents) {
    }

    /**
     * Reads commit headers (tree and parents) one at a time, for building the commit graph. Cost: one commit object
     * read per call. Not thread-safe; close it when done.
     */
    public final class HeaderReader implements AutoCloseable {
        private final ObjectReader reader = repo.repository().newObjectReader();

        private HeaderReader() {
        }

        /**
         * The header of {@code commit}.
         *
         * @throws MissingObjectError when the commit is absent from the repository
         */
        public Header read(Oid commit) {
            byte[] raw = rawCommit(reader, commit);
            return new Header(GitRepo.oid(ObjectId.fromString(raw, 5)), parents(raw));
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    /** A reader of commit headers; see {@link HeaderReader}. */
    public HeaderReader headerReader() {
        return new HeaderReader();
    }

    /**
     * Reads and diffs {@code commits} (what {@code git log --numstat} shows for each) on the worker threads, and
     * passes each to {@code sink} on the calling thread, in the order given. {@code treeOf} may give the tree of
     * a commit already known (saving a read of the parent commit); it must be thread-safe for reads. {@code sink}
     * may throw to stop the walk; {@code progress} receives 1 per commit passed to the sink.
     */
    public WalkStats read(List<Oid> commits, java.util.function.Function<Oid, Oid> treeOf,
                          Consumer<CommitInfo> sink, LongConsumer progress) {
        long t0 = System.nanoTime();
        Repository r = repo.repository();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "oxmeter-diff");
            t.setDaemon(true);
            return t;
        }) : null;
        java.util.concurrent.atomic.AtomicLong missing = new java.util.concurrent.atomic.AtomicLong();
        java.util.Queue<Differ> allDiffers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ThreadLocal<Differ> differs = ThreadLocal.withInitial(() -> {
            Differ d = new Differ(repo, r, catalog, missing, treeOf);
            allDiffers.add(d);
            return d;
        });
        ArrayDeque<Future<CommitInfo>> inFlight = new ArrayDeque<>();
        try {
            int limit = pool == null ? 0 : threads * IN_FLIGHT_PER_THREAD;
            for (Oid id : commits) {
                if (pool == null) {
                    sink.accept(differs.get().read(id));
                    progress.accept(1);
                    continue;
                }
                inFlight.add(pool.submit(() -> differs.get().read(id)));
                while (inFlight.size() > limit) {
                    sink.accept(get(inFlight.poll()));
                    progress.accept(1);
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(get(inFlight.poll()));
                progress.accept(1);
            }
        } catch (IOException | org.eclipse.jgit.errors.RevWalkException e) {
            dev.oxmeter.RepositoryException p = repo.problem("cannot walk the history of " + repo.directory(), e);
            if (!(p instanceof CorruptObjectError) && !(p instanceof MissingObjectError)) {
                // the commit reads fine alone: a diff thread met a corrupt object and JGit dropped the pack under
                // the walk; that thread's error names the object
                dev.oxmeter.RepositoryException named = firstFailure(inFlight);
                if (named != null) {
                    throw named;
                }
            }
            throw p;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            differs.remove();
            for (Differ d : allDiffers) {
                d.close();
            }
        }
        return new WalkStats(commits.size(), commits.size(), 0, (System.nanoTime() - t0) / 1e9, missing.get(), 0,
                0);
    }

    /** The first repository problem among the diffs still in flight, waiting for them; null when none failed so. */
    private static dev.oxmeter.RepositoryException firstFailure(java.util.Collection<Future<CommitInfo>> inFlight) {
        for (Future<CommitInfo> f : inFlight) {
            try {
                f.get(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CorruptObjectError || e.getCause() instanceof MissingObjectError) {
                    return (dev.oxmeter.RepositoryException) e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (java.util.concurrent.TimeoutException e) {
                return null;
            }
        }
        return null;
    }

    private static CommitInfo get(Future<CommitInfo> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OxmeterException("interrupted while reading commits");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new dev.oxmeter.RepositoryException("cannot read a commit: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** The raw bytes of a commit object. */
    private static byte[] rawCommit(ObjectReader reader, Oid commit) {
        try {
            return reader.open(GitRepo.toObjectId(commit), org.eclipse.jgit.lib.Constants.OBJ_COMMIT)
                    .getCachedBytes();
        } catch (MissingObjectException e) {
            throw new MissingObjectError("commit", commit);
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new OxmeterException("object " + commit.hex() + " is not a commit");
        } catch (IOException e) {
            throw new dev.oxmeter.RepositoryException("cannot read commit " + commit.hex() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The parent ids a raw commit states, in order. */
    private static List<Oid> parents(byte[] raw) {
        List<Oid> out = new ArrayList<>(2);
        int ptr = 46; // "tree " + 40 hex digits + LF
        while (ptr + 48 <= raw.length && RawParseUtils.match(raw, ptr, PARENT) >= 0) {
            out.add(GitRepo.oid(ObjectId.fromString(raw, ptr + 7)));
            ptr += 48;
        }
        return out;
    }

    private static final byte[] PARENT = "parent ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * What a commit says about itself, parsed from its raw bytes as JGit's {@code RevCommit} does: author (the
     * committer date when the author line is unreadable), committer date, message and encoding.
     */
    private static CommitInfo info(Oid id, byte[] raw, int parents, List<FileChange> changes, int missingBlobs) {
        int msg = RawParseUtils.commitMessage(raw, 0);
        byte[] message = msg < 0 ? new byte[0] : Arrays.copyOfRange(raw, msg, raw.length);
        int nameB = RawParseUtils.author(raw, 0);
        PersonIdent author = nameB < 0 ? null : RawParseUtils.parsePersonIdent(raw, nameB);
        long commitTime = 0;
        int c = RawParseUtils.committer(raw, 0);
        if (c > 0) {
            commitTime = RawParseUtils.parseBase10(raw, RawParseUtils.nextLF(raw, c, '>'), null);
        }
        String encoding = null;
        try {
            String e = RawParseUtils.parseEncodingName(raw);
            encoding = e == null || e.isBlank() ? null : e;
        } catch (RuntimeException e) {
            // an unparsable encoding header: treat the message as undeclared
        }
        Instant committed = Instant.ofEpochSecond(commitTime);
        return new CommitInfo(id, parents, author == null ? "" : author.getName(),
                author == null ? "" : author.getEmailAddress(),
                author == null ? committed : author.getWhenAsInstant(), committed, message, encoding, changes,
                missingBlobs);
    }

    /** One thread's diff machinery: an object reader and a formatter that never writes. */
    private static final class Differ implements AutoCloseable {
        private final ObjectReader reader;
        private final DiffFormatter df;
        private final GitRepo repo;
        private final FileClassifier catalog;
        private final java.util.concurrent.atomic.AtomicLong missingBlobs;
        private final java.util.function.Function<Oid, Oid> treeOf;
        /** Changed files of the commit being diffed whose content (or rename candidates) could not be read. */
        private int missingHere;

        Differ(GitRepo repo, Repository r, FileClassifier catalog,
               java.util.concurrent.atomic.AtomicLong missingBlobs, java.util.function.Function<Oid, Oid> treeOf) {
            this.repo = repo;
            this.catalog = catalog;
            this.missingBlobs = missingBlobs;
            this.treeOf = treeOf;
            this.reader = r.newObjectReader();
            this.df = new DiffFormatter(DisabledOutputStream.INSTANCE);
            df.setReader(reader, r.getConfig());
            df.setDiffComparator(RawTextComparator.DEFAULT);
            df.setDiffAlgorithm(LINE_DIFF);
            df.setDetectRenames(true);
            configureRenames();
        }

        private void configureRenames() {
            df.getRenameDetector().setRenameScore(50);
            df.getRenameDetector().setRenameLimit(1000);
        }

        /** Reads one commit and diffs it against its first parent (merges carry no changes). */
        CommitInfo read(Oid id) throws IOException {
            byte[] raw = rawCommit(reader, id);
            List<Oid> parents = parents(raw);
            missingHere = 0;
            List<FileChange> changes = List.of();
            if (parents.size() <= 1) {
                ObjectId tree = ObjectId.fromString(raw, 5);
                ObjectId parentTree = null;
                if (parents.size() == 1) {
                    Oid p = parents.get(0);
                    Oid known = treeOf.apply(p);
                    parentTree = known != null ? GitRepo.toObjectId(known)
                            : ObjectId.fromString(rawCommit(reader, p), 5);
                }
                changes = changes(parentTree, tree);
            }
            return info(id, raw, parents.size(), changes, missingHere);
        }

        /**
         * Counts {@code e} again after {@code first} failed although the repository lists the object: JGit had
         * dropped its pack (put back since) because of a corrupt object, this one or another.
         *
         * @throws CorruptObjectError when the object itself is corrupt
         */
        private int[] retryCounts(DiffEntry e, MissingObjectException first) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    int added = 0;
                    int removed = 0;
                    for (Edit edit : df.toFileHeader(e).toEditList()) {
                        added += edit.getLengthB();
                        removed += edit.getLengthA();
                    }
                    return new int[] {added, removed};
                } catch (MissingObjectException | org.eclipse.jgit.errors.CorruptObjectException again) {
                    dev.oxmeter.RepositoryException p = repo.diagnose("blob", first.getObjectId());
                    if (p != null) {
                        throw p;
                    }
                    if (attempt == 2) {
                        // readable alone, yet other objects keep dropping its pack: stop rather than guess
                        throw new dev.oxmeter.RepositoryException("cannot read blob " + first.getObjectId().name()
                                + ": other objects of its pack are corrupt; git fsck shows the damage", again);
                    }
                }
            }
        }

        /**
         * The diff entries of the two trees; when an object the repository lists reads as missing (its pack was
         * dropped over a corrupt object, this one or another) the scan runs again, and a corrupt object is named.
         */
        private List<DiffEntry> scan(ObjectId parentTree, ObjectId tree) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    return df.scan(parentTree, tree);
                } catch (MissingObjectException e) {
                    if (!repo.listed(e.getObjectId())) {
                        throw e;
                    }
                    dev.oxmeter.RepositoryException p = attempt < 2 ? null : repo.diagnose("object", e.getObjectId());
                    if (p != null) {
                        throw p;
                    }
                    if (attempt >= 2) {
                        throw new dev.oxmeter.RepositoryException("cannot read object " + e.getObjectId().name()
                                + ": other objects of its pack are corrupt; git fsck shows the damage", e);
                    }
                }
            }
        }

        List<FileChange> changes(ObjectId parentTree, ObjectId tree) throws IOException {
            List<DiffEntry> entries;
            try {
                entries = scan(parentTree, tree);
            } catch (MissingObjectException e) {
                // a partial clone lacks some blobs: rename detection needs their content, so go without it
                // (the result is provisional: renames may be reported as a deletion and an addition)
                missingHere++;
                missingBlobs.incrementAndGet();
                df.setDetectRenames(false);
                try {
                    entries = df.scan(parentTree, tree);
                } finally {
                    df.setDetectRenames(true);
                    configureRenames();
                }
            }
            List<FileChange> out = new ArrayList<>(entries.size());
            for (DiffEntry e : entries) {
                int added = 0;
                int removed = 0;
                try {
                    int[] big = bigFileCounts(e);
                    if (big != null) {
                        added = big[0];
                        removed = big[1];
                    } else {
                        for (Edit edit : df.toFileHeader(e).toEditList()) {
                            added += edit.getLengthB();
                            removed += edit.getLengthA();
                        }
                    }
                } catch (MissingObjectException missing) {
                    int[] counts = repo.listed(missing.getObjectId()) ? retryCounts(e, missing) : null;
                    if (counts == null) {
                        missingHere++;
                        missingBlobs.incrementAndGet();
                    } else {
                        added = counts[0];
                        removed = counts[1];
                    }
                }
                boolean deleted = e.getChangeType() == DiffEntry.ChangeType.DELETE;
                String path = deleted ? e.getOldPath() : e.getNewPath();
                String oldPath = e.getChangeType() == DiffEntry.ChangeType.RENAME
                        || e.getChangeType() == DiffEntry.ChangeType.COPY ? e.getOldPath() : null;
                FileMode mode = deleted ? e.getOldMode() : e.getNewMode();
                AbbreviatedObjectId blob = deleted ? e.getOldId() : e.getNewId();
                String language = language(path, mode, blob);
                Oid newBlob = deleted || e.getNewId() == null || !e.getNewId().isComplete()
                        ? null : GitRepo.oid(e.getNewId().toObjectId());
                out.add(new FileChange(path, oldPath, e.getChangeType().name(), newBlob, language, added, removed));
            }
            return out;
        }

        /**
         * Lines added and removed for a file bigger than {@link #BIG_FILE_BYTES} on either side, by multiset
         * difference of its lines (a line present k times before and m times after counts max(0, m − k) added),
         * which is linear where a line diff of big generated files takes seconds; null for smaller files. It is
         * exact unless lines were moved or reordered, where a diff reports more. Binary content counts 0/0.
         */
        private int[] bigFileCounts(DiffEntry e) throws IOException {
            if (e.getOldMode() == FileMode.GITLINK || e.getNewMode() == FileMode.GITLINK) {
                return null;
            }
            long oldSize = size(e.getOldId(), e.getOldMode());
            long newSize = size(e.getNewId(), e.getNewMode());
            if (oldSize <= BIG_FILE_BYTES && newSize <= BIG_FILE_BYTES) {
                return null;
            }
            byte[] a = content(e.getOldId(), e.getOldMode());
            byte[] b = content(e.getNewId(), e.getNewMode());
            if (a == null || b == null || RawText.isBinary(a) || RawText.isBinary(b)) {
                return new int[] {0, 0};
            }
            java.util.HashMap<String, int[]> count = new java.util.HashMap<>();
            forEachLine(a, line -> count.computeIfAbsent(line, k -> new int[1])[0]++);
            int[] added = {0};
            forEachLine(b, line -> {
                int[] c = count.get(line);
                if (c != null && c[0] > 0) {
                    c[0]--;
                } else {
                    added[0]++;
                }
            });
            int removed = 0;
            for (int[] c : count.values()) {
                removed += c[0];
            }
            return new int[] {added[0], removed};
        }

        private long size(AbbreviatedObjectId id, FileMode mode) throws IOException {
            if (id == null || !id.isComplete() || mode == FileMode.MISSING || id.toObjectId().equals(ObjectId.zeroId())) {
                return 0;
            }
            return reader.getObjectSize(id.toObjectId(), org.eclipse.jgit.lib.Constants.OBJ_BLOB);
        }

        private byte[] content(AbbreviatedObjectId id, FileMode mode) throws IOException {
            if (id == null || !id.isComplete() || mode == FileMode.MISSING || id.toObjectId().equals(ObjectId.zeroId())) {
                return new byte[0];
            }
            org.eclipse.jgit.lib.ObjectLoader l = reader.open(id.toObjectId(), org.eclipse.jgit.lib.Constants.OBJ_BLOB);
            return l.getSize() > MAX_DIFF_BYTES ? null : l.getCachedBytes((int) l.getSize());
        }

        private static void forEachLine(byte[] data, java.util.function.Consumer<String> sink) {
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    sink.accept(new String(data, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1));
                    start = i + 1;
                }
            }
            if (start < data.length) {
                sink.accept(new String(data, start, data.length - start, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }

        private String language(String path, FileMode mode, AbbreviatedObjectId blob) throws IOException {
            int type = mode.getBits() & FileMode.TYPE_MASK;
            if (type != FileMode.TYPE_FILE) {
                return FileChange.NOT_A_FILE;
            }
            int slash = path.lastIndexOf('/');
            try {
                return classify(path.substring(slash + 1), blob);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }

        private String classify(String name, AbbreviatedObjectId blob) {
            return catalog.language(name, () -> {
                if (blob == null || !blob.isComplete()) {
                    return new byte[0];
                }
                try (InputStream in = reader.open(blob.toObjectId()).openStream()) {
                    return in.readNBytes(HEAD_BYTES);
                } catch (MissingObjectException missing) {
                    missingHere++; // settled from the name alone: provisional
                    missingBlobs.incrementAndGet();
                    return new byte[0];
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        @Override
        public void close() {
            df.close();
            reader.close();
        }
    }
}
