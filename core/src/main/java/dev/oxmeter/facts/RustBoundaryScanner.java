package dev.oxmeter.facts;

import static dev.oxmeter.facts.RustLexer.IDENT;
import static dev.oxmeter.facts.RustLexer.STRING;

import java.nio.charset.StandardCharsets;

/**
 * Counts where a Rust file touches C: {@code bindings::} paths (bindgen output, how kernel Rust calls C),
 * {@code extern "C"} blocks (C functions declared by hand), {@code extern "C" fn} definitions (Rust called from
 * C) and {@code #[no_mangle]} / {@code #[unsafe(no_mangle)]} items (symbols exported to C).
 *
 * <p>Rules: code tokens only (the {@link RustLexer} skips comments and literals). {@code bindings::} counts
 * every occurrence of the identifier {@code bindings} followed by {@code ::}, whatever precedes it
 * ({@code kernel::bindings::x}, {@code crate::bindings::x}, {@code use bindings::{a, b}} each count once).
 * An extern ABI counts as C when it is absent (Rust's default is "C"), {@code "C"}, {@code "C-unwind"},
 * {@code "system"} or {@code "system-unwind"} (C's convention of the platform); other ABIs ({@code "rust-call"},
 * {@code "rust-intrinsic"}) are not counted. An extern block counts with or without {@code unsafe}
 * ({@link #isExternBlock}, the rule {@link RustSafetyScanner} counts them by too). {@code extern crate} is not a
 * block. A function
 * pointer type ({@code extern "C" fn(}) is not a definition. Stateless and thread-safe; O(n).
 */
public final class RustBoundaryScanner {
    private RustBoundaryScanner() {
    }

    /** Scans {@code len} bytes of {@code data} from {@code off} (UTF-8 Rust source). */
    public static RustBoundaryReport scan(byte[] data, int off, int len) {
        return scan(RustLexer.lex(data, off, len));
    }

    /** Scans a whole source text; convenience for tests and tools. */
    public static RustBoundaryReport scan(String source) {
        byte[] b = source.getBytes(StandardCharsets.UTF_8);
        return scan(b, 0, b.length);
    }

    static RustBoundaryReport scan(RustTokens t) {
        int[] code = t.code();
        int bindings = 0;
        int blocks = 0;
        int fns = 0;
        int noMangle = 0;
        for (int p = 0; p < code.length; p++) {
            int i = code[p];
            if (t.kind[i] != IDENT && !t.isPunct(i, '#')) {
                continue;
            }
            if (t.isIdent(i, "bindings")) {
                if (p + 2 < code.length && t.isPunct(code[p + 1], ':') && t.isPunct(code[p + 2], ':')
                        && t.adjacent(code[p + 1], code[p + 2])) {
                    bindings++;
                }
            } else if (isExternBlock(t, code, p)) {
                blocks++;
            } else if (t.isIdent(i, "extern")) {
                int q = p + 1;
                boolean c = true;
                if (q < code.length && t.kind[code[q]] == STRING) {
                    c = isCAbi(t.text(code[q]));
                    q++;
                }
                if (!c || q >= code.length) {
                    continue;
                }
                if (t.isIdent(code[q], "fn") && q + 1 < code.length && t.kind[code[q + 1]] == IDENT) {
                    fns++;
                }
            } else if (t.isPunct(i, '#') && p + 3 < code.length && t.isPunct(code[p + 1], '[')) {
                int q = p + 2;
                if (t.isIdent(code[q], "no_mangle") && t.isPunct(code[q + 1], ']')) {
                    noMangle++;
                } else if (t.isIdent(code[q], "unsafe") && p + 6 < code.length && t.isPunct(code[q + 1], '(')
                        && t.isIdent(code[q + 2], "no_mangle") && t.isPunct(code[q + 3], ')')
                        && t.isPunct(code[q + 4], ']')) {
                    noMangle++;
                }
            }
        }
        return new RustBoundaryReport(bindings, blocks, fns, noMangle);
    }

    /**
     * Whether the code token at index {@code p} of {@code code} opens an extern block of a C ABI:
     * {@code extern {}, {@code extern "C" {} and the other C ABIs, whether or not {@code unsafe} precedes it.
     * The one definition of an extern block, shared by the safety and boundary analyses.
     */
    static boolean isExternBlock(RustTokens t, int[] code, int p) {
        if (!t.isIdent(code[p], "extern")) {
            return false;
        }
        int q = p + 1;
        if (q < code.length && t.kind[code[q]] == STRING) {
            if (!isCAbi(t.text(code[q]))) {
                return false;
            }
            q++;
        }
        return q < code.length && t.isPunct(code[q], '{');
    }

    private static boolean isCAbi(String literal) {
        return literal.equals("\"C\"") || literal.equals("\"C-unwind\"") || literal.equals("\"system\"")
                || literal.equals("\"system-unwind\"");
    }
}
