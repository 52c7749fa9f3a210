package dev.oxmeter.facts;

/** How a blob's content was treated: counted as text, recognised as binary, or too large to load. */
public enum BlobKind {
    TEXT, BINARY, TOO_LARGE
}
