package dev.oxmeter.source;

import dev.oxmeter.RepositoryException;
import dev.oxmeter.model.Oid;

/** An object the repository does not have (a shallow or partial clone, or a deleted file); names the object. */
public final class MissingObjectError extends RepositoryException {
    private static final long serialVersionUID = 1L;
    private final transient Oid id;

    public MissingObjectError(String kind, Oid id) {
        super(kind + " " + id.hex() + " is missing from the repository (partial or shallow clone?)");
        this.id = id;
    }

    public Oid id() {
        return id;
    }
}
