package dev.oxmeter.language;

import java.util.Objects;

/**
 * What a file's name alone says about its language: either a definite language, or a content-dependent class
 * (a {@code .h} header, an extension-less file that may carry a shebang) to be settled by
 * {@link LanguageCatalog#resolve(Detection, byte[], int)}.
 *
 * <p>{@link #key()} is stable across runs and is part of the blob-facts cache key, so that a blob's facts can be
 * looked up before the blob is read.
 */
public record Detection(String key, Language definite) {
    public Detection {
        Objects.requireNonNull(key, "key");
    }

    public static Detection of(Language language) {
        return new Detection(language.name(), language);
    }

    public boolean needsContent() {
        return definite == null;
    }
}
