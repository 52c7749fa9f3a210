package dev.oxmeter.source;

import java.util.function.Supplier;

/**
 * Names the language of a file from its name, asking for its first bytes only when the name cannot tell (keeps
 * language knowledge out of this package). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FileClassifier {
    /** The language name of {@code fileName} (last path component); {@code head} reads the file's first bytes. */
    String language(String fileName, Supplier<byte[]> head);
}
