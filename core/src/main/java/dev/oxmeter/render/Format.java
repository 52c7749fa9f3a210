package dev.oxmeter.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Output formats every command accepts. */
public enum Format {
    TABLE, JSON, CSV, MD;

    /**
     * The format named {@code s}; an unknown name is an {@link IllegalArgumentException} whose message lists the
     * formats, and {@code alsoAccepted} (names a command handles itself, such as people's {@code thanks}) after them.
     */
    public static Format parse(String s, String... alsoAccepted) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (Format f : values()) {
                names.add(f.name().toLowerCase(Locale.ROOT));
            }
            names.addAll(List.of(alsoAccepted));
            String last = names.remove(names.size() - 1);
            throw new IllegalArgumentException("unknown format '" + s + "' (expected " + String.join(", ", names)
                    + " or " + last + ")");
        }
    }
}
