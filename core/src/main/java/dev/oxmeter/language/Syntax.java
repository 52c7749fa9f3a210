package dev.oxmeter.language;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The lexical syntax of a language as far as line counting needs it: comments, strings and the few named hooks
 * for syntax that plain delimiters cannot describe (Rust raw strings and lifetimes, C++ raw strings, Lua/CMake
 * long brackets, Python docstrings...).
 *
 * <p>Declared in {@code languages.json}; at construction the tokens are compiled to byte arrays and a 256-entry
 * byte class table so that the line counter's hot loop does one array load per byte. Immutable and thread-safe.
 */
public final class Syntax {
    /** How {@code '} is read in code. */
    public enum CharLiterals {
        /** {@code '} is ordinary code (or a string delimiter listed in {@code strings}). */
        NONE,
        /** C-family character literal {@code 'x'}, {@code '\''}, single line; a {@code '} right after a digit is a
         * C++14/C23 digit separator, not a literal. */
        C,
        /** Rust: {@code 'x'}, {@code '\n'}, <code>'&#92;u{1F600}'</code>, {@code b'x'} are literals; {@code 'a} is a lifetime or label. */
        RUST
    }

    /** Raw string syntax recognised by looking back from a {@code "}. */
    public enum RawStrings {
        NONE,
        /** {@code r"…"}, {@code r#"…"#}, {@code br##"…"##}, {@code cr"…"}: no escapes, may span lines. */
        RUST,
        /** {@code R"delim(…)delim"} with optional {@code u8}/{@code u}/{@code U}/{@code L} prefix. */
        CPP
    }

    /**
     * A block comment. {@code close == null} means "to the end of the file" (Perl {@code __END__}). With
     * {@code lineStart}, both delimiters only count in column 0 and the closing line is comment to its end
     * (Perl POD {@code =pod … =cut}, Ruby {@code =begin … =end}).
     */
    public record Block(String open, String close, boolean lineStart) {
        public Block {
            Objects.requireNonNull(open, "open");
        }
    }

    /**
     * A string literal. {@code escape} (nullable) is the escape character; a string that is not
     * {@code multiline} ends at the end of its line even when unterminated, which confines the damage of a quote
     * the rules misread (an apostrophe in a heredoc, a regex) to one line. A {@code doc} string that starts a
     * statement (nothing but whitespace and a string prefix before it on its line) is a docstring: a comment.
     */
    public record Quote(String open, String close, String escape, boolean multiline, boolean doc) {
        public Quote {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (escape != null && escape.length() != 1) {
                throw new IllegalArgumentException("escape must be one character: " + escape);
            }
        }
    }

    /** Byte classes of {@link #codeClasses()} and the per-state tables. */
    public static final byte WS = 0, TEXT = 1, NEWLINE = 2, SPECIAL = 3;

    /** The syntax of a language without comments or strings: every non-blank line is code. */
    public static final Syntax PLAIN = new Builder().build();

    private final List<String> lineComments;
    private final List<String> lineStartComments;
    private final List<Block> blockComments;
    private final boolean nested;
    private final List<Quote> strings;
    private final CharLiterals chars;
    private final RawStrings rawStrings;
    private final String longBracketComment;
    private final boolean longBracketStrings;
    private final boolean escapeInCode;
    private final boolean commentContinuation;
    private final boolean commentAfterSpace;
    private final boolean preprocessorIsCode;
    private final List<String> docComments;

    // Compiled form, read by the line counter through accessors: the arrays are shared, read and never written.
    private final byte[][] lineCommentBytes;
    private final byte[][] lineStartCommentBytes;
    private final byte[][] blockOpen;
    private final byte[][] blockClose;
    private final boolean[] blockLineStart;
    private final byte[][] blockClass;
    private final byte[][] quoteOpen;
    private final byte[][] quoteClose;
    private final int[] quoteEscape;
    private final boolean[] quoteMultiline;
    private final boolean[] quoteDoc;
    private final byte[][] quoteClass;
    private final byte[] longBracketCommentBytes;
    private final byte[] codeClass = new byte[256];
    private final byte[] rawClass = new byte[256];
    private final boolean plain;
    private final boolean hashComments;

