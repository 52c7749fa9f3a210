package dev.oxmeter.facts;

import static dev.oxmeter.facts.RustLexer.BLOCK_COMMENT;
import static dev.oxmeter.facts.RustLexer.IDENT;
import static dev.oxmeter.facts.RustLexer.LINE_COMMENT;
import static dev.oxmeter.facts.RustLexer.PUNCT;
import static dev.oxmeter.facts.RustLexer.STRING;

import dev.oxmeter.facts.RustSafetyReport.Kind;
import dev.oxmeter.facts.RustSafetyReport.Site;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds {@code unsafe} sites in Rust source and decides whether each is documented, following the kernel's
 * rules (Documentation/rust/coding-guidelines.rst) as clippy's {@code undocumented_unsafe_blocks} enforces them.
 *
 * <p><b>Sites.</b> {@code unsafe {} } blocks; {@code unsafe fn name} with or without a body (any modifiers:
 * {@code pub}, {@code const}, {@code async}, {@code extern "C"}; trait methods and foreign items included);
 * {@code unsafe impl}; {@code unsafe trait} (and {@code unsafe auto trait}); extern blocks of a C ABI, with or
 * without {@code unsafe} ({@code extern "C" {}}, {@code unsafe extern "C" {}}: the rule of
 * {@link RustBoundaryScanner#isExternBlock}, so both analyses count the same blocks).
 * Not sites: function pointer types ({@code unsafe fn(}, {@code unsafe extern "C" fn(}), unsafe attributes
 * ({@code #[unsafe(no_mangle)]}), anything inside comments or literals. Tokens inside {@code macro_rules!}
 * bodies count like any other code (a macro that expands to {@code unsafe {}} is one site where it is written).
 *
 * <p><b>SAFETY comments</b> (blocks, impls, extern blocks). A comment is a safety comment when its text contains
 * {@code SAFETY:} in any ASCII case (clippy's test). A site is documented when one of these holds:
 * <ol>
 * <li>the token right before {@code unsafe} on the same line is a block comment with {@code SAFETY:}
 *     ({@code /* SAFETY: … *}{@code / unsafe {}}) — an oxmeter extension: clippy requires the line above;</li>
 * <li>walking up from the line of {@code unsafe}, over blank lines, attribute lines ({@code #[…]}, possibly
 *     multi-line) and comment lines, a comment that starts its line contains {@code SAFETY:}. The walk stops at
 *     the first line with code, or with a comment that follows code on its line. Blank lines do not break the
 *     chain (clippy skips them too). {@code SAFETY:} inside a fenced code block of a doc comment does not count;</li>
 * <li>for blocks only, the same walk from the start of the enclosing statement or expression (the {@code let},
 *     the call {@code foo(} of {@code foo(unsafe {…})}, the arm of a {@code match}; clippy's
 *     {@code accept-comment-above-statement}, on by default), unless that statement starts with {@code if},
 *     {@code match}, {@code while}, {@code for} or {@code loop} (clippy's "branchy" exception).</li>
 * </ol>
 * A comment above a line that also holds the {@code fn} keyword before the block ({@code fn f() { unsafe {…} }})
 * documents the function, not the block, as in clippy.
 *
 * <p><b># Safety sections</b> (unsafe fns and traits): documented when the outer doc comment attached to the item
 * ({@code ///} lines or {@code /** *}{@code /} blocks above it, across attributes, plain comments and blank lines)
 * has a Markdown heading whose text is {@code Safety} (any level, any case). An {@code unsafe fn} directly in a
 * trait impl ({@code impl Trait for Type}) counts as documented: its contract is the trait method's, documented
 * on the trait, and clippy's {@code missing_safety_doc} does not ask for it either.
 *
 * <p>{@code INVARIANT:} comments: comments whose text starts with {@code INVARIANT:} (the kernel convention).
 *
 * <p>Stateless and thread-safe; O(n) in the input plus a bounded backwards walk per site.
 */
public final class RustSafetyScanner {
    /** How far (in code tokens) the search for the enclosing statement of a block may go back. */
    private static final int STATEMENT_WALK_LIMIT = 4096;
    private static final byte[] SAFETY = "SAFETY:".getBytes(StandardCharsets.US_ASCII);

    private RustSafetyScanner() {
    }

    /** Scans {@code len} bytes of {@code data} from {@code off} (UTF-8 Rust source). */
    public static RustSafetyReport scan(byte[] data, int off, int len) {
        return scan(RustLexer.lex(data, off, len));
    }

    /** Scans a whole source text; convenience for tests and tools. */
    public static RustSafetyReport scan(String source) {
        byte[] b = source.getBytes(StandardCharsets.UTF_8);
        return scan(b, 0, b.length);
    }

    static RustSafetyReport scan(RustTokens t) {
        return new Pass(t).run();
    }

    /** Per-file working state. */
    private static final class Pass {
        private final RustTokens t;
        private final int[] code;
        private final int[] codePos;
        private final int[] partner;

        Pass(RustTokens t) {
            this.t = t;
            this.code = t.code();
            this.codePos = new int[t.size];
            java.util.Arrays.fill(codePos, -1);
            for (int p = 0; p < code.length; p++) {
                codePos[code[p]] = p;
            }
            this.partner = t.partners();
        }

        RustSafetyReport run() {
            List<Site> sites = new ArrayList<>();
            int[] braces = new int[32]; // code indexes of the unclosed { before p
            int depth = 0;
            for (int p = 0; p + 1 < code.length; p++) {
                int u = code[p];
                if (t.isPunct(u, '{')) {
                    if (depth == braces.length) {
                        braces = java.util.Arrays.copyOf(braces, depth * 2);
                    }
                    braces[depth++] = p;
                    continue;
                }
                if (t.isPunct(u, '}')) {
                    depth = Math.max(0, depth - 1);
                    continue;
                }
                if (t.isIdent(u, "extern") && (p == 0 || !t.isIdent(code[p - 1], "unsafe"))
                        && RustBoundaryScanner.isExternBlock(t, code, p)) {
                    // an extern block without the keyword is unsafe all the same (Rust 2024 makes it explicit)
                    sites.add(new Site(Kind.EXTERN_BLOCK, t.line[u], safetyCommentBefore(itemStart(p), true)));
                    continue;
                }
                if (!t.isIdent(u, "unsafe")) {
                    continue;
                }
                boolean inTraitImpl = depth > 0 && isTraitImplBody(braces[depth - 1]);
                int n = code[p + 1];
                int line = t.line[u];
                if (t.isPunct(n, '{')) {
                    sites.add(new Site(Kind.BLOCK, line, blockDocumented(p)));
                } else if (t.isIdent(n, "fn")) {
                    if (identAt(p + 2)) {
                        sites.add(new Site(Kind.FN, line, inTraitImpl || hasSafetySection(itemStart(p))));
                    }
                } else if (t.isIdent(n, "extern")) {
                    int q = p + 2;
                    if (q < code.length && t.kind[code[q]] == STRING) {
                        q++;
                    }
                    if (RustBoundaryScanner.isExternBlock(t, code, p + 1)) {
                        sites.add(new Site(Kind.EXTERN_BLOCK, line, safetyCommentBefore(itemStart(p), true)));
                    } else if (q < code.length && t.isIdent(code[q], "fn") && identAt(q + 1)) {
                        sites.add(new Site(Kind.FN, line, inTraitImpl || hasSafetySection(itemStart(p))));
                    }
                } else if (t.isIdent(n, "impl")) {
                    sites.add(new Site(Kind.IMPL, line, safetyCommentBefore(itemStart(p), true)));
                } else if (t.isIdent(n, "trait")
                        || (t.isIdent(n, "auto") && p + 2 < code.length && t.isIdent(code[p + 2], "trait"))) {
                    sites.add(new Site(Kind.TRAIT, line, hasSafetySection(itemStart(p))));
                }
            }
            return RustSafetyReport.of(sites, countInvariants());
        }

        /**
         * Whether the { at code index b opens the body of a trait impl ({@code impl … Trait for Type … {}): the
         * header back to the previous ;, { or } starts with impl (after unsafe) and contains a for that is not
         * a higher-ranked bound ({@code for<'a>}).
         */
        private boolean isTraitImplBody(int b) {
            boolean sawFor = false;
            int limit = Math.max(0, b - 512);
            for (int q = b - 1; q >= limit; q--) {
                int i = code[q];
                if (t.isPunct(i, ';') || t.isPunct(i, '{') || t.isPunct(i, '}')) {
                    return false;
                }
                if (t.isIdent(i, "for") && !(q + 1 < code.length && t.isPunct(code[q + 1], '<'))) {
                    sawFor = true;
                } else if (t.isIdent(i, "impl")) {
                    boolean itemStart = q == 0 || t.isPunct(code[q - 1], ';') || t.isPunct(code[q - 1], '{')
                            || t.isPunct(code[q - 1], '}') || t.isPunct(code[q - 1], ']')
                            || t.isIdent(code[q - 1], "unsafe");
                    if (itemStart) {
                        return sawFor;
                    }
                }
            }
            return false;
        }

        private boolean identAt(int p) {
            return p < code.length && t.kind[code[p]] == IDENT;
        }

        /** Token index of the first token of the item whose {@code unsafe} keyword is at code index p. */
        private int itemStart(int p) {
            int q = p;
            while (q > 0) {
                int prev = code[q - 1];
                if (t.isIdent(prev, "pub") || t.isIdent(prev, "const") || t.isIdent(prev, "async")
                        || t.isIdent(prev, "default")) {
                    q--;
                } else if (t.isPunct(prev, ')') && partner[q - 1] > 0
                        && t.isIdent(code[partner[q - 1] - 1], "pub")) {
                    q = partner[q - 1] - 1; // pub(crate), pub(in path)
                } else {
                    break;
                }
            }
            return code[q];
        }

        private boolean blockDocumented(int p) {
            int u = code[p];
            if (safetyCommentBefore(u, true)) {
                return true;
            }
            int s = statementStart(p);
            if (s == p) {
                return false;
            }
            int a = code[s];
            if (t.isIdent(a, "if") || t.isIdent(a, "match") || t.isIdent(a, "while") || t.isIdent(a, "for")
                    || t.isIdent(a, "loop")) {
                return false;
            }
            return safetyCommentBefore(a, true);
        }

        /**
         * Code index of the first token of the statement or outermost expression that contains the block at p.
         * Walks back over balanced groups and through unclosed ( and [ (the block is an argument or element);
         * stops after ;, an unclosed {, a => of a match arm, or a } that ends its line (a previous statement).
         */
        private int statementStart(int p) {
            int limit = Math.max(0, p - STATEMENT_WALK_LIMIT);
            for (int q = p - 1; q >= limit; q--) {
                int i = code[q];
                if (t.kind[i] != PUNCT) {
                    continue;
                }
                byte b = t.data[t.start[i]];
                switch (b) {
                    case ';':
                        return q + 1;
                    case '{':
                        return q + 1; // reached going backwards, so unclosed: start of the enclosing block
                    case ')':
                    case ']':
                        if (partner[q] < 0) {
                            return q + 1;
                        }
                        q = partner[q];
                        break;
                    case '}':
                        if (partner[q] < 0 || t.firstOnLine(code[q + 1])) {
                            return q + 1;
                        }
                        q = partner[q];
                        break;
                    case '>':
                        if (q > 0 && t.isPunct(code[q - 1], '=') && t.adjacent(code[q - 1], i)) {
                            return q + 1;
                        }
                        break;
                    default:
                        break;
                }
            }
            return limit == 0 ? 0 : p;
        }

        /**
         * Whether a SAFETY comment documents the construct starting at token {@code anchor} (rules 1 and 2 of the
         * class comment).
         */
        private boolean safetyCommentBefore(int anchor, boolean sameLine) {
            int line = t.line[anchor];
            int k = anchor - 1;
            if (sameLine && k >= 0 && t.kind[k] == BLOCK_COMMENT && t.endLine[k] == line && containsSafety(k)) {
                return true;
            }
            while (k >= 0 && t.line[k] == line) {
                if (t.isIdent(k, "fn")) {
                    return false;
                }
                k--;
            }
            boolean inCodeBlock = false;
            while (k >= 0) {
                if (t.isComment(k)) {
                    if (!t.firstOnLine(k)) {
                        return false;
                    }
                    if (t.kind[k] == LINE_COMMENT && isFence(k)) {
                        inCodeBlock = !inCodeBlock;
                    }
                    if (!inCodeBlock && containsSafety(k)) {
                        return true;
                    }
                    k--;
                    continue;
                }
                int attr = attributeStart(k);
                if (attr >= 0) {
                    k = attr - 1;
                    continue;
                }
                return false;
            }
            return false;
        }

        /** If token k is the closing ] of an attribute #[…] or #![…], the index of its #, else -1. */
        private int attributeStart(int k) {
            if (!t.isPunct(k, ']')) {
                return -1;
            }
            int c = codePos[k];
            int open = c >= 0 ? partner[c] : -1;
            if (open < 1) {
                return -1;
            }
            int before = code[open - 1];
            if (t.isPunct(before, '#')) {
                return before;
            }
            if (t.isPunct(before, '!') && open >= 2 && t.isPunct(code[open - 2], '#')) {
                return code[open - 2];
            }
            return -1;
        }

        /** Whether an outer doc comment attached to the item starting at token anchor has a Safety heading. */
        private boolean hasSafetySection(int anchor) {
            int k = anchor - 1;
            while (k >= 0) {
                if (t.isComment(k)) {
                    if (t.isDoc(k) && t.data[t.start[k] + 2] != '!' && hasSafetyHeading(t.text(k))) {
                        return true;
                    }
                    k--;
                    continue;
                }
                int attr = attributeStart(k);
                if (attr >= 0) {
                    k = attr - 1;
                    continue;
                }
                return false;
            }
            return false;
        }

        private boolean containsSafety(int k) {
            byte[] d = t.data;
            int last = t.end[k] - SAFETY.length;
            outer:
            for (int i = t.start[k]; i <= last; i++) {
                for (int j = 0; j < SAFETY.length; j++) {
                    int c = d[i + j];
                    if (c >= 'a' && c <= 'z') {
                        c -= 32;
                    }
                    if (c != SAFETY[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        /** A doc line comment that opens or closes a fenced code block (clippy ignores SAFETY: inside those). */
        private boolean isFence(int k) {
            int i = t.start[k];
            int e = t.end[k];
            while (i < e && t.data[i] == '/') {
                i++;
            }
            while (i < e && (t.data[i] == ' ' || t.data[i] == '\t' || t.data[i] == '!')) {
                i++;
            }
            return e - i >= 3 && t.data[i] == '`' && t.data[i + 1] == '`' && t.data[i + 2] == '`';
        }

        private int countInvariants() {
            int n = 0;
            for (int k = 0; k < t.size; k++) {
                if (t.isComment(k) && commentBody(t.text(k)).startsWith("INVARIANT:")) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The text of a comment without its opener and leading whitespace. */
    static String commentBody(String comment) {
        int i = 2;
        while (i < comment.length() && (comment.charAt(i) == '/' || comment.charAt(i) == '*'
                || comment.charAt(i) == '!')) {
            i++;
        }
        return comment.substring(i).stripLeading();
    }

    /** Whether a doc comment's text has a Markdown heading "Safety" ({@code # Safety}, {@code ## Safety}, …). */
    static boolean hasSafetyHeading(String docComment) {
        String body = docComment;
        if (body.startsWith("/*")) {
            body = body.substring(3, Math.max(3, body.length() - 2));
        } else {
            body = body.substring(3);
        }
        for (String raw : body.split("\n", -1)) {
            String line = raw.strip();
            while (line.startsWith("*")) {
                line = line.substring(1).strip();
            }
            int h = 0;
            while (h < line.length() && line.charAt(h) == '#') {
                h++;
            }
            if (h >= 1 && h <= 6 && line.length() > h && Character.isWhitespace(line.charAt(h))
                    && line.substring(h).strip().toLowerCase(Locale.ROOT).equals("safety")) {
                return true;
            }
        }
        return false;
    }
}
