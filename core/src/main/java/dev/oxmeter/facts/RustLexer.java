package dev.oxmeter.facts;

/**
 * A small byte-level Rust lexer: the one lexer behind {@link RustSafetyScanner}, {@link RustBoundaryScanner} and
 * {@link RustSites}. A facts computation lexes each Rust blob once ({@link BlobText#rustTokens()}) and hands the
 * same {@link RustTokens} to every analysis.
 *
 * <p>It splits source into identifiers (keywords included), lifetimes, literals, single-byte punctuation and
 * comments, so scanners never mistake text inside a comment, string, raw string ({@code r#"…"#}), byte string,
 * C string or char literal for code. Block comments nest as in Rust; {@code ///}, {@code //!}, {@code /**} and
 * {@code /*!} are flagged as doc comments. {@code 'a'} is a char literal, {@code 'a} a lifetime or label.
 * Tokens inside {@code macro_rules!} bodies are ordinary tokens: the lexer has no notion of macros.
 *
 * <p>The lexer never fails: malformed input (an unterminated string or comment) ends at the end of the input.
 * Cost: one pass, O(n) time, a few ints per token. Not thread-safe per instance, but each call builds its own.
 */
final class RustLexer {
    static final byte IDENT = 1;
    static final byte LIFETIME = 2;
    static final byte STRING = 3;
    static final byte CHAR = 4;
    static final byte NUMBER = 5;
    static final byte PUNCT = 6;
    static final byte LINE_COMMENT = 7;
    static final byte BLOCK_COMMENT = 8;

    private RustLexer() {
    }

