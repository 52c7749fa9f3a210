package dev.oxmeter.language;

/**
 * The one C tokenizer, as a cursor: the {@code .h} sniffer (C or C++ header) pulls tokens from it and may stop at
 * the first evidence; {@link CTokens} collects them for the helper scanner ({@code rust_helper_*} definitions).
 *
 * <p><b>Rules.</b> Blanks are space, tab, CR, form feed, vertical tab and a backslash (outside a directive it can
 * only continue a line); they make no token. {@code //} comments run to the end of their line; {@code /* *}{@code /}
 * comments do not nest. A {@code #} that is the first token of its line starts a {@link #DIRECTIVE}, which runs
 * to the first newline not continued by a backslash ({@code \}⏎ or {@code \}CR⏎), comments inside it included,
 * so a macro body is one token. {@code "…"} and {@code '…'} end at their closing quote or at the end of their line
 * (an unterminated quote takes the newline with it, so the next line starts no directive); a backslash escapes
 * the next byte, a newline included. Identifiers are {@code [A-Za-z_$][A-Za-z0-9_$]*}; a number is a digit
 * followed by identifier characters and dots; any other byte is one {@link #PUNCT} token. Comments are tokens
 * too (analyses skip them); line numbers are 1-based and count every newline.
 *
 * <p>Never fails: unterminated constructs end at the end of the input. Cost: O(n) over the bytes it is asked to
 * read, no allocation. Not thread-safe: one cursor per reader; the array is referenced, never modified.
 */
public final class CLexer {
    public static final byte IDENT = 1;
    public static final byte NUMBER = 2;
    public static final byte STRING = 3;
    public static final byte CHAR = 4;
    public static final byte PUNCT = 5;
    public static final byte DIRECTIVE = 6;
    public static final byte LINE_COMMENT = 7;
    public static final byte BLOCK_COMMENT = 8;

    private final byte[] d;
    private final int to;
    private int i;
    private int ln;
    private boolean lineStart;
    private byte kind;
    private int start;
    private int end;
    private int line;

    /** A cursor over {@code data[from, to)}, {@code from} at the start of line 1. */
    public CLexer(byte[] data, int from, int to) {
        if (from < 0 || from > to || to > data.length) {
            throw new IndexOutOfBoundsException("from=" + from + " to=" + to + " length=" + data.length);
        }
        this.d = data;
        this.to = to;
        this.i = from;
        this.ln = 1;
        this.lineStart = true;
    }

    /**
     * Moves the cursor to {@code position} (at most the end), which reads as the start of a line or not: a reader
     * that reads some bytes its own way resumes the tokens after them. Line numbers continue from the current one
     * plus the newlines skipped when moving forward.
     */
    public void seek(int position, boolean atLineStart) {
        if (position < 0 || position > to) {
            throw new IndexOutOfBoundsException("position=" + position + " end=" + to);
        }
        if (position > i) {
            ln += newlines(d, i, position);
        } else {
            ln -= newlines(d, position, i);
        }
        i = position;
        lineStart = atLineStart;
    }

    /** Reads the next token; false at the end of the input. */
    public boolean next() {
        byte[] d = this.d;
        while (i < to) {
            int c = d[i] & 0xff;
            if (c == '\n') {
                ln++;
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b || c == '\\') {
                i++;
                continue;
            }
            start = i;
            line = ln;
            if (c == '/' && i + 1 < to && d[i + 1] == '/') {
                i = lineEnd(d, i, to);
                end = i;
                kind = LINE_COMMENT;
                return true; // a comment is a blank: the line may still start a directive
            }
            if (c == '/' && i + 1 < to && d[i + 1] == '*') {
                int j = blockCommentEnd(d, i + 2, to);
                ln += newlines(d, i, j);
                i = j;
                end = i;
                kind = BLOCK_COMMENT;
                return true;
            }
            if (c == '#' && lineStart) {
                // comments inside a directive are skipped so that a /* … */ spanning lines neither ends it early
                // nor leaks into code
                while (i < to && d[i] != '\n') {
                    if (d[i] == '\\' && i + 1 < to && d[i + 1] == '\n') {
                        ln++;
                        i += 2;
                    } else if (d[i] == '\\' && i + 2 < to && d[i + 1] == '\r' && d[i + 2] == '\n') {
                        ln++;
                        i += 3;
                    } else if (d[i] == '/' && i + 1 < to && d[i + 1] == '*') {
                        int j = blockCommentEnd(d, i + 2, to);
                        ln += newlines(d, i, j);
                        i = j;
                    } else if (d[i] == '/' && i + 1 < to && d[i + 1] == '/') {
                        i = lineEnd(d, i, to);
                    } else {
                        i++;
                    }
                }
                kind = DIRECTIVE;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < to && d[i] != c && d[i] != '\n') {
                    i += (d[i] == '\\' && i + 1 < to) ? 2 : 1;
                }
                i = Math.min(to, i + 1);
                ln += newlines(d, start, i);
                kind = c == '"' ? STRING : CHAR;
            } else if (isIdentStart(c)) {
                while (i < to && isIdentPart(d[i] & 0xff)) {
                    i++;
                }
                kind = IDENT;
            } else if (c >= '0' && c <= '9') {
                while (i < to && (isIdentPart(d[i] & 0xff) || d[i] == '.')) {
                    i++;
                }
                kind = NUMBER;
            } else {
                i++;
                kind = PUNCT;
            }
            end = i;
            lineStart = false;
            return true;
        }
        return false;
    }

    /** The kind of the token {@link #next()} read. */
    public byte kind() {
        return kind;
    }

    /** Index of its first byte. */
    public int start() {
        return start;
    }

    /** Index after its last byte. */
    public int end() {
        return end;
    }

    /** 1-based line of its first byte. */
    public int line() {
        return line;
    }

    private static int lineEnd(byte[] d, int i, int to) {
        while (i < to && d[i] != '\n') {
            i++;
        }
        return i;
    }

    /** From just after the opening {@code /*}: the index after the closing {@code *}{@code /}, or {@code to}. */
    private static int blockCommentEnd(byte[] d, int j, int to) {
        while (j < to && !(d[j] == '*' && j + 1 < to && d[j + 1] == '/')) {
            j++;
        }
        return Math.min(to, j + 2);
    }

    private static int newlines(byte[] d, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (d[k] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code c} may start an identifier: ASCII letters, {@code _} and {@code $} (a GNU C extension). */
    public static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    public static boolean isIdentPart(int c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
