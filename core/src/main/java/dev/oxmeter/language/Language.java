package dev.oxmeter.language;

import java.util.List;
import java.util.Objects;

/**
 * One language of the catalog: its name, category, the names it is known by and the lexical {@link Syntax} the
 * line counter needs.
 *
 * <p>Immutable and thread-safe; identity is the {@link #name()}. Instances normally come from
 * {@link LanguageCatalog}.
 */
public final class Language {
    private final String name;
    private final Category category;
    private final List<String> aliases;
    private final Syntax syntax;

    public Language(String name, Category category, List<String> aliases, Syntax syntax) {
        this.name = Objects.requireNonNull(name, "name");
        this.category = Objects.requireNonNull(category, "category");
        this.aliases = List.copyOf(aliases);
        this.syntax = Objects.requireNonNull(syntax, "syntax");
    }

    /** A language whose only syntax is the given line comment markers (convenient in tests). */
    public Language(String name, Category category, List<String> lineComments) {
        this(name, category, List.of(), new Syntax.Builder().lineComments(lineComments).build());
    }

    public String name() {
        return name;
    }

    public Category category() {
        return category;
    }

    /** Other names {@link LanguageCatalog#byName(String)} accepts, lower case. */
    public List<String> aliases() {
        return aliases;
    }

    public Syntax syntax() {
        return syntax;
    }

    /** Shorthand for {@code syntax().lineComments()}. */
    public List<String> lineComments() {
        return syntax.lineComments();
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
