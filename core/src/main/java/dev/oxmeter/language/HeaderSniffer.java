package dev.oxmeter.language;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether a {@code .h} file is C++ from its first bytes: C++ when a token that C never has appears outside
 * comments, strings, preprocessor lines and {@code #if __cplusplus} branches (see docs/counting.md). Stateless;
 * linear in the bytes looked at.
 */
final class HeaderSniffer {
    /** How many bytes are worth looking at; a header that shows no C++ this early is counted as C. */
    static final int LIMIT = 64 * 1024;
    private static final int MAX_IF_DEPTH = 64;

    private HeaderSniffer() {
    }

    static boolean isCpp(byte[] d, int len) {
        int end = Math.min(Math.min(len, d.length), LIMIT);
        // cppOnly[k]: the current branch at #if depth k is only seen by C++ compilers; flip[k]: #else enters it.
        boolean[] cppOnly = new boolean[MAX_IF_DEPTH];
        boolean[] flip = new boolean[MAX_IF_DEPTH];
        Set<String> cppMacros = new HashSet<>();
        // C++ seen only in "#if __cplusplus" branches: a C header that also serves C++ (it has code outside
        // them), or a C++ header wrapped whole in "#if __cplusplus >= 201103L" (it has not).
        boolean weak = false, codeOutside = false;
        int depth = 0;
        int skipping = 0; // number of levels whose current branch is C++-only
        boolean lineHasToken = false;
        int prevWordStart = -1, prevWordLen = 0;
        int i = 0;
        while (i < end) {
            byte b = d[i];
            if (b == '\n') {
                lineHasToken = false;
                i++;
                continue;
            }
            if (b == ' ' || b == '\t' || b == '\r' || b == '\f') {
                i++;
                continue;
            }
            if (b == '/' && i + 1 < end && d[i + 1] == '/') {
                i = skipLine(d, i, end);
                continue;
            }
            if (b == '/' && i + 1 < end && d[i + 1] == '*') {
                i = skipBlock(d, i + 2, end);
                continue;
            }
            if (b == '#' && !lineHasToken) {
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
                i = lineEnd; // macro bodies are not evidence either way
                continue;
            }
            if (b == '"' || b == '\'') {
                i = skipQuoted(d, i, end, b);
                lineHasToken = true;
                continue;
            }
            if (isIdentStart(b)) {
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
                continue;
            }
            lineHasToken = true;
            if (b != ' ') {
                prevWordStart = -1; // punctuation separates words (x.class, p->class)
                if (b == '.' || b == '>') {
                    prevWordStart = -2;
                }
            }
            i++;
        }
        return weak && !codeOutside;
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

    private static int skipBlock(byte[] d, int i, int end) {
        while (i + 1 < end && !(d[i] == '*' && d[i + 1] == '/')) {
            i++;
        }
        return Math.min(i + 2, end);
    }

    private static int skipQuoted(byte[] d, int i, int end, byte q) {
        i++;
        while (i < end && d[i] != q && d[i] != '\n') {
            i += d[i] == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, end);
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
