package dev.oxmeter.source;

/** What a tree entry is, from its git file mode. */
public enum EntryKind {
    TREE, FILE, EXECUTABLE, SYMLINK, SUBMODULE;

    /** True for regular files (executable or not): the entries whose content is analysed. */
    public boolean isRegularFile() {
        return this == FILE || this == EXECUTABLE;
    }
}
