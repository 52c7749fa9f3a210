package dev.oxmeter.owners;

/**
 * One MAINTAINERS {@code F:}/{@code X:} pattern, matched the way get_maintainer.pl's
 * {@code file_match_pattern} does after turning the glob into a Perl regex: {@code *} is {@code .*} (it crosses
 * {@code /}), {@code ?} is {@code .}, {@code [ch]} is a character class, the match is anchored at the start only
 * (a prefix match), and a pattern that does not end in {@code /} additionally needs the path to contain as many
 * {@code /} as the pattern. So {@code drivers/net/} is a subtree, {@code drivers/net/*} only files directly in
 * drivers/net/, and {@code include/linux/foo.h} also matches {@code include/linux/foo.h.orig} (a faithful quirk).
 *
 * <p>Matching is the usual single-backtrack wildcard algorithm: O(pattern × path) worst case, linear in practice.
 * Immutable and thread-safe.
 */
final class MaintainersGlob {
    private static final char STAR = '\uE000';
    private static final char ANY = '\uE001';
    private static final char CLASS = '\uE002';

    private final String pattern;
    /** Literal chars, or STAR / ANY / CLASS markers. */
    private final char[] elems;
    /** For CLASS elements: the set, as "!" (negated) or "" followed by ranges a-z and single chars. */
    private final String[] classes;
    private final boolean subtree;
    private final int slashes;
    private final String literalPrefix;

    MaintainersGlob(String pattern) {
        this.pattern = pattern;
        StringBuilder e = new StringBuilder(pattern.length());
        java.util.List<String> cls = new java.util.ArrayList<>();
        int literalEnd = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                int close = c == '[' ? classEnd(pattern, i) : -1;
                if (c == '[' && close < 0) {
                    e.append(c); // no closing bracket: a literal [
                    continue;
                }
                if (literalEnd < 0) {
                    literalEnd = i;
                }
                if (c == '*') {
                    e.append(STAR);
                } else if (c == '?') {
                    e.append(ANY);
                } else {
                    e.append(CLASS);
                    cls.add(pattern.substring(i + 1, close));
                    i = close;
                }
            } else {
                e.append(c);
            }
        }
        this.elems = e.toString().toCharArray();
        this.classes = new String[elems.length];
        int ci = 0;
        for (int i = 0; i < elems.length; i++) {
            if (elems[i] == CLASS) {
                classes[i] = cls.get(ci++);
            }
        }
        this.subtree = pattern.endsWith("/");
        this.slashes = count(pattern, '/');
        this.literalPrefix = literalEnd < 0 ? pattern : pattern.substring(0, literalEnd);
    }

    /** Index of the ] closing the class opened at i, honouring a leading ] or ^], or -1. */
    private static int classEnd(String p, int i) {
        int j = i + 1;
        if (j < p.length() && (p.charAt(j) == '^' || p.charAt(j) == '!')) {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++;
        }
        while (j < p.length() && p.charAt(j) != ']') {
            j++;
        }
        return j < p.length() ? j : -1;
    }

    String pattern() {
        return pattern;
    }

    /** The pattern up to its first wildcard: every matching path starts with it. */
    String literalPrefix() {
        return literalPrefix;
    }

    boolean hasWildcard() {
        return literalPrefix.length() != pattern.length();
    }

    boolean matches(String path) {
        return matches(path, count(path, '/'));
    }

    /** {@link #matches(String)} with the path's number of slashes already counted. */
    boolean matches(String path, int pathSlashes) {
        if (!subtree && pathSlashes != slashes) {
            return false;
        }
        return matchesPrefix(path);
    }

    private boolean matchesPrefix(String t) {
        int n = t.length();
        int m = elems.length;
        int pi = 0;
        int ti = 0;
        int starP = -1;
        int starT = 0;
        while (true) {
            if (pi == m) {
                return true; // the whole pattern matched a prefix of the path
            }
            if (ti < n && elems[pi] != STAR && single(pi, t.charAt(ti))) {
                pi++;
                ti++;
            } else if (elems[pi] == STAR) {
                starP = pi++;
                starT = ti;
            } else if (starP >= 0 && starT < n) {
                pi = starP + 1;
                ti = ++starT;
            } else {
                return false;
            }
        }
    }

    private boolean single(int pi, char c) {
        char e = elems[pi];
        if (e == ANY) {
            return c != '\n';
        }
        if (e == CLASS) {
            return inClass(classes[pi], c);
        }
        return e == c;
    }

    private static boolean inClass(String set, char c) {
        boolean negate = !set.isEmpty() && (set.charAt(0) == '^' || set.charAt(0) == '!');
        int i = negate ? 1 : 0;
        boolean hit = false;
        while (i < set.length()) {
            char a = set.charAt(i);
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                if (c >= a && c <= set.charAt(i + 2)) {
                    hit = true;
                }
                i += 3;
            } else {
                if (c == a) {
                    hit = true;
                }
                i++;
            }
        }
        return hit != negate;
    }

    static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