    private Syntax(Builder b) {
        this.lineComments = byLengthDesc(b.lineComments);
        this.lineStartComments = byLengthDesc(b.lineStartComments);
        this.blockComments = List.copyOf(b.blockComments);
        this.nested = b.nested;
        // Longest opener first so that """ wins over ".
        List<Quote> qs = new ArrayList<>(b.strings);
        qs.sort(Comparator.comparingInt((Quote q) -> q.open().length()).reversed());
        if (b.chars == CharLiterals.C) {
            qs.add(new Quote("'", "'", "\\", false, false));
        }
        this.strings = List.copyOf(qs);
        this.chars = b.chars;
        this.rawStrings = b.rawStrings;
        this.longBracketComment = b.longBracketComment;
        this.longBracketStrings = b.longBracketStrings;
        this.escapeInCode = b.escapeInCode;
        this.commentContinuation = b.commentContinuation;
        this.commentAfterSpace = b.commentAfterSpace;
        this.preprocessorIsCode = b.preprocessorIsCode;
        this.docComments = List.copyOf(b.docComments);

        lineCommentBytes = bytes(lineComments);
        lineStartCommentBytes = bytes(lineStartComments);
        int nb = blockComments.size();
        blockOpen = new byte[nb][];
        blockClose = new byte[nb][];
        blockLineStart = new boolean[nb];
        blockClass = new byte[nb][];
        for (int k = 0; k < nb; k++) {
            Block bl = blockComments.get(k);
            blockOpen[k] = utf8(bl.open());
            blockClose[k] = bl.close() == null ? null : utf8(bl.close());
            blockLineStart[k] = bl.lineStart();
            byte[] t = baseTable();
            if (blockClose[k] != null) {
                t[blockClose[k][0] & 0xff] = SPECIAL;
                if (nested) {
                    t[blockOpen[k][0] & 0xff] = SPECIAL;
                }
            }
            t['\n'] = NEWLINE;
            blockClass[k] = t;
        }
        int nq = strings.size();
        quoteOpen = new byte[nq][];
        quoteClose = new byte[nq][];
        quoteEscape = new int[nq];
        quoteMultiline = new boolean[nq];
        quoteDoc = new boolean[nq];
        quoteClass = new byte[nq][];
        for (int k = 0; k < nq; k++) {
            Quote q = strings.get(k);
            quoteOpen[k] = utf8(q.open());
            quoteClose[k] = utf8(q.close());
            quoteEscape[k] = q.escape() == null ? -1 : q.escape().charAt(0);
            quoteMultiline[k] = q.multiline();
            quoteDoc[k] = q.doc();
            byte[] t = baseTable();
            t[quoteClose[k][0] & 0xff] = SPECIAL;
            if (quoteEscape[k] >= 0) {
                t[quoteEscape[k]] = SPECIAL;
            }
            t['\n'] = NEWLINE;
            quoteClass[k] = t;
        }
        longBracketCommentBytes = longBracketComment == null ? null : utf8(longBracketComment);

        byte[] c = baseTable();
        for (byte[] tok : lineCommentBytes) {
            c[tok[0] & 0xff] = SPECIAL;
        }
        for (byte[] tok : lineStartCommentBytes) {
            c[tok[0] & 0xff] = SPECIAL;
        }
        for (byte[] tok : blockOpen) {
            c[tok[0] & 0xff] = SPECIAL;
        }
        for (byte[] tok : quoteOpen) {
            c[tok[0] & 0xff] = SPECIAL;
        }
        if (chars == CharLiterals.RUST) {
            c['\''] = SPECIAL;
        }
        if (rawStrings != RawStrings.NONE) {
            c['"'] = SPECIAL;
        }
        if (longBracketCommentBytes != null) {
            c[longBracketCommentBytes[0] & 0xff] = SPECIAL;
        }
        if (longBracketStrings) {
            c['['] = SPECIAL;
        }
        if (escapeInCode) {
            c['\\'] = SPECIAL;
        }
        if (preprocessorIsCode) {
            c['#'] = SPECIAL;
        }
        c['\n'] = NEWLINE;
        System.arraycopy(c, 0, codeClass, 0, 256);

        byte[] r = baseTable();
        r['"'] = SPECIAL;
        r[']'] = SPECIAL;
        r[')'] = SPECIAL;
        r['\n'] = NEWLINE;
        System.arraycopy(r, 0, rawClass, 0, 256);

        hashComments = lineComments.contains("#") || lineStartComments.contains("#");
        plain = lineComments.isEmpty() && lineStartComments.isEmpty() && blockComments.isEmpty() && strings.isEmpty()
                && chars == CharLiterals.NONE && rawStrings == RawStrings.NONE && longBracketComment == null
                && !longBracketStrings;
    }