    /** Lexes {@code len} bytes of {@code data} from {@code off}; the array is referenced, not copied. */
    static RustTokens lex(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " length=" + data.length);
        }
        RustTokens t = new RustTokens(data, Math.max(16, len / 5));
        byte[] d = data;
        int end = off + len;
        int i = off;
        int line = 1;
        boolean lineStart = true;
        while (i < end) {
            int c = d[i] & 0xff;
            if (c == '\n') {
                line++;
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
                i++;
                continue;
            }
            int start = i;
            int startLine = line;
            byte kind;
            boolean doc = false;
            if (c == '/' && i + 1 < end && d[i + 1] == '/') {
                int j = i + 2;
                while (j < end && d[j] != '\n') {
                    j++;
                }
                kind = LINE_COMMENT;
                // "///" is an outer doc comment but "////" is not; "//!" is an inner doc comment.
                doc = (i + 2 < end && d[i + 2] == '/' && !(i + 3 < end && d[i + 3] == '/'))
                        || (i + 2 < end && d[i + 2] == '!');
                i = j;
            } else if (c == '/' && i + 1 < end && d[i + 1] == '*') {
                int depth = 1;
                int j = i + 2;
                while (j < end && depth > 0) {
                    byte b = d[j];
                    if (b == '\n') {
                        line++;
                        j++;
                    } else if (b == '/' && j + 1 < end && d[j + 1] == '*') {
                        depth++;
                        j += 2;
                    } else if (b == '*' && j + 1 < end && d[j + 1] == '/') {
                        depth--;
                        j += 2;
                    } else {
                        j++;
                    }
                }
                kind = BLOCK_COMMENT;
                // "/**" is doc unless it is "/**/" or "/***"; "/*!" is an inner doc comment.
                doc = (i + 2 < end && d[i + 2] == '*' && !(i + 3 < end && (d[i + 3] == '*' || d[i + 3] == '/')))
                        || (i + 2 < end && d[i + 2] == '!');
                i = j;
            } else if (c == '"') {
                i = skipString(d, i + 1, end);
                line += countNewlines(d, start, i);
                kind = STRING;
            } else if (c == '\'') {
                int j = charLiteralEnd(d, i, end);
                if (j > 0) {
                    kind = CHAR;
                    i = j;
                } else if (i + 1 < end && isIdentStart(d[i + 1] & 0xff)) {
                    int k = i + 1;
                    while (k < end && isIdentPart(d[k] & 0xff)) {
                        k++;
                    }
                    kind = LIFETIME;
                    i = k;
                } else {
                    kind = PUNCT;
                    i++;
                }
            } else if (isIdentStart(c)) {
                int j = literalWithPrefix(d, i, end);
                if (j > 0) {
                    kind = (d[j - 1] == '\'') ? CHAR : STRING;
                    line += countNewlines(d, start, j);
                    i = j;
                } else {
                    int k = i + 1;
                    // raw identifier r#name
                    if (c == 'r' && k + 1 < end && d[k] == '#' && isIdentStart(d[k + 1] & 0xff)) {
                        k += 2;
                    }
                    while (k < end && isIdentPart(d[k] & 0xff)) {
                        k++;
                    }
                    kind = IDENT;
                    i = k;
                }
            } else if (c >= '0' && c <= '9') {
                int k = i + 1;
                while (k < end) {
                    int b = d[k] & 0xff;
                    if (isIdentPart(b)) {
                        k++;
                    } else if (b == '.' && k + 1 < end && d[k + 1] >= '0' && d[k + 1] <= '9') {
                        k += 2;
                    } else {
                        break;
                    }
                }
                kind = NUMBER;
                i = k;
            } else {
                kind = PUNCT;
                i++;
            }
            t.add(kind, start, i, startLine, line, lineStart, doc);
            lineStart = false;
        }
        t.lines = line;
        return t;
    }

    /** Skips a non-raw string body starting after the opening quote; returns the index after the closing quote. */
    private static int skipString(byte[] d, int i, int end) {
        while (i < end) {
            byte b = d[i];
            if (b == '\\') {
                i += 2;
            } else if (b == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return end;
    }

    /**
     * If a char literal starts at {@code i} (a quote), returns the index after its closing quote, else -1
     * (then it is a lifetime, a label or a stray quote).
     */
    private static int charLiteralEnd(byte[] d, int i, int end) {
        int j = i + 1;
        if (j >= end) {
            return -1;
        }
        if (d[j] == '\\') {
            // escape: '\n', '\'', '\x7f', unicode escapes; bounded so a stray quote cannot swallow a file
            int k = j + 2;
            int limit = Math.min(end, j + 12);
            while (k < limit && d[k] != '\'' && d[k] != '\n') {
                k++;
            }
            return (k < limit && d[k] == '\'') ? k + 1 : -1;
        }
        if (d[j] == '\n' || d[j] == '\'') {
            return -1;
        }
        int n = utf8Length(d[j] & 0xff);
        int close = j + n;
        return (close < end && d[close] == '\'') ? close + 1 : -1;
    }

    /**
     * Recognises literals that start with an identifier-like prefix: {@code r"…"}, {@code r#"…"#}, {@code b"…"},
     * {@code br#"…"#}, {@code c"…"}, {@code cr"…"}, {@code b'x'}. Returns the index after the literal or -1.
     */
    private static int literalWithPrefix(byte[] d, int i, int end) {
        int c = d[i] & 0xff;
        if (c != 'r' && c != 'b' && c != 'c') {
            return -1;
        }
        int j = i + 1;
        if ((c == 'b' || c == 'c') && j < end && d[j] == 'r') {
            j++;
            return rawString(d, j, end);
        }
        if (c == 'r') {
            return rawString(d, j, end);
        }
        if (j < end && d[j] == '"') {
            return skipString(d, j + 1, end);
        }
        if (c == 'b' && j < end && d[j] == '\'') {
            return charLiteralEnd(d, j, end);
        }
        return -1;
    }

    /** {@code j} is just after the {@code r}: counts hashes, requires a quote, finds the matching close. */
    private static int rawString(byte[] d, int j, int end) {
        int hashes = 0;
        while (j < end && d[j] == '#') {
            hashes++;
            j++;
        }
        if (j >= end || d[j] != '"') {
            return -1;
        }
        j++;
        while (j < end) {
            if (d[j] == '"') {
                int k = j + 1;
                int h = 0;
                while (h < hashes && k < end && d[k] == '#') {
                    h++;
                    k++;
                }
                if (h == hashes) {
                    return k;
                }
            }
            j++;
        }
        return end;
    }

    private static int countNewlines(byte[] d, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (d[k] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static int utf8Length(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xf0) {
            return 4;
        }
        if (lead >= 0xe0) {
            return 3;
        }
        return lead >= 0xc0 ? 2 : 1;
    }

    static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(int c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
