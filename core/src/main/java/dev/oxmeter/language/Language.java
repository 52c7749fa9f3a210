package dev.oxmeter.language;

import java.util.List;
import java.util.Objects;

/**
 * One language of the catalog: its name, category and the lexical syntax the line counter needs.
 *
 * <p>Immutable; identity is the {@link #name()}. Instances come from {@link LanguageCatalog}.
 */
public final class Language {
    private final String name;
    private final Category category;
    private final List<String> lineComments;

    public Language(String name, Category category, List<String> lineComments) {
        this.name = Objects.requireNonNull(name, "name");
        this.category = Objects.requireNonNull(category, "category");
        this.lineComments = List.copyOf(lineComments);
    }

    public String name() {
        return name;
    }

    public Category category() {
        return category;
    }

    public List<String> lineComments() {
        return lineComments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Language l && l.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
