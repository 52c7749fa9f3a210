package dev.oxmeter.count;

import dev.oxmeter.language.Language;

/**
 * Classifies every physical line of a text as code, comment or blank for a given language.
 *
 * <p>Works on bytes (never decodes), so any encoding is accepted. Stateless and thread-safe; cost is linear in
 * {@code len}.
 */
public final class LineCounter {
    private LineCounter() {
    }

    public static LineCounts count(Language language, byte[] data, int off, int len) {
        long code = 0, blank = 0, comment = 0;
        int i = off, end = off + len;
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < end && data[lineEnd] != '\n') {
                lineEnd++;
            }
            boolean nonBlank = false;
            for (int j = i; j < lineEnd; j++) {
                if (data[j] != ' ' && data[j] != '\t' && data[j] != '\r') {
                    nonBlank = true;
                    break;
                }
            }
            if (nonBlank) {
                code++;
            } else {
                blank++;
            }
            i = lineEnd + 1;
        }
        return LineCounts.of(code, comment, blank);
    }
}
