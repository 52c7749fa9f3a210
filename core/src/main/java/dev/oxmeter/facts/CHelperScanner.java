package dev.oxmeter.facts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the kernel's Rust helpers in C source: definitions of {@code rust_helper_<name>} functions, whether each
 * carries the {@code __rust_helper} annotation, and {@code EXPORT_SYMBOL_GPL(rust_helper_…)} lines.
 *
 * <p><b>Definition.</b> An identifier starting with {@code rust_helper_}, followed by a parenthesised parameter
 * list, optionally by attribute-like macros ({@code __acquires(lock)}), and then by {@code {}. Prototypes
 * (ending in {@code ;}), calls, function pointers and {@code EXPORT_SYMBOL_GPL(rust_helper_x)} are not
 * definitions. The shape of the declaration before the name is free: the return type and any attributes may be
 * on the same line or on lines above ({@code __rust_helper int} ⏎ {@code rust_helper_atomic_read(…)},
 * {@code __rust_helper void *__must_check __realloc_size(2)} ⏎ {@code rust_helper_krealloc_node_align(…)}),
 * and the parameter list may span lines.
 *
 * <p><b>Annotation.</b> A definition is annotated when the identifier {@code __rust_helper} occurs among the
 * tokens of its declaration before the name, i.e. after the previous {@code ;}, {@code {}, {@code }} or
 * preprocessor line.
 *
 * <p><b>Ignored.</b> Comments, string and char literals, and whole preprocessor directives (including
 * {@code #define} bodies with their line continuations), so a macro that pastes {@code rust_helper_##name} is
 * not a definition. {@code #ifdef} lines are boundaries only: helpers inside conditional blocks count.
 *
 * <p><b>Exports.</b> {@code EXPORT_SYMBOL_GPL(rust_helper_x)} and {@code EXPORT_SYMBOL(rust_helper_x)}.
 *
 * <p>Cost: a byte search for {@code rust_helper_} first; only files that contain it are tokenized (O(n)).
 * Stateless and thread-safe.
 */
public final class CHelperScanner {
    /** The name prefix bindgen binds and Rust strips. */
    public static final String PREFIX = "rust_helper_";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final String ANNOTATION = "__rust_helper";

    private static final byte IDENT = 1;
    private static final byte PUNCT = 2;
    private static final byte DIRECTIVE = 3;
    private static final byte OTHER = 4;

    private CHelperScanner() {
    }

    /** Scans {@code len} bytes of {@code data} from {@code off}. */
    public static CHelperReport scan(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " length=" + data.length);
        }
        if (!contains(data, off, off + len, PREFIX_BYTES)) {
            return CHelperReport.EMPTY;
        }
        return new Pass(data, off, off + len).run();
    }

    /** Scans a whole source text; convenience for tests and tools. */
    public static CHelperReport scan(String source) {
        byte[] b = source.getBytes(StandardCharsets.UTF_8);
        return scan(b, 0, b.length);
    }

    /** The helper definitions of {@code len} bytes of {@code data} from {@code off}, in source order. */
    public static List<CHelper> helpers(byte[] data, int off, int len) {
        return scan(data, off, len).helpers();
    }

    /** The fast path: a plain search, first byte then the rest. */
    static boolean contains(byte[] d, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (d[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (d[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Tokenizes then matches; per call. */
    private static final class Pass {
        private final byte[] d;
        private final int from;
        private final int to;
        private int size;
        private byte[] kind = new byte[256];
        private int[] start = new int[256];
        private int[] end = new int[256];
        private int[] line = new int[256];

        Pass(byte[] d, int from, int to) {
            this.d = d;
            this.from = from;
            this.to = to;
        }

        CHelperReport run() {
            lex();
            List<CHelper> helpers = new ArrayList<>();
            int exports = 0;
            for (int p = 0; p < size; p++) {
                if (kind[p] != IDENT) {
                    continue;
                }
                if (isHelperName(p) && p + 1 < size && isPunct(p + 1, '(')) {
                    if (isDefinition(p + 1)) {
                        helpers.add(new CHelper(text(p), line[p], annotated(p)));
                    }
                } else if ((is(p, "EXPORT_SYMBOL_GPL") || is(p, "EXPORT_SYMBOL")) && p + 2 < size
                        && isPunct(p + 1, '(') && isHelperName(p + 2)) {
                    exports++;
                }
            }
            return new CHelperReport(helpers, exports);
        }

        /** p is the '(' after a helper name: after the balanced list and attribute macros, is there a '{'? */
        private boolean isDefinition(int p) {
            int q = skipParens(p);
            while (q < size && kind[q] == IDENT) {
                q++;
                if (q < size && isPunct(q, '(')) {
                    q = skipParens(q);
                }
            }
            return q < size && isPunct(q, '{');
        }

        /** Index after the ')' matching the '(' at p (or size when unbalanced). */
        private int skipParens(int p) {
            int depth = 0;
            for (int q = p; q < size; q++) {
                if (isPunct(q, '(')) {
                    depth++;
                } else if (isPunct(q, ')')) {
                    depth--;
                    if (depth == 0) {
                        return q + 1;
                    }
                } else if (isPunct(q, '{') || isPunct(q, ';')) {
                    return size; // a parameter list holds neither; give up on this candidate
                }
            }
            return size;
        }

        private boolean annotated(int name) {
            for (int q = name - 1; q >= 0; q--) {
                if (kind[q] == DIRECTIVE || isPunct(q, ';') || isPunct(q, '{') || isPunct(q, '}')) {
                    return false;
                }
                if (is(q, ANNOTATION)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isHelperName(int p) {
            if (kind[p] != IDENT || end[p] - start[p] <= PREFIX_BYTES.length) {
                return false;
            }
            for (int j = 0; j < PREFIX_BYTES.length; j++) {
                if (d[start[p] + j] != PREFIX_BYTES[j]) {
                    return false;
                }
            }
            return true;
        }

        private boolean is(int p, String word) {
            if (kind[p] != IDENT || end[p] - start[p] != word.length()) {
                return false;
            }
            for (int j = 0; j < word.length(); j++) {
                if (d[start[p] + j] != word.charAt(j)) {
                    return false;
                }
            }
            return true;
        }

        private boolean isPunct(int p, char c) {
            return kind[p] == PUNCT && d[start[p]] == c;
        }

        private String text(int p) {
            return new String(d, start[p], end[p] - start[p], StandardCharsets.US_ASCII);
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

        private void lex() {
            int i = from;
            int ln = 1;
            boolean lineStart = true;
            while (i < to) {
                int c = d[i] & 0xff;
                if (c == '\n') {
                    ln++;
                    lineStart = true;
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b || c == '\\') {
                    i++; // a backslash outside a directive can only be a line continuation
                } else if (c == '/' && i + 1 < to && d[i + 1] == '/') {
                    while (i < to && d[i] != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < to && d[i + 1] == '*') {
                    int j = i + 2;
                    while (j < to && !(d[j] == '*' && j + 1 < to && d[j + 1] == '/')) {
                        if (d[j] == '\n') {
                            ln++;
                        }
                        j++;
                    }
                    i = Math.min(to, j + 2);
                } else if (c == '#' && lineStart) {
                    int s = i;
                    int startLine = ln;
                    // a directive runs to the first newline not escaped by a backslash; comments inside it are
                    // skipped so a /* … */ spanning lines does not end it early or leak into code
                    while (i < to && d[i] != '\n') {
                        if (d[i] == '\\' && i + 1 < to && d[i + 1] == '\n') {
                            ln++;
                            i += 2;
                        } else if (d[i] == '\\' && i + 2 < to && d[i + 1] == '\r' && d[i + 2] == '\n') {
                            ln++;
                            i += 3;
                        } else if (d[i] == '/' && i + 1 < to && d[i + 1] == '*') {
                            int j = i + 2;
                            while (j < to && !(d[j] == '*' && j + 1 < to && d[j + 1] == '/')) {
                                if (d[j] == '\n') {
                                    ln++;
                                }
                                j++;
                            }
                            i = Math.min(to, j + 2);
                        } else if (d[i] == '/' && i + 1 < to && d[i + 1] == '/') {
                            while (i < to && d[i] != '\n') {
                                i++;
                            }
                        } else {
                            i++;
                        }
                    }
                    add(DIRECTIVE, s, i, startLine);
                    lineStart = false;
                } else if (c == '"' || c == '\'') {
                    int s = i;
                    i++;
                    while (i < to && d[i] != c && d[i] != '\n') {
                        i += (d[i] == '\\' && i + 1 < to) ? 2 : 1;
                    }
                    i = Math.min(to, i + 1);
                    add(OTHER, s, i, ln);
                    lineStart = false;
                } else if (isIdentStart(c)) {
                    int s = i;
                    while (i < to && isIdentPart(d[i] & 0xff)) {
                        i++;
                    }
                    add(IDENT, s, i, ln);
                    lineStart = false;
                } else if (c >= '0' && c <= '9') {
                    int s = i;
                    while (i < to && (isIdentPart(d[i] & 0xff) || d[i] == '.')) {
                        i++;
                    }
                    add(OTHER, s, i, ln);
                    lineStart = false;
                } else {
                    add(PUNCT, i, i + 1, ln);
                    i++;
                    lineStart = false;
                }
            }
        }

        private static boolean isIdentStart(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
        }

        private static boolean isIdentPart(int c) {
            return isIdentStart(c) || (c >= '0' && c <= '9');
        }
    }
}
