package dev.oxmeter.change;

import java.util.Objects;

/** A file of the head that is neither at the same path in the base nor a renamed base file (same content). */
public record NewFile(String path, String language) {
    public NewFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(language, "language");
    }
}
