package dev.oxmeter.facts;

import static dev.oxmeter.facts.RustLexer.BLOCK_COMMENT;
import static dev.oxmeter.facts.RustLexer.IDENT;
import static dev.oxmeter.facts.RustLexer.LINE_COMMENT;
import static dev.oxmeter.facts.RustLexer.PUNCT;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of one Rust source as {@link RustLexer} splits it: parallel arrays indexed by token number, plus the
 * derived views every scanner needs (the code tokens, their bracket partners), computed on first use and then
 * shared, so the safety and boundary analyses of one blob lex it and index it once.
 *
 * <p>Filled by the lexer, then read only. Confined to one thread (the one analysing the blob); the arrays are
 * shared with callers, who must not modify them.
 */
final class RustTokens {
    final byte[] data;
    int size;
    /** Number of lines of the source (1 for an empty one). */
    int lines;
    byte[] kind;
    int[] start;
    int[] end;
    int[] line;
    int[] endLine;
    /** Bit 0: first token on its line; bit 1: doc comment. */
    byte[] flags;
    private int[] code;
    private int[] partners;

    RustTokens(byte[] data, int capacity) {
        this.data = data;
        kind = new byte[capacity];
        start = new int[capacity];
        end = new int[capacity];
        line = new int[capacity];
        endLine = new int[capacity];
        flags = new byte[capacity];
    }

    void add(byte k, int s, int e, int l, int el, boolean first, boolean doc) {
        if (size == kind.length) {
            int n = size * 2;
            kind = Arrays.copyOf(kind, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            line = Arrays.copyOf(line, n);
            endLine = Arrays.copyOf(endLine, n);
            flags = Arrays.copyOf(flags, n);
        }
        kind[size] = k;
        start[size] = s;
        end[size] = e;
        line[size] = l;
        endLine[size] = el;
        flags[size] = (byte) ((first ? 1 : 0) | (doc ? 2 : 0));
        size++;
    }

    boolean isComment(int i) {
        return kind[i] == LINE_COMMENT || kind[i] == BLOCK_COMMENT;
    }

    boolean isDoc(int i) {
        return (flags[i] & 2) != 0;
    }

    boolean firstOnLine(int i) {
        return (flags[i] & 1) != 0;
    }

    boolean isPunct(int i, char c) {
        return kind[i] == PUNCT && data[start[i]] == c;
    }

    /** Whether token {@code i} is the identifier {@code word} (ASCII). */
    boolean isIdent(int i, String word) {
        if (kind[i] != IDENT || end[i] - start[i] != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (data[start[i] + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether tokens {@code i} and {@code j} touch (no whitespace between them), e.g. the two colons of ::. */
    boolean adjacent(int i, int j) {
        return end[i] == start[j];
    }

    String text(int i) {
        return new String(data, start[i], end[i] - start[i], StandardCharsets.UTF_8);
    }

    /** Indexes of the tokens that are not comments, in order; computed once. */
    int[] code() {
        if (code == null) {
            int n = 0;
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                if (!isComment(i)) {
                    out[n++] = i;
                }
            }
            code = Arrays.copyOf(out, n);
        }
        return code;
    }

    /**
     * For each code token that is a bracket, the index (into {@link #code()}) of its partner, else -1; computed
     * once. Unbalanced brackets stay -1; a mismatched closer does not disturb the stack below the matching opener.
     */
    int[] partners() {
        if (partners == null) {
            partners = computePartners(code());
        }
        return partners;
    }

    private int[] computePartners(int[] code) {
        int[] partner = new int[code.length];
        Arrays.fill(partner, -1);
        int[] stack = new int[64];
        int sp = 0;
        for (int p = 0; p < code.length; p++) {
            int i = code[p];
            if (kind[i] != PUNCT) {
                continue;
            }
            byte b = data[start[i]];
            if (b == '(' || b == '[' || b == '{') {
                if (sp == stack.length) {
                    stack = Arrays.copyOf(stack, sp * 2);
                }
                stack[sp++] = p;
            } else if (b == ')' || b == ']' || b == '}') {
                byte open = b == ')' ? (byte) '(' : b == ']' ? (byte) '[' : (byte) '{';
                for (int s = sp - 1; s >= 0; s--) {
                    if (data[start[code[stack[s]]]] == open) {
                        partner[p] = stack[s];
                        partner[stack[s]] = p;
                        sp = s;
                        break;
                    }
                }
            }
        }
        return partner;
    }
}
