package dev.oxmeter.aggregate;

/**
 * What a composition run did, to show that cost follows unique content: revisions composed, file entries they
 * hold, unique blobs read and analysed, blob facts served from the cache, trees read, and subtrees whose
 * composition was reused from an identical subtree (of this run, or saved by an earlier one). Seconds are wall time
 * of each pass: blobs are read in the background while the calling thread walks and composes, so they overlap;
 * {@code waitSeconds} is how long the calling thread waited for blobs.
 */
public record EngineStats(long revisions, long fileEntries, long blobsRead, long blobsCached, long treesRead,
                          long subtreesReused, long subtreesFromStore, double walkSeconds, double readSeconds,
                          double composeSeconds, double waitSeconds) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%,d revision%s, %,d file entries, %,d unique blobs read, "
                + "%,d blobs served from cache, %,d trees read, %,d subtrees reused (%,d of them saved by earlier runs) "
                + "(walking %.2f s, reading blobs %.2f s, composing %.2f s, waiting for blobs %.2f s)", revisions, revisions == 1 ? "" : "s", fileEntries, blobsRead,
                blobsCached, treesRead, subtreesReused, subtreesFromStore, walkSeconds, readSeconds, composeSeconds,
                waitSeconds);
    }
}
