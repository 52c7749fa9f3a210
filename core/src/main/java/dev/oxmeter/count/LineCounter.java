package dev.oxmeter.count;

import dev.oxmeter.language.Language;
import dev.oxmeter.language.Syntax;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Classifies every physical line of a text as code, comment or blank for a given language, with a byte-level
 * state machine driven by the language's {@link Syntax}.
 *
 * <p>Conventions (cloc's; see {@code docs/counting.md}): a whitespace-only line is blank wherever it is, even inside
 * a comment or string; a line with any code on it is code; a line with only comment text is comment; a line of a
 * multi-line string is code (a docstring's lines are comment). {@code \r\n} ends a line at its {@code \n}, a lone
 * {@code \r} is whitespace, a final line without a newline counts, an empty text has no lines.
 *
 * <p>Works on bytes (never decodes), so any encoding is accepted. Stateless and thread-safe; linear in {@code len},
 * one small scanner object per call and no allocation per line.
 */
public final class LineCounter {
    private LineCounter() {
    }

    /** Counts the lines of {@code data[off, off + len)} as {@code language}. */
    public static LineCounts count(Language language, byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (len == 0) {
            return LineCounts.ZERO;
        }
        Syntax syntax = language.syntax();
        if (syntax.isPlain()) {
            return countPlain(data, off, off + len);
        }
        return new Scanner(syntax, data, off, off + len, null).run();
    }

    /** Line kinds reported by {@link #classify}. */
    public static final int BLANK = 0, CODE = 1, COMMENT = 2;

    /**
     * Reports the kind ({@link #BLANK}, {@link #CODE} or {@link #COMMENT}) of every line in order, for diagnostics
     * and tests; same rules and cost as {@link #count(Language, byte[], int, int)}.
     */
    public static LineCounts classify(Language language, byte[] data, int off, int len, IntConsumer sink) {
        Objects.checkFromIndexSize(off, len, data.length);
        Objects.requireNonNull(sink, "sink");
        if (len == 0) {
            return LineCounts.ZERO;
        }
        return new Scanner(language.syntax(), data, off, off + len, sink).run();
    }

    /** Convenience for a whole array. */
    public static LineCounts count(Language language, byte[] data) {
        return count(language, data, 0, data.length);
    }

    /** No comment syntax: a line is blank or code. */
    private static LineCounts countPlain(byte[] d, int start, int end) {
        long code = 0, blank = 0;
        int i = start;
        while (i < end) {
            boolean text = false;
            while (i < end) {
                byte b = d[i];
                if (b == '\n') {
                    break;
                }
                if (!text && !isSpace(b)) {
                    text = true;
                }
                i++;
            }
            if (text) {
                code++;
            } else {
                blank++;
            }
            i++; // past the newline, or past the end for a final partial line
        }
        return LineCounts.of(code, 0, blank);
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
    }

    /** One pass over one text. Not thread-safe; one instance per call. */
    private static final class Scanner {
        private static final int F_CODE = 1, F_COMMENT = 2;
        private static final int S_CODE = 0, S_LINE_COMMENT = 1, S_BLOCK = 2, S_QUOTE = 3, S_RAW = 4;
        private static final int RAW_RUST = 0, RAW_CPP = 1, RAW_LONG = 2;
        /** C preprocessor directives that are code in languages where {@code #} otherwise starts a comment. */
        private static final String[] DIRECTIVES = {"include", "include_next", "define", "undef", "if", "ifdef",
            "ifndef", "elif", "else", "endif", "error", "warning", "pragma", "line"};

        private final Syntax s;
        private final byte[] d;
        private final int start;
        private final int end;
        private int i;
        private int lineStart;
        private int flags;
        private int state = S_CODE;
        private int blk;
        private int depth;
        private int quote;
        private boolean docMode;
        private int rawKind;
        private int rawN;
        private int rawDelim;
        private boolean rawComment;
        private long code, comment, blank;
        private final IntConsumer sink;

        Scanner(Syntax s, byte[] d, int start, int end, IntConsumer sink) {
            this.sink = sink;
            this.s = s;
            this.d = d;
            this.start = start;
            this.end = end;
            this.i = start;
            this.lineStart = start;
        }

        LineCounts run() {
            if (s.hashComments() && end - start >= 2 && d[start] == '#' && d[start + 1] == '!') {
                // A shebang line is code (as cloc counts it), although '#' starts comments in this language.
                flags = F_CODE;
                while (i < end && d[i] != '\n') {
                    i++;
                }
            }
            while (i < end) {
                switch (state) {
                    case S_CODE -> code();
                    case S_LINE_COMMENT -> lineComment();
                    case S_BLOCK -> block();
                    case S_QUOTE -> quote();
                    default -> raw();
                }
            }
            if (d[end - 1] != '\n') {
                classify(); // final line without a newline
            }
            return LineCounts.of(code, comment, blank);
        }

        private void classify() {
            int kind;
            if ((flags & F_CODE) != 0) {
                code++;
                kind = CODE;
            } else if (flags != 0) {
                comment++;
                kind = COMMENT;
            } else {
                blank++;
                kind = BLANK;
            }
            if (sink != null) {
                sink.accept(kind);
            }
        }

        /** Ends the line whose newline is at {@code i}. */
        private void newline() {
            classify();
            flags = 0;
            i++;
            lineStart = i;
        }

        private void code() {
            // the table in a local: C1, which compiles the first seconds of a run, reloads fields on every byte
            final byte[] cls = s.codeClasses();
            final byte[] d = this.d;
            final int end = this.end;
            int i = this.i;
            int f = this.flags;
            while (i < end) {
                byte c = cls[d[i] & 0xff];
                if (c == Syntax.TEXT) {
                    f |= F_CODE;
                    i++;
                    // The line is code now: only a newline or a delimiter can matter until the line ends.
                    while (i < end && cls[d[i] & 0xff] <= Syntax.TEXT) {
                        i++;
                    }
                } else if (c == Syntax.WS) {
                    i++;
                } else {
                    this.i = i;
                    this.flags = f;
                    if (c == Syntax.NEWLINE) {
                        newline();
                    } else if (special()) {
                        return;
                    }
                    i = this.i;
                    f = this.flags;
                }
            }
            this.i = i;
            this.flags = f;
        }

        /** Handles a byte that may open a comment or string; true when the state changed. */
        private boolean special() {
            int b = d[i] & 0xff;
            if (b == '#' && s.preprocessorIsCode() && flags == 0 && isDirective(i + 1)) {
                flags |= F_CODE;
                i++;
                return false;
            }
            for (int k = 0, n = s.blockCount(); k < n; k++) {
                byte[] open = s.blockOpen(k);
                if (open[0] == d[i] && (!s.blockLineStart(k) || i == lineStart) && matches(open, i)) {
                    flags |= F_COMMENT;
                    i += open.length;
                    state = S_BLOCK;
                    blk = k;
                    depth = 1;
                    return true;
                }
            }
            byte[] lb = s.longBracketCommentToken();
            if (lb != null && matches(lb, i)) {
                int level = longBracketOpen(i + lb.length);
                if (level >= 0) {
                    flags |= F_COMMENT;
                    enterRaw(RAW_LONG, level, true, i + lb.length + level + 2);
                    return true;
                }
            }
            for (int k = 0, n = s.lineCommentCount(); k < n; k++) {
                byte[] tok = s.lineCommentToken(k);
                if (tok[0] == d[i] && matchesWord(tok, i)) {
                    if (s.commentAfterSpace() && i > lineStart && !wordBoundary(d[i - 1])) {
                        break;
                    }
                    return enterLineComment(tok.length);
                }
            }
            if ((flags & F_CODE) == 0) {
                for (int k = 0, n = s.lineStartCommentCount(); k < n; k++) {
                    byte[] tok = s.lineStartCommentToken(k);
                    if (tok[0] == d[i] && matchesWord(tok, i)) {
                        return enterLineComment(tok.length);
                    }
                }
            }
            if (b == '"' && s.rawStrings() != Syntax.RawStrings.NONE && rawString()) {
                return true;
            }
            for (int k = 0, n = s.quoteCount(); k < n; k++) {
                byte[] open = s.quoteOpen(k);
                if (open[0] == d[i] && matches(open, i)) {
                    if (b == '\'' && s.chars() == Syntax.CharLiterals.C && i > start && isDigit(d[i - 1])) {
                        break; // digit separator: 1'000'000
                    }
                    if (s.quoteDoc(k) && startsStatement(i)) {
                        flags = (flags & ~F_CODE) | F_COMMENT;
                        docMode = true;
                    } else {
                        flags |= F_CODE;
                        docMode = false;
                    }
                    i += open.length;
                    state = S_QUOTE;
                    quote = k;
                    return true;
                }
            }
            flags |= F_CODE;
            if (b == '\'' && s.chars() == Syntax.CharLiterals.RUST) {
                i = rustChar(i);
                return false;
            }
            if (b == '[' && s.longBracketStrings()) {
                int level = longBracketOpen(i);
                if (level >= 0) {
                    enterRaw(RAW_LONG, level, false, i + level + 2);
                    return true;
                }
            }
            if (b == '\\' && s.escapeInCode() && i + 1 < end && d[i + 1] != '\n' && d[i + 1] != '\r') {
                i += 2;
                return false;
            }
            i++;
            return false;
        }

        private boolean enterLineComment(int tokenLength) {
            flags |= F_COMMENT;
            i += tokenLength;
            state = S_LINE_COMMENT;
            return true;
        }

        private void enterRaw(int kind, int n, boolean isComment, int contentStart) {
            rawKind = kind;
            rawN = n;
            rawComment = isComment;
            i = contentStart;
            state = S_RAW;
        }

        private void lineComment() {
            final byte[] d = this.d;
            final int end = this.end;
            int j = i;
            if ((flags & F_COMMENT) != 0) {
                while (j < end && d[j] != '\n') {
                    j++;
                }
            } else { // a continued comment line: blank unless it has text
                while (j < end && d[j] != '\n') {
                    if (!isSpace(d[j])) {
                        flags |= F_COMMENT;
                    }
                    j++;
                }
            }
            i = j;
            if (i >= end) {
                return;
            }
            if (!(s.commentContinuation() && endsWithBackslash(i))) {
                state = S_CODE;
            }
            newline();
        }

        private void block() {
            final Syntax s = this.s;
            final byte[] d = this.d;
            final int end = this.end;
            final int k = blk;
            final byte[] close = s.blockClose(k);
            final boolean atLineStart = s.blockLineStart(k);
            final byte[] cls = s.blockClasses(k);
            int i = this.i;
            while (i < end) {
                byte c = cls[d[i] & 0xff];
                if (c == Syntax.TEXT) {
                    flags |= F_COMMENT;
                    i++;
                    while (i < end && cls[d[i] & 0xff] <= Syntax.TEXT) {
                        i++;
                    }
                } else if (c == Syntax.WS) {
                    i++;
                } else if (c == Syntax.NEWLINE) {
                    this.i = i;
                    newline();
                    i = this.i;
                } else {
                    flags |= F_COMMENT;
                    if (close != null && (!atLineStart || i == lineStart) && matches(close, i)) {
                        i += close.length;
                        if (--depth == 0) {
                            state = atLineStart ? S_LINE_COMMENT : S_CODE;
                            this.i = i;
                            return;
                        }
                    } else if (s.nested() && matches(s.blockOpen(k), i)) {
                        i += s.blockOpen(k).length;
                        depth++;
                    } else {
                        i++;
                    }
                }
            }
            this.i = i;
        }

        private void quote() {
            final Syntax s = this.s;
            final byte[] d = this.d;
            final int end = this.end;
            final int k = quote;
            final byte[] close = s.quoteClose(k);
            final int esc = s.quoteEscape(k);
            final boolean multiline = s.quoteMultiline(k);
            final int mark = docMode ? F_COMMENT : F_CODE;
            final byte[] cls = s.quoteClasses(k);
            int i = this.i;
            while (i < end) {
                int b = d[i] & 0xff;
                byte c = cls[b];
                if (c == Syntax.TEXT) {
                    flags |= mark;
                    i++;
                    while (i < end && cls[d[i] & 0xff] <= Syntax.TEXT) {
                        i++;
                    }
                } else if (c == Syntax.WS) {
                    i++;
                } else if (c == Syntax.NEWLINE) {
                    this.i = i;
                    if (!multiline) {
                        state = S_CODE; // unterminated single-line string: the damage stops here
                        newline();
                        return;
                    }
                    newline();
                    i = this.i;
                } else {
                    flags |= mark;
                    if (b == esc) {
                        i++;
                        if (i < end && d[i] == '\r' && i + 1 < end && d[i + 1] == '\n') {
                            i++;
                        }
                        if (i < end) {
                            if (d[i] == '\n') {
                                this.i = i;
                                newline(); // escaped newline: the string goes on
                                i = this.i;
                            } else {
                                i++;
                            }
                        }
                    } else if (matches(close, i)) {
                        this.i = i + close.length;
                        state = S_CODE;
                        return;
                    } else {
                        i++;
                    }
                }
            }
            this.i = i;
        }

        private void raw() {
            final Syntax s = this.s;
            final byte[] d = this.d;
            final int mark = rawComment ? F_COMMENT : F_CODE;
            final byte[] cls = s.rawClasses();
            while (i < end) {
                int b = d[i] & 0xff;
                byte c = cls[b];
                if (c == Syntax.TEXT) {
                    flags |= mark;
                    i++;
                } else if (c == Syntax.WS) {
                    i++;
                } else if (c == Syntax.NEWLINE) {
                    newline();
                } else {
                    flags |= mark;
                    int after = rawClose(b);
                    if (after >= 0) {
                        i = after;
                        state = S_CODE;
                        return;
                    }
                    i++;
                }
            }
        }

        /** If a raw string closes at {@code i} (whose byte is {@code b}), the index after it; else -1. */
        private int rawClose(int b) {
            switch (rawKind) {
                case RAW_RUST -> {
                    if (b != '"') {
                        return -1;
                    }
                    int j = i + 1;
                    for (int n = 0; n < rawN; n++, j++) {
                        if (j >= end || d[j] != '#') {
                            return -1;
                        }
                    }
                    return j;
                }
                case RAW_CPP -> {
                    if (b != ')' || i + rawN + 1 >= end || d[i + rawN + 1] != '"') {
                        return -1;
                    }
                    for (int n = 0; n < rawN; n++) {
                        if (d[i + 1 + n] != d[rawDelim + n]) {
                            return -1;
                        }
                    }
                    return i + rawN + 2;
                }
                default -> {
                    if (b != ']') {
                        return -1;
                    }
                    int j = i + 1;
                    for (int n = 0; n < rawN; n++, j++) {
                        if (j >= end || d[j] != '=') {
                            return -1;
                        }
                    }
                    return j < end && d[j] == ']' ? j + 1 : -1;
                }
            }
        }

        /** At a {@code "}: enters a raw string if a raw prefix precedes it. */
        private boolean rawString() {
            if (s.rawStrings() == Syntax.RawStrings.RUST) {
                int j = i - 1, hashes = 0;
                while (j >= lineStart && d[j] == '#') {
                    hashes++;
                    j--;
                }
                if (j < lineStart || d[j] != 'r' || !prefixBoundary(j, 'b', 'c')) {
                    return false;
                }
                flags |= F_CODE;
                enterRaw(RAW_RUST, hashes, false, i + 1);
                return true;
            }
            // C++: [u8|u|U|L]R"delim( ... )delim"
            int j = i - 1;
            if (j < lineStart || d[j] != 'R') {
                return false;
            }
            int p = j - 1;
            if (p >= lineStart && d[p] == '8' && p - 1 >= lineStart && d[p - 1] == 'u') {
                p -= 2;
            } else if (p >= lineStart && (d[p] == 'u' || d[p] == 'U' || d[p] == 'L')) {
                p--;
            }
            if (p >= lineStart && isIdent(d[p])) {
                return false;
            }
            int q = i + 1;
            while (q < end && q - i - 1 <= 16 && d[q] != '(') {
                byte c = d[q];
                if (c == ' ' || c == '\\' || c == ')' || c == '"' || c == '\n' || c == '\t') {
                    return false;
                }
                q++;
            }
            if (q >= end || d[q] != '(') {
                return false;
            }
            flags |= F_CODE;
            rawDelim = i + 1;
            enterRaw(RAW_CPP, q - i - 1, false, q + 1);
            return true;
        }

        /** True when the identifier prefix ending at {@code j} (optionally preceded by one of a, b) starts a token. */
        private boolean prefixBoundary(int j, char a, char b) {
            int p = j - 1;
            if (p < lineStart || !isIdent(d[p])) {
                return true;
            }
            return (d[p] == a || d[p] == b) && (p - 1 < lineStart || !isIdent(d[p - 1]));
        }

        /** Lua/CMake long bracket {@code [=*[} at {@code p}: its level (number of {@code =}), or -1. */
        private int longBracketOpen(int p) {
            if (p >= end || d[p] != '[') {
                return -1;
            }
            int q = p + 1;
            while (q < end && d[q] == '=') {
                q++;
            }
            return q < end && d[q] == '[' ? q - p - 1 : -1;
        }

        /** Rust at {@code '}: skips a char literal, or just the quote of a lifetime/label. */
        private int rustChar(int p) {
            int q = p + 1;
            if (q >= end) {
                return q;
            }
            if (d[q] == '\\') { // '\n', '\'', unicode escapes
                for (int r = q + 2; r < end && r <= q + 12 && d[r] != '\n'; r++) {
                    if (d[r] == '\'') {
                        return r + 1;
                    }
                }
                return q;
            }
            int b = d[q] & 0xff;
            int n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (b != '\n' && q + n < end && d[q + n] == '\'') {
                return q + n + 1; // 'a', 'é', '"'
            }
            return q; // lifetime or label
        }

        /** Only whitespace and up to two string-prefix letters precede {@code p} on its line. */
        private boolean startsStatement(int p) {
            int j = p - 1;
            for (int n = 0; n < 2 && j >= lineStart && isStringPrefix(d[j]); n++) {
                j--;
            }
            for (; j >= lineStart; j--) {
                if (!isSpace(d[j])) {
                    return false;
                }
            }
            return true;
        }

        private boolean isDirective(int p) {
            while (p < end && (d[p] == ' ' || d[p] == '\t')) {
                p++;
            }
            int q = p;
            while (q < end && (d[q] >= 'a' && d[q] <= 'z' || d[q] == '_')) {
                q++;
            }
            int n = q - p;
            outer:
            for (String w : DIRECTIVES) {
                if (w.length() != n) {
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    if (d[p + k] != w.charAt(k)) {
                        continue outer;
                    }
                }
                return q >= end || !isIdent(d[q]);
            }
            return false;
        }

        private boolean endsWithBackslash(int nl) {
            int j = nl - 1;
            if (j >= lineStart && d[j] == '\r') {
                j--;
            }
            return j >= lineStart && d[j] == '\\';
        }

        /** Like {@link #matches} but a token ending in a letter ({@code REM}, {@code dnl}) must end a word. */
        private boolean matchesWord(byte[] tok, int p) {
            if (!matches(tok, p)) {
                return false;
            }
            byte last = tok[tok.length - 1];
            boolean word = last >= 'a' && last <= 'z' || last >= 'A' && last <= 'Z';
            return !word || p + tok.length >= end || !isIdent(d[p + tok.length]);
        }

        private boolean matches(byte[] tok, int p) {
            if (p + tok.length > end) {
                return false;
            }
            for (int k = 0; k < tok.length; k++) {
                if (d[p + k] != tok[k]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean wordBoundary(byte b) {
            return isSpace(b) || b == ';' || b == '(' || b == ')' || b == '|' || b == '&';
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }

        private static boolean isIdent(byte b) {
            return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b < 0;
        }

        private static boolean isStringPrefix(byte b) {
            return b == 'r' || b == 'R' || b == 'u' || b == 'U' || b == 'b' || b == 'B' || b == 'f' || b == 'F';
        }
    }
}
