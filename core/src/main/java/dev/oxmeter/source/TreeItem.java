package dev.oxmeter.source;

import dev.oxmeter.model.Oid;
import java.util.Objects;

/** One entry of a git tree: its name within the tree, its kind and the id of the object it names. */
public record TreeItem(String name, EntryKind kind, Oid id) {
    public TreeItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