    private static List<String> byLengthDesc(List<String> tokens) {
        List<String> l = new ArrayList<>(tokens);
        l.sort(Comparator.comparingInt(String::length).reversed());
        for (String t : l) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty comment token");
            }
        }
        return List.copyOf(l);
    }

    private static byte[] baseTable() {
        byte[] t = new byte[256];
        java.util.Arrays.fill(t, TEXT);
        t[' '] = WS;
        t['\t'] = WS;
        t['\r'] = WS; // a lone CR is whitespace; CRLF ends a line at its LF
        t[0x0B] = WS;
        t['\f'] = WS;
        return t;
    }

    private static byte[] utf8(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty delimiter");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] bytes(List<String> l) {
        byte[][] r = new byte[l.size()][];
        for (int k = 0; k < r.length; k++) {
            r[k] = utf8(l.get(k));
        }
        return r;
    }

    // ---- declared syntax (for documentation, tests and other analyses) ----

    public List<String> lineComments() {
        return lineComments;
    }

    /** Comment markers recognised only as the first non-blank text of a line (INI {@code ;}, Vim {@code "}). */
    public List<String> lineStartComments() {
        return lineStartComments;
    }

    public List<Block> blockComments() {
        return blockComments;
    }

    /** Whether block comments nest (Rust, Swift, Haskell, OCaml...). */
    public boolean nested() {
        return nested;
    }

    /** String literals, longest opener first (C-style character literals included as a {@code '} quote). */
    public List<Quote> strings() {
        return strings;
    }

    public CharLiterals chars() {
        return chars;
    }

    public RawStrings rawStrings() {
        return rawStrings;
    }

    /** Prefix that turns a long bracket {@code [=*[} into a comment ({@code --} in Lua, {@code #} in CMake), or null. */
    public String longBracketComment() {
        return longBracketComment;
    }

    /** Whether {@code [[…]]} / {@code [==[…]==]} long brackets are strings (Lua, CMake bracket arguments). */
    public boolean longBracketStrings() {
        return longBracketStrings;
    }

    /** Whether a backslash in code escapes the next byte ({@code \#} in make and shell, {@code \'} in shell). */
    public boolean escapeInCode() {
        return escapeInCode;
    }

    /** Whether a backslash at the end of a line comment continues it on the next line (C preprocessor, make). */
    public boolean commentContinuation() {
        return commentContinuation;
    }

    /** Whether a line comment token only counts at a word start (shell: {@code $#}, {@code ${#x}}, {@code a#b}). */
    public boolean commentAfterSpace() {
        return commentAfterSpace;
    }

    /** Whether {@code #include}-style C preprocessor directives are code although {@code #} starts comments (gas .S). */
    public boolean preprocessorIsCode() {
        return preprocessorIsCode;
    }

    /** Doc-comment markers; informational (doc comments count as comments). */
    public List<String> docComments() {
        return docComments;
    }

    // ---- compiled form for dev.oxmeter.count.LineCounter; O(1), no allocation ----

    /** Whether {@code #} starts a line comment, which makes a leading {@code #!} line worth telling apart. */
    public boolean hashComments() {
        return hashComments;
    }

    /** True when the language has no comment or string syntax at all. */
    public boolean isPlain() {
        return plain;
    }

    /**
     * The class ({@link #WS}, {@link #TEXT}, {@link #NEWLINE} or {@link #SPECIAL}) of each byte value in code: the
     * table itself, shared, so that a scanning loop holds it in a local (never write to it).
     */
    public byte[] codeClasses() {
        return codeClass;
    }

    /** As {@link #codeClasses()}, inside a raw string or long-bracket comment. */
    public byte[] rawClasses() {
        return rawClass;
    }

    public int lineCommentCount() {
        return lineCommentBytes.length;
    }

    public byte[] lineCommentToken(int k) {
        return lineCommentBytes[k];
    }

    public int lineStartCommentCount() {
        return lineStartCommentBytes.length;
    }

    public byte[] lineStartCommentToken(int k) {
        return lineStartCommentBytes[k];
    }

    public int blockCount() {
        return blockOpen.length;
    }

    public byte[] blockOpen(int k) {
        return blockOpen[k];
    }

    /** Null for a comment that runs to the end of the file. */
    public byte[] blockClose(int k) {
        return blockClose[k];
    }

    public boolean blockLineStart(int k) {
        return blockLineStart[k];
    }

    /** As {@link #codeClasses()}, inside block comment {@code k}. */
    public byte[] blockClasses(int k) {
        return blockClass[k];
    }

    public int quoteCount() {
        return quoteOpen.length;
    }

    public byte[] quoteOpen(int k) {
        return quoteOpen[k];
    }

    public byte[] quoteClose(int k) {
        return quoteClose[k];
    }

    /** The escape byte of quote {@code k}, or -1. */
    public int quoteEscape(int k) {
        return quoteEscape[k];
    }

    public boolean quoteMultiline(int k) {
        return quoteMultiline[k];
    }

    public boolean quoteDoc(int k) {
        return quoteDoc[k];
    }

    /** As {@link #codeClasses()}, inside string {@code k}. */
    public byte[] quoteClasses(int k) {
        return quoteClass[k];
    }

    public byte[] longBracketCommentToken() {
        return longBracketCommentBytes;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private List<String> lineComments = List.of();
        private List<String> lineStartComments = List.of();
        private List<Block> blockComments = List.of();
        private boolean nested;
        private List<Quote> strings = List.of();
        private CharLiterals chars = CharLiterals.NONE;
        private RawStrings rawStrings = RawStrings.NONE;
        private String longBracketComment;
        private boolean longBracketStrings;
        private boolean escapeInCode;
        private boolean commentContinuation;
        private boolean commentAfterSpace;
        private boolean preprocessorIsCode;
        private List<String> docComments = List.of();

        public Builder lineComments(List<String> v) {
            lineComments = List.copyOf(v);
            return this;
        }

        public Builder lineStartComments(List<String> v) {
            lineStartComments = List.copyOf(v);
            return this;
        }

        public Builder blockComments(List<Block> v) {
            blockComments = List.copyOf(v);
            return this;
        }

        public Builder nested(boolean v) {
            nested = v;
            return this;
        }

        public Builder strings(List<Quote> v) {
            strings = List.copyOf(v);
            return this;
        }

        public Builder chars(CharLiterals v) {
            chars = Objects.requireNonNull(v);
            return this;
        }

        public Builder rawStrings(RawStrings v) {
            rawStrings = Objects.requireNonNull(v);
            return this;
        }

        public Builder longBracketComment(String v) {
            longBracketComment = v;
            return this;
        }

        public Builder longBracketStrings(boolean v) {
            longBracketStrings = v;
            return this;
        }

        public Builder escapeInCode(boolean v) {
            escapeInCode = v;
            return this;
        }

        public Builder commentContinuation(boolean v) {
            commentContinuation = v;
            return this;
        }

        public Builder commentAfterSpace(boolean v) {
            commentAfterSpace = v;
            return this;
        }

        public Builder preprocessorIsCode(boolean v) {
            preprocessorIsCode = v;
            return this;
        }

        public Builder docComments(List<String> v) {
            docComments = List.copyOf(v);
            return this;
        }

        public Syntax build() {
            return new Syntax(this);
        }
    }
}
