package dev.oxmeter.source;

import dev.oxmeter.RepositoryException;
import dev.oxmeter.model.Oid;

/**
 * An object the repository lists but whose stored bytes cannot be read back (a damaged pack or loose object file);
 * names the object and, when known, what is wrong with it. Unlike a {@link MissingObjectError} it is never counted
 * as an absent file: the repository needs repair (for example {@code git fsck}, then fetching the object again).
 */
public final class CorruptObjectError extends RepositoryException {
    private static final long serialVersionUID = 1L;
    private final transient Oid id;

    public CorruptObjectError(String kind, Oid id, String reason) {
        super(kind + " " + id.hex() + " is corrupt in the repository" + (reason == null || reason.isBlank() ? ""
                : " (" + reason + ")") + "; git fsck shows the damage");
        this.id = id;
    }

    public Oid id() {
        return id;
    }
}
