package dev.oxmeter.language;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether a {@code .h} file is C++ from its first bytes: C++ when a token that C never has appears outside
 * comments, strings, preprocessor lines and {@code #if __cplusplus} branches (see docs/counting.md). Reads the
 * tokens of {@link CLexer}, the tokenizer the helper scanner reads too. Stateless; linear in the bytes looked at,
 * and stops at the first evidence.
 */
final class HeaderSniffer {
    /** How many bytes are worth looking at; a header that shows no C++ this early is counted as C. */
    static final int LIMIT = 64 * 1024;
    private static final int MAX_IF_DEPTH = 64;

    private HeaderSniffer() {
    }

    static boolean isCpp(byte[] d, int len) {
        return new Reading(d, Math.min(Math.min(len, d.length), LIMIT)).isCpp();
    }

    /** One header's reading: the state of the #if stack and of the evidence so far. */
    private static final class Reading {
        private final byte[] d;
        private final int end;
        // cppOnly[k]: the current branch at #if depth k is only seen by C++ compilers; flip[k]: #else enters it.
        private final boolean[] cppOnly = new boolean[MAX_IF_DEPTH];
        private final boolean[] flip = new boolean[MAX_IF_DEPTH];
        private final Set<String> cppMacros = new HashSet<>();
        // C++ seen only in "#if __cplusplus" branches: a C header that also serves C++ (it has code outside
        // them), or a C++ header wrapped whole in "#if __cplusplus >= 201103L" (it has not).
        private boolean weak;
        private boolean codeOutside;
        private int depth;
        private int skipping; // number of levels whose current branch is C++-only
        private boolean lineHasToken;
        private int prevWordStart = -1;
        private int prevWordLen;

        Reading(byte[] d, int end) {
            this.d = d;
            this.end = end;
        }

        /**
         * Reads the tokens of {@link CLexer} up to the first C++ evidence outside {@code __cplusplus} branches.
         * Where this reading has always differed from the tokenizer's, it keeps its own, so that a header is
         * classified as before: a preprocessor line and a {@code //} comment end at the first newline not
         * preceded by a backslash (even inside a block comment; the rest is read as code), a backslash or vertical
         * tab outside tokens is punctuation (a {@code #} after one on its line is no directive), and {@code $}
         * and digits separate words.
         */
        boolean isCpp() {
            CLexer lexer = new CLexer(d, 0, end);
            int pos = 0; // the bytes before pos are read
            while (lexer.next()) {
                int s = lexer.start();
                int e = lexer.end();
                if (s < pos) {
                    if (e > pos) {
                        lexer.seek(pos, true); // pos is a newline: read on from there
                    }
                    continue;
                }
                for (int k = pos; k < s; k++) {
                    byte b = d[k];
                    if (b == '\n') {
                        lineHasToken = false;
                    } else if (b == '\\' || b == 0x0b) {
                        punct(b);
                    }
                }
                byte kind = lexer.kind();
                if (kind == CLexer.DIRECTIVE && lineHasToken) {
                    punct((byte) '#');
                    pos = s + 1;
                    lexer.seek(pos, false);
                    continue;
                }
                switch (kind) {
                    case CLexer.LINE_COMMENT -> pos = skipLine(d, s, end);
                    case CLexer.BLOCK_COMMENT -> pos = e;
                    case CLexer.DIRECTIVE -> {
                        if (directive(s)) {
                            return true;
                        }
                        pos = skipLine(d, s, end); // macro bodies are not evidence either way
                    }
                    case CLexer.STRING, CLexer.CHAR -> {
                        lineHasToken = true;
                        pos = e;
                    }
                    case CLexer.IDENT, CLexer.NUMBER -> {
                        if (words(s, e)) {
                            return true;
                        }
                        pos = e;
                    }
                    default -> {
                        punct(d[s]);
                        pos = e;
                    }
                }
                if (pos < e) {
                    lexer.seek(pos, true);
                }
            }
            return weak && !codeOutside;
        }

        private void punct(byte b) {
            lineHasToken = true;
            prevWordStart = -1; // punctuation separates words (x.class, p->class)
            if (b == '.' || b == '>') {
                prevWordStart = -2;
            }
        }

        /** Reads the words of an identifier or number token {@code d[s,e)}; true on C++ evidence outside branches. */
        private boolean words(int s, int e) {
            int i = s;
            while (i < e) {
                byte b = d[i];
                if (!isIdentStart(b)) {
                    punct(b);
                    i++;
                    continue;
                }
                int q = wordEnd(d, i, end);
                if (cppWord(d, i, q, end, lineHasToken, prevWordStart, prevWordLen)) {
                    if (skipping == 0) {
                        return true;
                    }
                    weak = true;
                } else if (skipping == 0) {
                    codeOutside = true;
                }
                prevWordStart = i;
                prevWordLen = q - i;
                lineHasToken = true;
                i = q;
            }
            return false;
        }

        /** Reads the preprocessor line starting at {@code i}; true on C++ evidence outside branches. */
        private boolean directive(int i) {
            int p = skipBlanks(d, i + 1, end);
            int q = wordEnd(d, p, end);
            int lineEnd = skipLine(d, i, end);
            if (is(d, p, q, "include")) {
                int r = skipBlanks(d, q, end);
                if (r < end && d[r] == '<') {
                    int s = r + 1;
                    boolean dot = false;
                    while (s < end && d[s] != '>' && d[s] != '\n') {
                        dot |= d[s] == '.';
                        s++;
                    }
                    if (s < end && d[s] == '>' && !dot && s > r + 1) {
                        if (skipping == 0) {
                            return true; // <iostream>, <vector>, <cstdio>
                        }
                        weak = true;
                    }
                }
            } else if (is(d, p, q, "define") && skipping > 0) {
                // glibc: "#if defined __cplusplus ... # define __CORRECT_ISO_CPP_STRING_H_PROTO" then
                // "#ifdef __CORRECT_ISO_CPP_STRING_H_PROTO": the macro stands for __cplusplus.
                int r = skipBlanks(d, q, end);
                int e = wordEnd(d, r, end);
                if (e > r) {
                    cppMacros.add(new String(d, r, e - r, StandardCharsets.ISO_8859_1));
                }
            } else if (is(d, p, q, "if") || is(d, p, q, "ifdef") || is(d, p, q, "ifndef")) {
                if (depth < MAX_IF_DEPTH) {
                    int test = cplusplusTest(d, q, lineEnd, is(d, p, q, "ifndef"), cppMacros);
                    cppOnly[depth] = test > 0;
                    flip[depth] = test != 0;
                    if (cppOnly[depth]) {
                        skipping++;
                    }
                }
                depth++;
            } else if (is(d, p, q, "elif") && depth > 0 && depth <= MAX_IF_DEPTH) {
                int k = depth - 1;
                if (cppOnly[k]) {
                    skipping--;
                }
                int test = cplusplusTest(d, q, lineEnd, false, cppMacros);
                cppOnly[k] = test > 0;
                flip[k] = test != 0;
                if (cppOnly[k]) {
                    skipping++;
                }
            } else if (is(d, p, q, "else") && depth > 0 && depth <= MAX_IF_DEPTH) {
                int k = depth - 1;
                if (flip[k]) {
                    if (cppOnly[k]) {
                        skipping--;
                    }
                    cppOnly[k] = !cppOnly[k];
                    if (cppOnly[k]) {
                        skipping++;
                    }
                }
            } else if (is(d, p, q, "endif") && depth > 0) {
                depth--;
                if (depth < MAX_IF_DEPTH && cppOnly[depth]) {
                    skipping--;
                }
                if (depth < MAX_IF_DEPTH) {
                    cppOnly[depth] = false;
                    flip[depth] = false;
                }
            }
            return false;
        }
    }

    /** Whether the identifier {@code d[p,q)} starts a C++-only construct. */
    private static boolean cppWord(byte[] d, int p, int q, int end, boolean lineHasToken, int prevStart,
                                   int prevLen) {
        int n = skipBlanksAndNewlines(d, q, end);
        byte next = n < end ? d[n] : 0;
        if (is(d, p, q, "namespace")) {
            return next == '{' || isIdentStart(next);
        }
        if (is(d, p, q, "template")) {
            return next == '<';
        }
        if (is(d, p, q, "std")) {
            return next == ':' && n + 1 < end && d[n + 1] == ':';
        }
        if (is(d, p, q, "extern")) {
            return next == '"' && n + 4 < end && d[n + 1] == 'C' && d[n + 2] == '+' && d[n + 3] == '+';
        }
        if (is(d, p, q, "public") || is(d, p, q, "private") || is(d, p, q, "protected")) {
            // An access specifier starts its line; "unsigned private : 1" is a C bit-field.
            return !lineHasToken && next == ':' && !(n + 1 < end && d[n + 1] == ':');
        }
        if (is(d, p, q, "class")) {
            if (prevStart == -2 || prevStart >= 0 && (is(d, prevStart, prevStart + prevLen, "struct")
                    || is(d, prevStart, prevStart + prevLen, "union") || is(d, prevStart, prevStart + prevLen, "enum"))) {
                return false; // p->class, s.class, struct class
            }
            if (!isIdentStart(next)) {
                return false;
            }
            int nameEnd = wordEnd(d, n, end);
            int a = skipBlanksAndNewlines(d, nameEnd, end);
            if (a >= end) {
                return false;
            }
            if (d[a] == '{') {
                return true;
            }
            if (d[a] == ':') {
                return !(a + 1 < end && d[a + 1] == ':');
            }
            return is(d, a, wordEnd(d, a, end), "final");
        }
        return false;
    }

    /**
     * How a conditional directive's condition relates to C++: +1 when its branch is C++-only
     * ({@code #ifdef __cplusplus}, {@code #if X && defined __cplusplus}), -1 when its {@code #else} branch is
     * ({@code #ifndef __cplusplus}, {@code #if !defined __cplusplus || X}), 0 when neither can be told. Macros
     * defined only in C++ branches count as {@code __cplusplus}.
     */
    private static int cplusplusTest(byte[] d, int from, int to, boolean ifndef, Set<String> cppMacros) {
        int depth = 0;
        boolean topOr = false, topAnd = false;
        int term = 0; // +1 positive, -1 negated top-level __cplusplus term
        for (int k = from; k < to; k++) {
            byte c = d[k];
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && k + 1 < to && (c == '|' || c == '&') && d[k + 1] == c) {
                topOr |= c == '|';
                topAnd |= c == '&';
                k++;
            } else if (isIdentStart(c) && (k == from || !isIdent(d[k - 1]))) {
                int e = wordEnd(d, k, to);
                if (term != 0 || !(is(d, k, e, "__cplusplus")
                        || !cppMacros.isEmpty() && cppMacros.contains(new String(d, k, e - k, StandardCharsets.ISO_8859_1)))) {
                    k = e - 1;
                    continue;
                }
                int j = k - 1, parens = 0;
                while (j >= from && (d[j] == ' ' || d[j] == '\t' || d[j] == '(')) {
                    parens += d[j] == '(' ? 1 : 0;
                    j--;
                }
                int own = 0; // parentheses that belong to defined(...)
                if (j >= from + 6 && is(d, j - 6, j + 1, "defined")) {
                    own = parens;
                    j -= 7;
                    while (j >= from && (d[j] == ' ' || d[j] == '\t')) {
                        j--;
                    }
                }
                if (depth - own == 0) {
                    term = ifndef || j >= from && d[j] == '!' ? -1 : 1;
                }
                k = e - 1;
            }
        }
        if (term == 0 || topOr && topAnd) {
            return 0;
        }
        if (topAnd) {
            return term > 0 ? 1 : 0;
        }
        if (topOr) {
            return term < 0 ? -1 : 0;
        }
        return term;
    }

    private static int skipLine(byte[] d, int i, int end) {
        while (i < end && d[i] != '\n') {
            if (d[i] == '\\' && i + 1 < end && d[i + 1] == '\n') {
                i += 2;
                continue;
            }
            i++;
        }
        return i;
    }

    private static int skipBlanks(byte[] d, int i, int end) {
        while (i < end && (d[i] == ' ' || d[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipBlanksAndNewlines(byte[] d, int i, int end) {
        while (i < end && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int wordEnd(byte[] d, int i, int end) {
        while (i < end && isIdent(d[i])) {
            i++;
        }
        return i;
    }

    private static boolean is(byte[] d, int p, int q, String w) {
        if (q - p != w.length()) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            if (d[p + k] != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentStart(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_';
    }

    private static boolean isIdent(byte b) {
        return isIdentStart(b) || b >= '0' && b <= '9';
    }
}
