package dev.oxmeter.source;

import dev.oxmeter.OxmeterException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.RawParseUtils;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Walks commit history and reads, per commit, what {@code git log --numstat} would show: author, message, and the
 * files changed against the first parent with lines added and removed (rename detection on, 50% similarity like
 * git; binary files count 0/0; merges carry no changes), plus each file's language.
 *
 * <p>Costs: one commit read per commit walked; for each commit not already known, one tree diff and one line diff
 * per changed file (the work of {@code git log --numstat}). Line diffs use JGit's histogram algorithm with a
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
     * Statistics of one walk: commits visited, commits read (diffed), commits skipped as known, wall time, and
     * changed files whose content is missing from the repository (a partial clone), counted as 0 lines.
     */
    public record WalkStats(long visited, long read, long known, double seconds, long missingBlobs) {
        public WalkStats(long visited, long read, long known, double seconds) {
            this(visited, read, known, seconds, 0);
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
     * Reads every commit reachable from {@code tips} but not from {@code complete} (commits whose whole ancestry is
     * already known), newest first, and passes to {@code sink}, on the calling thread, those for which
     * {@code known} is false. {@code sink} may throw to stop the walk.
     */
    public WalkStats walk(Collection<Oid> tips, Collection<Oid> complete, Predicate<Oid> known,
                          Consumer<CommitInfo> sink) {
        long t0 = System.nanoTime();
        long visited = 0;
        long read = 0;
        long skipped = 0;
        Repository r = repo.repository();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "oxmeter-diff");
            t.setDaemon(true);
            return t;
        }) : null;
        java.util.concurrent.atomic.AtomicLong missing = new java.util.concurrent.atomic.AtomicLong();
        java.util.Queue<Differ> allDiffers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ThreadLocal<Differ> differs = ThreadLocal.withInitial(() -> {
            Differ d = new Differ(repo, r, catalog, missing);
            allDiffers.add(d);
            return d;
        });
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        try (RevWalk rw = new RevWalk(r)) {
            rw.sort(RevSort.NONE);
            boolean any = false;
            for (Oid tip : tips) {
                rw.markStart(rw.parseCommit(GitRepo.toObjectId(tip)));
                any = true;
            }
            if (!any) {
                return new WalkStats(0, 0, 0, 0);
            }
            for (Oid c : complete) {
                rw.markUninteresting(rw.parseCommit(GitRepo.toObjectId(c)));
            }
            for (RevCommit c : rw) {
                visited++;
                Oid id = GitRepo.oid(c);
                if (known.test(id)) {
                    skipped++;
                    c.disposeBody();
                    continue;
                }
                read++;
                Header h = header(c);
                ObjectId tree = c.getTree().copy();
                ObjectId parentTree = null;
                if (c.getParentCount() == 1) {
                    RevCommit p = c.getParent(0);
                    rw.parseHeaders(p);
                    parentTree = p.getTree().copy();
                }
                c.disposeBody();
                if (c.getParentCount() > 1) {
                    inFlight.add(new Pending(h, null, List.of()));
                } else if (pool == null) {
                    inFlight.add(new Pending(h, null, differs.get().changes(parentTree, tree)));
                } else {
                    ObjectId pt = parentTree;
                    inFlight.add(new Pending(h, pool.submit(() -> differs.get().changes(pt, tree)), null));
                }
                while (inFlight.size() > (pool == null ? 0 : threads * IN_FLIGHT_PER_THREAD)) {
                    sink.accept(inFlight.poll().get());
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(inFlight.poll().get());
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
        return new WalkStats(visited, read, skipped, (System.nanoTime() - t0) / 1e9, missing.get());
    }

    /** The first repository problem among the diffs still in flight, waiting for them; null when none failed so. */
    private static dev.oxmeter.RepositoryException firstFailure(java.util.Collection<Pending> inFlight) {
        for (Pending p : inFlight) {
            if (p.future() == null) {
                continue;
            }
            try {
                p.future().get(1, java.util.concurrent.TimeUnit.MINUTES);
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

    /**
     * Git's {@code exclude..tip} commit set: the commits reachable from {@code tip} and from none of
     * {@code exclude}, in no particular order. Cost: one commit-header read per commit visited.
     */
    public List<Oid> range(Oid tip, Collection<Oid> exclude) {
        List<Oid> out = new ArrayList<>();
        try (RevWalk rw = new RevWalk(repo.repository())) {
            rw.setRetainBody(false);
            rw.sort(RevSort.NONE);
            rw.markStart(rw.parseCommit(GitRepo.toObjectId(tip)));
            for (Oid x : exclude) {
                rw.markUninteresting(rw.parseCommit(GitRepo.toObjectId(x)));
            }
            for (RevCommit c : rw) {
                out.add(GitRepo.oid(c));
            }
        } catch (IOException | org.eclipse.jgit.errors.RevWalkException e) {
            throw repo.problem("cannot walk the history of " + repo.directory(), e);
        }
        return out;
    }

    /** Whether commit {@code ancestor} is reachable from {@code descendant} (a commit is its own ancestor). */
    public boolean isAncestor(Oid ancestor, Oid descendant) {
        try (RevWalk rw = new RevWalk(repo.repository())) {
            rw.setRetainBody(false);
            return rw.isMergedInto(rw.parseCommit(GitRepo.toObjectId(ancestor)),
                    rw.parseCommit(GitRepo.toObjectId(descendant)));
        } catch (IOException | org.eclipse.jgit.errors.RevWalkException e) {
            throw repo.problem("cannot compare commits " + ancestor.abbrev(12) + " and " + descendant.abbrev(12), e);
        }
    }

    private record Header(Oid id, int parents, String name, String email, Instant authorTime, Instant commitTime,
                          byte[] message, String encoding) {
    }

    private record Pending(Header header, Future<List<FileChange>> future, List<FileChange> done) {
        CommitInfo get() {
            List<FileChange> changes = done;
            if (changes == null) {
                try {
                    changes = future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OxmeterException("interrupted while reading commit " + header.id.abbrev(12));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new dev.oxmeter.RepositoryException("cannot read commit " + header.id.abbrev(12) + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            Header h = header;
            return new CommitInfo(h.id, h.parents, h.name, h.email, h.authorTime, h.commitTime, h.message,
                    h.encoding, changes);
        }
    }

    private static Header header(RevCommit c) {
        byte[] raw = c.getRawBuffer();
        int msg = RawParseUtils.commitMessage(raw, 0);
        byte[] message = msg < 0 ? new byte[0] : Arrays.copyOfRange(raw, msg, raw.length);
        PersonIdent author = c.getAuthorIdent();
        String encoding = null;
        try {
            String e = c.getEncodingName();
            encoding = e == null || e.isBlank() ? null : e;
        } catch (RuntimeException e) {
            // an unparsable encoding header: treat the message as undeclared
        }
        return new Header(GitRepo.oid(c), c.getParentCount(), author == null ? "" : author.getName(),
                author == null ? "" : author.getEmailAddress(),
                author == null ? Instant.ofEpochSecond(c.getCommitTime()) : author.getWhenAsInstant(),
                Instant.ofEpochSecond(c.getCommitTime()), message, encoding);
    }

    /** One thread's diff machinery: an object reader and a formatter that never writes. */
    private static final class Differ implements AutoCloseable {
        private final ObjectReader reader;
        private final DiffFormatter df;
        private final GitRepo repo;
        private final FileClassifier catalog;
        private final java.util.concurrent.atomic.AtomicLong missingBlobs;

        Differ(GitRepo repo, Repository r, FileClassifier catalog,
               java.util.concurrent.atomic.AtomicLong missingBlobs) {
            this.repo = repo;
            this.catalog = catalog;
            this.missingBlobs = missingBlobs;
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
                    return new byte[0]; // settled from the name alone, as for an empty file
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
