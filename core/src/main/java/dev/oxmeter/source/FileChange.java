package dev.oxmeter.source;

import dev.oxmeter.model.Oid;
import java.util.Objects;

/**
 * One file changed by a commit, against its first parent, as {@code git log --numstat} (with rename detection)
 * reports it.
 *
 * @param path       the path after the change (for a deletion, the deleted path)
 * @param oldPath    the path before a rename; null otherwise
 * @param changeType {@code ADD}, {@code MODIFY}, {@code DELETE} or {@code RENAME}
 * @param newBlob    the content after the change; null for a deletion
 * @param language   the language of the file, by name (and content when the name is ambiguous: the new content,
 *                   or the old one for a deletion); {@link #NOT_A_FILE} for symlinks and submodules
 * @param added      lines added (0 for binary content)
 * @param removed    lines removed (0 for binary content)
 */
public record FileChange(String path, String oldPath, String changeType, Oid newBlob, String language, int added,
                         int removed) {
    /** The language recorded for symlinks and submodules, which have no source content. */
    public static final String NOT_A_FILE = "(not a file)";

    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(changeType, "changeType");
        Objects.requireNonNull(language, "language");
    }
}
