package dev.oxmeter.people;

import java.util.Objects;
import java.util.Optional;

/**
 * The commit a {@code Fixes:} trailer points at: {@code Fixes: 0123456789ab ("subsys: subject of that commit")}.
 * Immutable and thread-safe.
 *
 * <p>The kernel asks for at least 12 hex digits; shorter abbreviations (down to 7, git's default) are accepted and
 * flagged by {@link #isShort()}, because they may be ambiguous in a large repository.
 *
 * @param commitPrefix the abbreviated commit id, lower-case hex, 7 to 64 digits
 * @param subject      the quoted subject, or empty when the trailer has none
 */
public record FixesRef(String commitPrefix, String subject) {
    /** The length the kernel's submitting-patches guide asks for. */
    public static final int RECOMMENDED_LENGTH = 12;
    /** The shortest abbreviation accepted (git's default abbreviation length). */
    public static final int MIN_LENGTH = 7;
    private static final int MAX_LENGTH = 64; // SHA-256 object names

    public FixesRef {
        Objects.requireNonNull(commitPrefix, "commitPrefix");
        commitPrefix = Ascii.lower(commitPrefix);
        if (hexLength(commitPrefix) != commitPrefix.length() || commitPrefix.length() < MIN_LENGTH
                || commitPrefix.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not an abbreviated commit id: " + commitPrefix);
        }
        subject = subject == null ? "" : subject.strip();
    }

    /** Fewer than {@value #RECOMMENDED_LENGTH} hex digits. */
    public boolean isShort() {
        return commitPrefix.length() < RECOMMENDED_LENGTH;
    }

    /**
     * Parses a {@code Fixes:} value. Accepts {@code <hex> ("subject")}, {@code <hex> (subject)}, a bare
     * {@code <hex>}, an optional leading {@code commit }, and subjects that themselves contain quotes or
     * parentheses (the subject runs to the last {@code ")} or {@code )}). Empty when the value does not start with
     * 7 to 64 hex digits followed by the end or a non-word character. O(length).
     */
    public static Optional<FixesRef> parse(String value) {
        String v = Objects.requireNonNull(value, "value").strip();
        if (v.regionMatches(true, 0, "commit ", 0, 7)) {
            v = v.substring(7).stripLeading();
        }
        int n = hexLength(v);
        if (n < MIN_LENGTH || n > MAX_LENGTH) {
            return Optional.empty();
        }
        if (n < v.length() && isWordChar(v.charAt(n))) {
            return Optional.empty(); // e.g. "deadbeefcafe-ish": not a commit id
        }
        return Optional.of(new FixesRef(v.substring(0, n), subjectOf(v.substring(n).strip())));
    }

    private static String subjectOf(String rest) {
        if (rest.startsWith("(\"")) {
            int end = rest.lastIndexOf("\")");
            return end >= 2 ? rest.substring(2, end) : rest.substring(2);
        }
        if (rest.startsWith("(")) {
            int end = rest.lastIndexOf(')');
            String inner = end > 0 ? rest.substring(1, end) : rest.substring(1);
            return stripQuotes(inner.strip());
        }
        return stripQuotes(rest);
    }

    private static String stripQuotes(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static int hexLength(String s) {
        int i = 0;
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
            i++;
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
