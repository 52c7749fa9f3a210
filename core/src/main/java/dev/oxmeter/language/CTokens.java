package dev.oxmeter.language;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of C or C++ source as {@link CLexer} splits it, in parallel arrays indexed by token number, for
 * analyses that look back and forth (the helper scanner).
 *
 * <p>Cost: one pass, O(n), a few ints per token. Filled once by {@link #lex}, then only read: safe to share once
 * built.
 */
public final class CTokens {
    public static final byte IDENT = CLexer.IDENT;
    public static final byte NUMBER = CLexer.NUMBER;
    public static final byte STRING = CLexer.STRING;
    public static final byte CHAR = CLexer.CHAR;
    public static final byte PUNCT = CLexer.PUNCT;
    public static final byte DIRECTIVE = CLexer.DIRECTIVE;
    public static final byte LINE_COMMENT = CLexer.LINE_COMMENT;
    public static final byte BLOCK_COMMENT = CLexer.BLOCK_COMMENT;

    private final byte[] data;
    private int size;
    private byte[] kind;
    private int[] start;
    private int[] end;
    private int[] line;

    private CTokens(byte[] data, int capacity) {
        this.data = data;
        kind = new byte[capacity];
        start = new int[capacity];
        end = new int[capacity];
        line = new int[capacity];
    }

    /** Tokenizes {@code data[from, to)}; the array is referenced, not copied. */
    public static CTokens lex(byte[] data, int from, int to) {
        CLexer lexer = new CLexer(data, from, to);
        CTokens t = new CTokens(data, Math.max(16, (to - from) / 4));
        while (lexer.next()) {
            t.add(lexer.kind(), lexer.start(), lexer.end(), lexer.line());
        }
        return t;
    }

    private void add(byte k, int s, int e, int l) {
        if (size == kind.length) {
            int n = size * 2;
            kind = Arrays.copyOf(kind, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            line = Arrays.copyOf(line, n);
        }
        kind[size] = k;
        start[size] = s;
        end[size] = e;
        line[size] = l;
        size++;
    }

    /** The source the tokens index into. */
    public byte[] data() {
        return data;
    }

    public int size() {
        return size;
    }

    public byte kind(int i) {
        return kind[i];
    }

    /** Index of token {@code i}'s first byte in {@link #data()}. */
    public int start(int i) {
        return start[i];
    }

    /** Index after token {@code i}'s last byte. */
    public int end(int i) {
        return end[i];
    }

    /** 1-based line of token {@code i}'s first byte. */
    public int line(int i) {
        return line[i];
    }

    public boolean isComment(int i) {
        return kind[i] == LINE_COMMENT || kind[i] == BLOCK_COMMENT;
    }

    /** Whether token {@code i} is the punctuation {@code c}. */
    public boolean isPunct(int i, char c) {
        return kind[i] == PUNCT && data[start[i]] == c;
    }

    /** Whether token {@code i} is the identifier {@code word} (ASCII). */
    public boolean isIdent(int i, String word) {
        if (kind[i] != IDENT || end[i] - start[i] != word.length()) {
            return false;
        }
        for (int j = 0; j < word.length(); j++) {
            if (data[start[i] + j] != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Token {@code i}'s bytes as text (ISO-8859-1: one char per byte, so never a decoding error). */
    public String text(int i) {
        return new String(data, start[i], end[i] - start[i], StandardCharsets.ISO_8859_1);
    }

    /** The indexes of the tokens that are not comments, in order. */
    public int[] code() {
        int n = 0;
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            if (!isComment(i)) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
