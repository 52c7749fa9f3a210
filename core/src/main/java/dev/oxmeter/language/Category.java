package dev.oxmeter.language;

/** What kind of text a language is; only {@link #PROGRAMMING} counts towards "share of code" figures. */
public enum Category {
    PROGRAMMING, MARKUP, DATA, PROSE, OTHER
}
