package dev.oxmeter.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A resolved revision: the name the user gave (or a tag name), the commit (null when the revision names a tree
 * directly), its root tree and its committer date (null for a bare tree).
 */
public record Revision(String label, Oid commit, Oid tree, Instant date) {
    public Revision {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(tree, "tree");
    }
}
