package dev.oxmeter.model;

/**
 * Names of the rows that are not languages. They are in parentheses so they can never collide with a language
 * name, and every file of a tree lands in exactly one row, so totals reconcile with the tree.
 */
public final class Rows {
    /** Vendored, generated or user-excluded text files (their lines are counted here, not in their language). */
    public static final String EXCLUDED = "(excluded)";
    /** Files with a NUL byte in their first 8000 bytes. */
    public static final String BINARY = "(binary)";
    /** Files above the size threshold, never loaded whole. */
    public static final String TOO_LARGE = "(too large)";
    /** Files whose blob is absent from the repository (partial clones), with --allow-missing. */
    public static final String MISSING = "(missing)";
    /** Symbolic links: listed, not followed. */
    public static final String SYMLINKS = "(symlinks)";
    /** Submodules (gitlinks): listed, not followed. */
    public static final String SUBMODULES = "(submodules)";

    private Rows() {
    }

    public static boolean isLanguage(String row) {
        return !row.startsWith("(");
    }
}
