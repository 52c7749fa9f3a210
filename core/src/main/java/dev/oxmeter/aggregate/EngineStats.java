package dev.oxmeter.aggregate;

/**
 * What a composition run did, to show that cost follows unique content: revisions composed, file entries they
 * hold, unique blobs read and analysed, blob facts served from the cache, trees read, and subtrees whose
 * composition was reused from an identical subtree.
 */
public record EngineStats(long revisions, long fileEntries, long blobsRead, long blobsCached, long treesRead,
                          long subtreesReused) {
    @Override
    public String toString() {
        return String.format("%,d revisions, %,d file entries, %,d unique blobs read, %,d blobs served from cache, "
                + "%,d trees read, %,d subtrees reused", revisions, fileEntries, blobsRead, blobsCached, treesRead,
                subtreesReused);
    }
}
