package dev.oxmeter.aggregate;

import com.google.re2j.Pattern;

/**
 * A gitignore-style path pattern: {@code *} and {@code ?} stay within one path component, {@code **} crosses
 * directories, {@code [...]} is a character class. A pattern without a slash matches a file or directory name at
 * any depth ({@code vendor}, {@code *.min.js}); with a slash it is anchored at the root ({@code rust/syn/}). A
 * pattern that matches a directory matches everything below it.
 *
 * <p>Immutable and thread-safe; matching is linear time (RE2/J).
 */
public final class PathGlob {
    /** How a pattern is matched: plain string tests for the common shapes, the regex for the rest. */
    private enum Shape {
        /** {@code vendor}: a path component equals the literal. */
        NAME,
        /** {@code *.min.js}: a path component ends with the literal. */
        SUFFIX,
        /** {@code rust/syn/}: the path is the literal or lies below it. */
        PREFIX,
        REGEX
    }

    private final String glob;
    private final Pattern pattern;
    private final Shape shape;
    private final String literal;

    private PathGlob(String glob, Pattern pattern, Shape shape, String literal) {
        this.glob = glob;
        this.pattern = pattern;
        this.shape = shape;
        this.literal = literal;
    }

    private static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    public static PathGlob compile(String glob) {
        String g = glob.trim();
        if (g.isEmpty() || g.equals("/")) {
            throw new IllegalArgumentException("empty path pattern");
        }
        while (g.endsWith("/") && g.length() > 1) {
            g = g.substring(0, g.length() - 1);
        }
        boolean anchored = g.contains("/");
        if (g.startsWith("/")) {
            g = g.substring(1);
        }
        StringBuilder re = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                boolean dbl = i + 1 < g.length() && g.charAt(i + 1) == '*';
                if (dbl) {
                    i++;
                    if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = g.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = g.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < g.length()) {
                re.append(Pattern.quote(String.valueOf(g.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        re.append("(?:/.*)?$");
        Shape shape = Shape.REGEX;
        String literal = null;
        if (!hasWildcard(g)) {
            shape = anchored ? Shape.PREFIX : Shape.NAME;
            literal = g;
        } else if (!anchored && g.startsWith("*") && !hasWildcard(g.substring(1)) && g.length() > 1) {
            shape = Shape.SUFFIX;
            literal = g.substring(1);
        }
        try {
            return new PathGlob(glob, Pattern.compile(re.toString()), shape, literal);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid path pattern '" + glob + "'");
        }
    }

    /** Whether {@code path} (or a directory above it) matches. Cost: string tests for simple shapes, else RE2/J. */
    public boolean matches(String path) {
        switch (shape) {
            case PREFIX:
                return path.startsWith(literal)
                        && (path.length() == literal.length() || path.charAt(literal.length()) == '/');
            case NAME:
            case SUFFIX:
                int start = 0;
                while (start <= path.length()) {
                    int end = path.indexOf('/', start);
                    if (end < 0) {
                        end = path.length();
                    }
                    if (shape == Shape.NAME ? end - start == literal.length() && path.startsWith(literal, start)
                            : end - start >= literal.length() && path.startsWith(literal, end - literal.length())) {
                        return true;
                    }
                    start = end + 1;
                }
                return false;
            default:
                return pattern.matches(path);
        }
    }

    /** The literal a path component must equal, for a pattern that is a plain name ({@code vendor}); else null. */
    String nameLiteral() {
        return shape == Shape.NAME ? literal : null;
    }

    /**
     * Whether {@link #matches} of a path splits into a test of its directory and one of its file name: true for
     * every shape but the general regex. Then {@code matches(dir + "/" + name)} equals
     * {@code matches(dir) || matchesName(dir + "/" + name, dir.length() + 1)}, so a caller deciding many files of one
     * directory matches the directory once.
     */
    boolean splitsAtName() {
        return shape != Shape.REGEX;
    }

    /**
     * The file-name half of {@link #matches} for a pattern that {@link #splitsAtName()}: whether the last component
     * of {@code path}, starting at {@code nameStart}, matches by itself (for an anchored literal: whether the path is
     * the literal).
     */
    boolean matchesName(String path, int nameStart) {
        return switch (shape) {
            case PREFIX -> path.equals(literal);
            case NAME -> path.length() - nameStart == literal.length() && path.startsWith(literal, nameStart);
            case SUFFIX -> path.length() - nameStart >= literal.length() && path.endsWith(literal);
            case REGEX -> pattern.matches(path);
        };
    }

    @Override
    public String toString() {
        return glob;
    }
}
