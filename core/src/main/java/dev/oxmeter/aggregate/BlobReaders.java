package dev.oxmeter.aggregate;

import dev.oxmeter.model.Progress;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.RepositoryException;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.BlobKind;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.language.Detection;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.CorruptObjectError;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.MissingObjectError;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The worker pool that reads blobs and measures their facts, each blob handed to it once: {@code threads} workers,
 * each with one bulk {@link ObjectSource} (a {@code git cat-file --batch} process) for the pool's life, take
 * contiguous chunks of a job's blobs in storage order. Jobs queue behind each other and run in the background, so
 * the calling thread walks the next batch or composes the previous one meanwhile.
 *
 * <p>Facts go to the {@link FactsCache}, or to the missing-facts map for absent blobs (never persisted: the blob may
 * be fetched later). {@link #submit}, {@link Job#await} and {@link #close} are for one thread; workers are daemon
 * threads that end on {@link #close}. Memory: one blob buffer per worker (up to {@code --max-blob-size}).
 */
final class BlobReaders implements AutoCloseable {
    private static final int CHUNK = 256;
    private static final long TICK_NANOS = 2_000_000_000L;

    private record Chunk(Job job, List<Map.Entry<FactsKey, Detection>> items) {
    }

    private static final Chunk STOP = new Chunk(null, List.of());

    /** The blobs of one batch, being read. */
    final class Job {
        final int total;
        /** Distinct blobs among the {@link #total} keys: what is read. */
        final int blobs;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicLong started = new AtomicLong();
        private volatile long ended;

        private Job(int total, int blobs) {
            this.total = total;
            this.blobs = blobs;
        }

        /**
         * Waits until every blob of this job is measured, showing progress and calling {@code tick} about every two
         * seconds (to save the facts measured so far). Rethrows a worker's failure.
         */
        void await(Progress progress, Runnable tick) {
            progress.phase("reading blobs", total);
            long shown = 0;
            long lastTick = System.nanoTime();
            try {
                while (true) {
                    int d = done.get();
                    if (d > shown) {
                        progress.step(d - shown);
                        shown = d;
                    }
                    if (failure.get() != null || d >= total) {
                        break;
                    }
                    synchronized (signal) {
                        if (failure.get() == null && done.get() < total) {
                            signal.wait(200);
                        }
                    }
                    if (System.nanoTime() - lastTick >= TICK_NANOS) {
                        tick.run();
                        lastTick = System.nanoTime();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OxmeterException("interrupted while reading blobs");
            } finally {
                progress.done();
            }
            if (failure.get() instanceof RuntimeException re) {
                throw re;
            }
            if (failure.get() instanceof Error err) {
                throw err;
            }
            long s = started.get();
            busyNanos += s == 0 ? 0 : Math.max(0, ended - Math.max(s, lastEnd));
            lastEnd = Math.max(lastEnd, ended);
        }

        private void finished(int n) {
            if (done.addAndGet(n) >= total) {
                ended = System.nanoTime();
            }
        }
    }

    private final GitRepo repo;
    private final FactsComputer computer;
    private final ScanOptions options;
    private final FactsCache cache;
    private final Map<FactsKey, BlobFacts> missingFacts;
    private final Set<Oid> corrupt;
    private final int threads;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object signal = new Object();
    private long busyNanos;
    private long lastEnd;

    /**
     * @param missingFacts receives the facts of absent blobs (with {@code options.allowMissing()})
     * @param corrupt      receives the ids of corrupt blobs counted as missing
     */
    BlobReaders(GitRepo repo, FactsComputer computer, ScanOptions options, FactsCache cache,
                Map<FactsKey, BlobFacts> missingFacts, Set<Oid> corrupt, int threads) {
        this.repo = repo;
        this.computer = computer;
        this.options = options;
        this.cache = cache;
        this.missingFacts = missingFacts;
        this.corrupt = corrupt;
        this.threads = Math.max(1, threads);
    }

    /**
     * Jobs with at least this many blobs are read in storage order, so that each worker's git reads along delta
     * chains (the 14,563 blobs of 15 git/git releases: 1.45 s sorted, 1.6 s not). A smaller job is read as it
     * comes: sorting it would load JGit's whole pack index (a tenth of a second on git/git) for a few hundred blobs,
     * as when one release is added to a store.
     */
    static final int SORTED_FROM = 2_000;

    /**
     * Queues {@code work} (blobs whose facts are unknown, each key once), in storage order when it is large; returns
     * at once. A blob wanted under several detections (a file renamed from {@code .txt} to {@code .adoc}) is read
     * once and measured for each.
     */
    Job submit(Map<FactsKey, Detection> work) {
        List<Map.Entry<FactsKey, Detection>> list = new ArrayList<>(work.entrySet());
        if (list.size() >= SORTED_FROM) {
            repo.sortByStorageOrder(list, e -> e.getKey().blob()); // which puts a blob's keys together
        } else {
            list = groupedByBlob(list);
        }
        int blobs = 0;
        for (int i = 0; i < list.size(); i++) {
            if (i == 0 || !sameBlob(list, i - 1, i)) {
                blobs++;
            }
        }
        Job job = new Job(list.size(), blobs);
        if (list.isEmpty()) {
            return job;
        }
        while (workers.size() < Math.min(threads, (list.size() + CHUNK - 1) / CHUNK)) {
            Thread th = new Thread(this::work, "oxmeter-blobs-" + workers.size());
            th.setDaemon(true);
            workers.add(th);
            th.start();
        }
        // contiguous chunks keep each reader's delta-base cache warm along a delta chain; a blob's keys stay in one
        for (int start = 0; start < list.size(); ) {
            int end = Math.min(start + CHUNK, list.size());
            while (end < list.size() && sameBlob(list, end - 1, end)) {
                end++;
            }
            queue.add(new Chunk(job, list.subList(start, end)));
            start = end;
        }
        return job;
    }

    private static boolean sameBlob(List<Map.Entry<FactsKey, Detection>> list, int i, int j) {
        return list.get(i).getKey().blob().equals(list.get(j).getKey().blob());
    }

    /** {@code list} with the keys of each blob next to each other, at the place of the blob's first key. */
    private static List<Map.Entry<FactsKey, Detection>> groupedByBlob(List<Map.Entry<FactsKey, Detection>> list) {
        Map<Oid, List<Map.Entry<FactsKey, Detection>>> byBlob = new java.util.LinkedHashMap<>();
        for (Map.Entry<FactsKey, Detection> e : list) {
            byBlob.computeIfAbsent(e.getKey().blob(), b -> new ArrayList<>(1)).add(e);
        }
        if (byBlob.size() == list.size()) {
            return list;
        }
        List<Map.Entry<FactsKey, Detection>> grouped = new ArrayList<>(list.size());
        byBlob.values().forEach(grouped::addAll);
        return grouped;
    }

    /** Wall seconds during which blobs were being read, over every job awaited. */
    double busySeconds() {
        return busyNanos / 1e9;
    }

    /** Stops the workers once their current chunk is done (dropping queued work) and waits for them. */
    @Override
    public void close() {
        queue.clear();
        for (int i = 0; i < workers.size(); i++) {
            queue.add(STOP);
        }
        boolean interrupted = false;
        for (Thread th : workers) {
            while (th.isAlive()) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        workers.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        ObjectSource src = null;
        try {
            while (true) {
                Chunk c = queue.take();
                if (c == STOP) {
                    return;
                }
                if (failure.get() != null) {
                    continue;
                }
                if (src == null) {
                    src = repo.newBulkObjectSource();
                }
                c.job().started.compareAndSet(0, System.nanoTime());
                read(src, c.items());
                c.job().finished(c.items().size());
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, new OxmeterException("interrupted while reading blobs"));
        } catch (RuntimeException | Error ex) {
            // an Error too (out of memory ...): the calling thread must fail, not compose partial facts
            failure.compareAndSet(null, ex);
        } finally {
            synchronized (signal) {
                signal.notifyAll();
            }
            if (src != null) {
                src.close();
            }
        }
    }

    private void read(ObjectSource src, List<Map.Entry<FactsKey, Detection>> chunk) {
        List<Oid> ids = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            if (i == 0 || !sameBlob(chunk, i - 1, i)) {
                ids.add(chunk.get(i).getKey().blob());
            }
        }
        int[] at = {0};
        try {
            src.blobs(ids, options.maxBlobBytes(), AttributeLayers.HEAD_BYTES, (id, content) -> {
                // every key of this blob (they are next to each other), from the one content
                do {
                    Map.Entry<FactsKey, Detection> e = chunk.get(at[0]);
                    // a blob the fast reader does not have goes the careful way, which tells a missing object from
                    // a corrupt one
                    keep(e.getKey(), content != null ? computer.compute(e.getValue(), content)
                            : measure(src, computer, options, id, e.getValue(), corrupt::add));
                    at[0]++;
                } while (at[0] < chunk.size() && sameBlob(chunk, at[0] - 1, at[0]));
            });
        } catch (RepositoryException ex) {
            throw ex;
        } catch (OxmeterException ex) {
            // the git process failed (a corrupt pack ends it): the rest of the chunk goes through JGit
            for (int i = at[0]; i < chunk.size(); i++) {
                Map.Entry<FactsKey, Detection> e = chunk.get(i);
                keep(e.getKey(), measure(src, computer, options, e.getKey().blob(), e.getValue(), corrupt::add));
            }
        }
    }

    /** Keeps facts just measured: in the cache, or for this run only when the blob is absent. */
    private void keep(FactsKey key, BlobFacts facts) {
        if (facts.kind() == BlobKind.MISSING) {
            missingFacts.put(key, facts);
        } else {
            cache.put(key, facts);
        }
    }

    /** See {@link CompositionEngine#measure}. */
    static BlobFacts measure(ObjectSource src, FactsComputer computer, ScanOptions options, Oid blob,
                             Detection detection, Consumer<Oid> corrupt) {
        BlobContent content;
        try {
            content = src.blob(blob, options.maxBlobBytes(), AttributeLayers.HEAD_BYTES);
        } catch (MissingObjectError | CorruptObjectError absent) {
            if (!options.allowMissing()) {
                throw absent instanceof MissingObjectError
                        ? new RepositoryException(absent.getMessage() + "; --allow-missing counts such files as (missing)")
                        : absent;
            }
            if (absent instanceof CorruptObjectError) {
                corrupt.accept(blob);
            }
            return new BlobFacts(computer.catalog().other().name(), BlobKind.MISSING, 0,
                    dev.oxmeter.count.LineCounts.ZERO, Map.of());
        }
        return computer.compute(detection, content);
    }
}
