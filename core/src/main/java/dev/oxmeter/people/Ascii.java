package dev.oxmeter.people;

/**
 * ASCII-only case folding. git compares mailmap names and emails with {@code strcasecmp}, which folds only ASCII
 * letters, so a locale-aware {@link String#toLowerCase()} would merge addresses git keeps apart (and vice versa in
 * the Turkish locale). Stateless; thread-safe.
 */
final class Ascii {
    private Ascii() {
    }

    /** {@code s} with {@code A-Z} replaced by {@code a-z}; other characters unchanged. O(length). */
    static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
