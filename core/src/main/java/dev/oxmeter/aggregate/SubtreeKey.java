package dev.oxmeter.aggregate;

import dev.oxmeter.model.Oid;
import java.util.Objects;

/**
 * Identity of a subtree's composition within one set of scan options: the tree and its context, the path of the
 * subtree (with a trailing slash; empty for a root) and the {@code .gitattributes} blobs in force above it.
 */
public record SubtreeKey(Oid tree, String context) {
    public SubtreeKey {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(context, "context");
    }
}
