package dev.oxmeter.source;

import dev.oxmeter.model.Oid;
import java.time.Instant;

/**
 * What reading the object a tag ref points to tells: the type of object it peels to ({@code commit}, {@code tree},
 * {@code blob}), for a commit that commit, its tree and its date (else null), and the tagger date of an annotated
 * tag (null for a lightweight one, whose {@code object} is the commit). An object id fixes all of them, so a target
 * read once may be kept and served forever; a missing or corrupt object is not a target.
 */
public record TagTarget(Oid object, String type, Oid commit, Oid tree, Instant tagDate, Instant commitDate) {
    /** The tag {@code name} with this target. */
    public TagRef tag(String name) {
        return commit == null ? new TagRef(name, null, type, tagDate)
                : new TagRef(name, commit, type, tagDate != null ? tagDate : commitDate, tree, commitDate);
    }
}
