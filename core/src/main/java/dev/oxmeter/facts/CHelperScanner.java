package dev.oxmeter.facts;

import dev.oxmeter.language.CTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * <p>Tokens are those of {@link CTokens}, the tokenizer the {@code .h} sniffer reads too. Cost: a byte search for
 * {@code rust_helper_} first; only files that contain it are tokenized (O(n)).
 * Stateless and thread-safe.
 */
public final class CHelperScanner {
    /** The name prefix bindgen binds and Rust strips. */
    public static final String PREFIX = "rust_helper_";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final String ANNOTATION = "__rust_helper";

    private CHelperScanner() {
    }

    /** Scans {@code len} bytes of {@code data} from {@code off}. */
    public static CHelperReport scan(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " length=" + data.length);
        }
        if (!containsPrefix(data, off, off + len)) {
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

    /** How far the search may jump when a byte ends the window (Horspool): the needle's length when absent. */
    private static final int[] SKIP = new int[256];

    static {
        java.util.Arrays.fill(SKIP, PREFIX_BYTES.length);
        for (int i = 0; i < PREFIX_BYTES.length - 1; i++) {
            SKIP[PREFIX_BYTES[i] & 0xff] = PREFIX_BYTES.length - 1 - i;
        }
    }

    /**
     * The fast path, run on every C file: is {@link #PREFIX} anywhere in {@code d[from, to)}? Horspool's search
     * looks at about one byte in ten of plain C (a search on the first byte stopped at every 'r').
     */
    static boolean containsPrefix(byte[] d, int from, int to) {
        byte[] needle = PREFIX_BYTES;
        int n = needle.length;
        byte lastByte = needle[n - 1];
        for (int end = from + n - 1; end < to; ) {
            byte b = d[end];
            if (b == lastByte) {
                int i = n - 2;
                int at = end - 1;
                while (i >= 0 && d[at] == needle[i]) {
                    i--;
                    at--;
                }
                if (i < 0) {
                    return true;
                }
            }
            end += SKIP[b & 0xff];
        }
        return false;
    }

    /** Matches over the code tokens (comments left out) of one source; per call. */
    private static final class Pass {
        private final CTokens t;
        /** Token indexes of the code tokens, blanks and comments left out. */
        private final int[] code;
        private final int size;

        Pass(byte[] d, int from, int to) {
            this.t = CTokens.lex(d, from, to);
            this.code = t.code();
            this.size = code.length;
        }

        CHelperReport run() {
            List<CHelper> helpers = new ArrayList<>();
            int exports = 0;
            for (int p = 0; p < size; p++) {
                if (kind(p) != CTokens.IDENT) {
                    continue;
                }
                if (isHelperName(p) && p + 1 < size && isPunct(p + 1, '(')) {
                    if (isDefinition(p + 1)) {
                        helpers.add(new CHelper(t.text(code[p]), t.line(code[p]), annotated(p)));
                    }
                } else if ((is(p, "EXPORT_SYMBOL_GPL") || is(p, "EXPORT_SYMBOL")) && p + 2 < size
                        && isPunct(p + 1, '(') && isHelperName(p + 2)) {
                    exports++;
                }
            }
            return new CHelperReport(helpers, exports);
        }

        private byte kind(int p) {
            return t.kind(code[p]);
        }

        /** p is the '(' after a helper name: after the balanced list and attribute macros, is there a '{'? */
        private boolean isDefinition(int p) {
            int q = skipParens(p);
            while (q < size && kind(q) == CTokens.IDENT) {
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
                if (kind(q) == CTokens.DIRECTIVE || isPunct(q, ';') || isPunct(q, '{') || isPunct(q, '}')) {
                    return false;
                }
                if (is(q, ANNOTATION)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isHelperName(int p) {
            int i = code[p];
            if (t.kind(i) != CTokens.IDENT || t.end(i) - t.start(i) <= PREFIX_BYTES.length) {
                return false;
            }
            byte[] d = t.data();
            for (int j = 0; j < PREFIX_BYTES.length; j++) {
                if (d[t.start(i) + j] != PREFIX_BYTES[j]) {
                    return false;
                }
            }
            return true;
        }

        private boolean is(int p, String word) {
            return t.isIdent(code[p], word);
        }

        private boolean isPunct(int p, char c) {
            return t.isPunct(code[p], c);
        }
    }
}
