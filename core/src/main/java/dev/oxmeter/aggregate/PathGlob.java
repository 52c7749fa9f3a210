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
    private final String glob;
    private final Pattern pattern;

    private PathGlob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
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
        try {
            return new PathGlob(glob, Pattern.compile(re.toString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid path pattern '" + glob + "'");
        }
    }

    public boolean matches(String path) {
        return pattern.matches(path);
    }

    @Override
    public String toString() {
        return glob;
    }
}
