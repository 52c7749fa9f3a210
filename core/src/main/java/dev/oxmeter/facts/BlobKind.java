package dev.oxmeter.facts;

/** How a blob's content was treated: counted as text, recognised as binary, too large to load, or missing. */
public enum BlobKind {
    TEXT, BINARY, TOO_LARGE,
    /** Absent from the object database (partial clone); only with --allow-missing, and never cached. */
    MISSING
}
