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

    // Written out rather than the record's generated ones: revisions key maps in every run, and the generated
    // methods are bound on first use through method handles, a cost a short run notices.
    @Override
    public boolean equals(Object o) {
        return o instanceof Revision r && label.equals(r.label) && Objects.equals(commit, r.commit)
                && tree.equals(r.tree) && Objects.equals(date, r.date);
    }

    @Override
    public int hashCode() {
        return ((label.hashCode() * 31 + Objects.hashCode(commit)) * 31 + tree.hashCode()) * 31
                + Objects.hashCode(date);
    }
}
