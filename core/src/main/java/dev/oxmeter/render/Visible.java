package dev.oxmeter.render;

/**
 * Makes text from a repository safe to print on a terminal: paths, author names and tag names may hold control
 * characters (ESC starts sequences that move the cursor, recolour or retitle the window), so the human formats
 * (table, Markdown, thanks, messages) show them escaped instead: {@code \t}, {@code \n}, {@code \r}, {@code \xNN}
 * for other C0 controls and DEL, {@code \u009b} for C1 controls and {@code \u202e} for the invisible bidirectional
 * overrides. Data formats (CSV, JSON) keep the exact text. Stateless and thread-safe; O(length), no copy when
 * there is nothing to escape.
 */
public final class Visible {
    private Visible() {
    }

    /** {@code s} with every control character escaped; {@code s} itself when it has none. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !control(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!control(c)) {
                b.append(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x80) {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean control(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
