package dev.oxmeter.change;

import java.util.Locale;

/** How much a rule's findings matter: an error fails the check (exit 1), a warning is reported, off is silent. */
public enum Level {
    ERROR, WARNING, OFF;

    /** Parses {@code error}, {@code warning} or {@code off} (any case); names the accepted values otherwise. */
    public static Level parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown level '" + s + "' (expected error, warning or off)");
        }
    }

    /** The lower-case name used in flags, the config file and SARIF ({@code error}, {@code warning}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
