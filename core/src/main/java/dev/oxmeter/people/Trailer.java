package dev.oxmeter.people;

import java.util.Objects;

/**
 * One trailer of a commit message, such as {@code Reviewed-by: Jane Doe <jane@example.com>}. Immutable and
 * thread-safe.
 *
 * <p>A trailer whose value names several people ({@code Cc: A <a@x>, B <b@y>}) is returned by {@link Trailers} as
 * one {@code Trailer} per person, each with that person's part of the value, so every trailer has at most one
 * identity.
 *
 * @param key      the key in canonical spelling (see {@link #canonicalKey}), e.g. {@code Co-developed-by}
 * @param value    the value with continuation lines unfolded; for person keys, one person's part without a
 *                 trailing {@code # comment}
 * @param identity the person the value names, or null for keys that do not name people ({@code Fixes},
 *                 {@code Link}, ...)
 */
public record Trailer(String key, String value, Identity identity) {
    public Trailer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!isToken(key)) {
            throw new IllegalArgumentException("not a trailer key: " + key);
        }
        key = canonicalKey(key);
        value = value.strip();
    }

    /** Convenience for trailers that name nobody. */
    public Trailer(String key, String value) {
        this(key, value, null);
    }

    /**
     * The canonical spelling of a trailer key: first letter upper-case, the rest lower-case (ASCII), which is how
     * the kernel and git spell all their keys ({@code SIGNED-OFF-BY} and {@code signed-off-by} become
     * {@code Signed-off-by}; {@code CC} becomes {@code Cc}). Keys are compared after this normalisation.
     */
    public static String canonicalKey(String key) {
        String k = Ascii.lower(key.strip());
        if (k.isEmpty()) {
            return k;
        }
        char first = k.charAt(0);
        return first >= 'a' && first <= 'z' ? (char) (first - ('a' - 'A')) + k.substring(1) : k;
    }

    /** True for a git trailer token: ASCII letters, digits and {@code -}, starting with a letter. */
    static boolean isToken(String key) {
        if (key.isEmpty() || !isAsciiLetter(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
