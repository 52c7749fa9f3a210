package dev.oxmeter.language;

import java.util.Objects;

/**
 * What a file's name alone says about its language: either a definite language, or a content-dependent class
 * (a {@code .h} header, an extension-less file that may carry a shebang) to be settled by
 * {@link LanguageCatalog#resolve(Detection, byte[], int)}.
 *
 * <p>{@link #key()} is stable across runs and is part of the blob-facts cache key, so that a blob's facts can be
 * looked up before the blob is read. Immutable value.
 */
public record Detection(String key, Language definite) {
    /** Key of a {@code .h} file: C Header or C++ Header, decided by its first bytes. */
    public static final String HEADER = "?h";
    /** Key of an extension-less file with no known name: a script if it starts with a shebang, else Other. */
    public static final String SCRIPT = "?script";

    public Detection {
        Objects.requireNonNull(key, "key");
    }

    public static Detection of(Language language) {
        return new Detection(language.name(), language);
    }

    /** A detection that {@link LanguageCatalog#resolve} settles from content. */
    public static Detection contentDependent(String key) {
        return new Detection(key, null);
    }

    public boolean needsContent() {
        return definite == null;
    }
}
