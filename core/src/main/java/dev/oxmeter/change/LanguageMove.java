package dev.oxmeter.change;

import java.util.Objects;

/**
 * A file that changed language: the same path counted in another language, or a file removed and one added in
 * the same directory with the same name but another extension ({@code echo.cpp} → {@code echo.rs}). Immutable.
 */
public record LanguageMove(String pathBase, String languageBase, String pathHead, String languageHead) {
    public LanguageMove {
        Objects.requireNonNull(pathBase, "pathBase");
        Objects.requireNonNull(languageBase, "languageBase");
        Objects.requireNonNull(pathHead, "pathHead");
        Objects.requireNonNull(languageHead, "languageHead");
    }
}
