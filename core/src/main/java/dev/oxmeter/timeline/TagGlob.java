package dev.oxmeter.timeline;

import java.util.Objects;

/**
 * A tag name pattern with the semantics of {@code git tag -l <pattern>}: git's {@code wildmatch()} without
 * {@code WM_PATHNAME} and without case folding. So:
 * <ul>
 * <li>{@code *} matches any run of characters, {@code /} included ({@code **} is the same as {@code *});</li>
 * <li>{@code ?} matches any one character, {@code /} included;</li>
 * <li>{@code [abc]}, {@code [a-z]}, {@code [!a-z]} or {@code [^a-z]} match one character of (not of) the set;
 *     {@code ]} first in the set is literal, {@code -} first or last is literal, {@code \} escapes inside a set,
 *     and {@code [:alpha:]}-style classes (ASCII) are supported;</li>
 * <li>{@code \x} matches {@code x} literally;</li>
 * <li>everything else matches itself, case-sensitively.</li>
 * </ul>
 * As in git, a pattern with an unterminated {@code [}, an unknown {@code [:class:]} or a trailing {@code \} matches
 * nothing. Matching works on Unicode code points where git works on bytes; this differs only for {@code ?} and
 * sets against non-ASCII characters.
 *
 * <p>Immutable and thread-safe. Matching is linear in practice and at worst O(pattern × name) per {@code *}.
 */
public final class TagGlob {
    private static final int MATCH = 0;
    private static final int NO_MATCH = 1;
    private static final int ABORT_ALL = 2; // no later start position for an enclosing '*' can match either

    private final String glob;
    private final int[] p;

    private TagGlob(String glob) {
        this.glob = glob;
        this.p = glob.codePoints().toArray();
    }

    /** Compiles a pattern; never fails (see the class comment for patterns that match nothing). */
    public static TagGlob compile(String glob) {
        return new TagGlob(Objects.requireNonNull(glob, "glob"));
    }

    /** Whether the whole {@code tagName} (without {@code refs/tags/}) matches. */
    public boolean matches(String tagName) {
        int[] t = Objects.requireNonNull(tagName, "tagName").codePoints().toArray();
        return match(0, t, 0) == MATCH;
    }

    /** The pattern as given. */
    public String glob() {
        return glob;
    }

    private int match(int pi, int[] t, int ti) {
        for (; pi < p.length; pi++, ti++) {
            int pc = p[pi];
            if (ti >= t.length && pc != '*') {
                return ABORT_ALL;
            }
            switch (pc) {
                case '?' -> {
                    // any character, '/' included
                }
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return MATCH; // trailing '*' takes the rest
                    }
                    for (int start = ti; start < t.length; start++) {
                        int r = match(pi + 1, t, start);
                        if (r != NO_MATCH) {
                            return r;
                        }
                    }
                    return ABORT_ALL;
                }
                case '[' -> {
                    int end = matchSet(pi, t[ti]);
                    if (end == -ABORT_ALL - 1) {
                        return ABORT_ALL;
                    }
                    if (end < 0) {
                        return NO_MATCH;
                    }
                    pi = end;
                }
                case '\\' -> {
                    if (pi + 1 >= p.length || t[ti] != p[++pi]) {
                        return NO_MATCH;
                    }
                }
                default -> {
                    if (t[ti] != pc) {
                        return NO_MATCH;
                    }
                }
            }
        }
        return ti == t.length ? MATCH : NO_MATCH;
    }

    /**
     * Matches character {@code c} against the set starting at {@code p[open] == '['}. Returns the index of the
     * closing {@code ]} on a match, -1 on no match, and {@code -ABORT_ALL - 1} for a malformed set.
     */
    private int matchSet(int open, int c) {
        final int malformed = -ABORT_ALL - 1;
        int i = open + 1;
        if (i >= p.length) {
            return malformed;
        }
        boolean negated = p[i] == '!' || p[i] == '^';
        if (negated) {
            i++;
        }
        boolean matched = false;
        int prev = -1; // previous literal, for ranges; -1 after a range or class
        boolean first = true;
        for (; ; i++) {
            if (i >= p.length) {
                return malformed;
            }
            int pc = p[i];
            if (pc == ']' && !first) {
                break;
            }
            first = false;
            if (pc == '\\') {
                if (++i >= p.length) {
                    return malformed;
                }
                pc = p[i];
                matched |= c == pc;
                prev = pc;
            } else if (pc == '-' && prev >= 0 && i + 1 < p.length && p[i + 1] != ']') {
                int hi = p[++i];
                if (hi == '\\') {
                    if (++i >= p.length) {
                        return malformed;
                    }
                    hi = p[i];
                }
                matched |= c >= prev && c <= hi;
                prev = -1;
            } else if (pc == '[' && i + 1 < p.length && p[i + 1] == ':') {
                int close = i + 2;
                while (close < p.length && p[close] != ']') {
                    close++;
                }
                if (close >= p.length) {
                    return malformed;
                }
                if (p[close - 1] != ':' || close - 1 < i + 2) {
                    // No ":]": the '[' is an ordinary member and scanning resumes after it.
                    matched |= c == '[';
                    prev = '[';
                    continue;
                }
                String name = new String(p, i + 2, close - 1 - (i + 2));
                Boolean in = inClass(name, c);
                if (in == null) {
                    return malformed;
                }
                matched |= in;
                prev = -1;
                i = close;
            } else {
                matched |= c == pc;
                prev = pc;
            }
        }
        return matched != negated ? i : -1;
    }

    /** ASCII character classes as in git's sane_ctype; null for an unknown class name. */
    private static Boolean inClass(String name, int c) {
        boolean upper = c >= 'A' && c <= 'Z';
        boolean lower = c >= 'a' && c <= 'z';
        boolean digit = c >= '0' && c <= '9';
        boolean graph = c > 0x20 && c < 0x7f;
        return switch (name) {
            case "alnum" -> upper || lower || digit;
            case "alpha" -> upper || lower;
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 0x20 || c == 0x7f;
            case "digit" -> digit;
            case "graph" -> graph;
            case "lower" -> lower;
            case "print" -> graph || c == ' ';
            case "punct" -> graph && !(upper || lower || digit);
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
            case "upper" -> upper;
            case "xdigit" -> digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> null;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagGlob other && other.glob.equals(glob);
    }

    @Override
    public int hashCode() {
        return glob.hashCode();
    }

    @Override
    public String toString() {
        return glob;
    }
}
