package dev.oxmeter.render;

/**
 * The one HTML escaping function of the report: every string that reaches the page (repository strings above
 * all: names, emails, paths, tag names, subjects) goes through {@link #esc}, in text and in attribute values
 * alike (attributes are always double-quoted).
 */
public final class Html {
    private Html() {
    }

    /**
     * Escapes {@code & < > " '}, and replaces control characters HTML does not allow (everything below U+0020
     * but tab, LF and CR, and DEL) with U+FFFD. Null becomes the empty string.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "\uFFFD" : null;
            };
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
