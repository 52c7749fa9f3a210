package dev.oxmeter.source;

import dev.oxmeter.model.Oid;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one commit says, read by {@link CommitWalker}: its header, its raw message and the files it changes against
 * its first parent (the empty tree for a root commit). Merge commits ({@code parentCount > 1}) carry no changes.
 *
 * @param id           the commit
 * @param parentCount  number of parents (0 for a root commit)
 * @param authorName   author name as written in the commit
 * @param authorEmail  author email as written in the commit (no angle brackets)
 * @param authorTime   author date
 * @param commitTime   committer date
 * @param rawMessage   the message bytes as stored (decode with the declared encoding); do not modify
 * @param encodingName the {@code encoding} header, or null when the commit declares none
 * @param changes      files added, modified, deleted or renamed against the first parent; empty for merges
 * @param missingBlobs changed files whose content was absent from the repository (a partial clone): when above 0,
 *                     the changes are provisional (those files count 0 lines, renames may go undetected)
 */
public record CommitInfo(Oid id, int parentCount, String authorName, String authorEmail, Instant authorTime,
                         Instant commitTime, byte[] rawMessage, String encodingName, List<FileChange> changes,
                         int missingBlobs) {
    public CommitInfo(Oid id, int parentCount, String authorName, String authorEmail, Instant authorTime,
                      Instant commitTime, byte[] rawMessage, String encodingName, List<FileChange> changes) {
        this(id, parentCount, authorName, authorEmail, authorTime, commitTime, rawMessage, encodingName, changes, 0);
    }

    public CommitInfo {
        Objects.requireNonNull(id, "id");
        authorName = authorName == null ? "" : authorName;
        authorEmail = authorEmail == null ? "" : authorEmail;
        Objects.requireNonNull(rawMessage, "rawMessage");
        changes = List.copyOf(changes);
    }

    public boolean isMerge() {
        return parentCount > 1;
    }
}
