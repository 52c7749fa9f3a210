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

    // written out: keys are hashed and compared in the tree walk's hottest loops (see Oid)

    @Override
    public boolean equals(Object o) {
        return o instanceof SubtreeKey k && tree.equals(k.tree) && context.equals(k.context);
    }

    @Override
    public int hashCode() {
        return tree.hashCode() * 31 + context.hashCode();
    }
}
