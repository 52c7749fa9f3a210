package dev.oxmeter.people;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the trailers of a commit message ({@code Signed-off-by:}, {@code Reviewed-by:}, {@code Fixes:} ...).
 * Stateless; all methods are thread-safe and O(length of the message).
 *
 * <h2>Where trailers are looked for</h2>
 * The message is the whole commit message, subject first. Its first paragraph is the subject and never holds
 * trailers. The last paragraph is a trailer block by git's rule ({@code trailer.c}, as used by
 * {@code git log --format=%(trailers)}, which ignores {@code ---} dividers): all its lines are trailers, or it has
 * a recognised key and at least a quarter of its lines are trailers. Because kernel messages often split
 * trailers into several paragraphs ({@code Fixes:}/{@code Closes:} above a blank line, sign-offs below), earlier
 * paragraphs directly above that block are included too when every line in them is trailer-like and one of them
 * has a recognised key. Recognised keys are the {@link TrailerKeys} ones, any key ending in {@code -by}, and
 * {@code Fixes}, {@code Link}, {@code Closes}, {@code Cc}, {@code Bug}, {@code Buglink}, {@code Change-id},
 * {@code Message-id}.
 *
 * <h2>Lines inside a trailer block</h2>
 * <ul>
 * <li>{@code Key: value} where the key is letters, digits and {@code -} starting with a letter; whitespace may
 *     precede the colon. A value starting with {@code //} is a URL ({@code https://...}), not a trailer.</li>
 * <li>Lines starting with whitespace continue the previous trailer; they are unfolded with one space.</li>
 * <li>Ignored: {@code [ maintainer notes ]} (possibly spanning several lines), {@code # comment} lines,
 *     {@code (cherry picked from commit ...)}.</li>
 * </ul>
 *
 * <h2>People</h2>
 * For keys that name people ({@link TrailerKeys#namesPeople}), a trailing {@code # comment} is dropped
 * ({@code Cc: stable@vger.kernel.org # v6.1+}), anything after the closing {@code >} is dropped, and a value listing
 * several people ({@code A <a@x>, B <b@y>}) yields one {@link Trailer} per person. A comma splits only after a
 * complete address, so {@code Doe, Jane <jane@x>} stays one person. Accepted shapes: {@code Name <email>},
 * {@code <email>}, {@code Name<email>}, {@code "Quoted, Name" <email>}, {@code email}, {@code email (Name)},
 * {@code Name email}, and a bare name ({@code Reported-by: syzbot}) which gives an identity with an empty email.
 */
public final class Trailers {
    private static final String CHERRY_PICK = "(cherry picked from commit ";
    private static final Set<String> WELL_KNOWN = Set.of(TrailerKeys.FIXES, TrailerKeys.LINK,
            TrailerKeys.CLOSES, TrailerKeys.CC, "Bug", "Buglink", "Change-id", "Message-id");

    private Trailers() {
    }

    /** The trailers of {@code message} in order, with the {@link TrailerKeys#DEFAULT} keys. */
    public static List<Trailer> parse(String message) {
        return parse(message, TrailerKeys.DEFAULT);
    }

    /** The trailers of {@code message} in order; {@code keys} adds recognised keys that name people. */
    public static List<Trailer> parse(String message, TrailerKeys keys) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(keys, "keys");
        List<Line> lines = classify(splitLines(message));
        int bodyStart = bodyStart(lines);
        List<int[]> paragraphs = paragraphs(lines, bodyStart);
        int first = firstTrailerParagraph(lines, paragraphs, keys);
        List<Trailer> out = new ArrayList<>();
        for (int p = first; p < paragraphs.size(); p++) {
            collect(lines, paragraphs.get(p), keys, out);
        }
        return List.copyOf(out);
    }

    /** {@link #parse(String)} of raw message bytes decoded by {@link #decode(byte[], Charset)} without a hint. */
    public static List<Trailer> parse(byte[] raw) {
        return parse(decode(raw, null));
    }

    /** {@link #parse(String)} of raw message bytes decoded by {@link #decode(byte[], Charset)}. */
    public static List<Trailer> parse(byte[] raw, Charset declared) {
        return parse(decode(raw, declared));
    }

    /**
     * Decodes a raw commit message. With a declared encoding (a commit's {@code encoding} header) other than
     * UTF-8, that encoding is tried first. Otherwise, or if the bytes are not valid in it, UTF-8 is tried, and
     * invalid UTF-8 falls back to ISO-8859-1, which accepts any bytes (old commits are often Latin-1 without
     * saying so). Never throws for bad bytes.
     */
    public static String decode(byte[] raw, Charset declared) {
        Objects.requireNonNull(raw, "raw");
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            Optional<String> s = strictDecode(raw, declared);
            if (s.isPresent()) {
                return s.get();
            }
        }
        return strictDecode(raw, StandardCharsets.UTF_8)
                .orElseGet(() -> new String(raw, StandardCharsets.ISO_8859_1));
    }

    /** The {@code Fixes:} references among {@code trailers}, in order; unparseable values are skipped. */
    public static List<FixesRef> fixes(List<Trailer> trailers) {
        List<FixesRef> out = new ArrayList<>();
        for (Trailer t : trailers) {
            if (t.key().equals(TrailerKeys.FIXES)) {
                FixesRef.parse(t.value()).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** The distinct identities named by trailers with {@code key} (any spelling), in first-seen order. */
    public static List<Identity> people(List<Trailer> trailers, String key) {
        String k = Trailer.canonicalKey(key);
        List<Identity> out = new ArrayList<>();
        for (Trailer t : trailers) {
            if (t.key().equals(k) && t.identity() != null && !out.contains(t.identity())) {
                out.add(t.identity());
            }
        }
        return List.copyOf(out);
    }

    // ---- block detection -------------------------------------------------------------------------------

    private enum Kind { BLANK, TRAILER, CHERRY_PICK, CONTINUATION, NOTE, COMMENT, OTHER }

    /** A line with its kind; for trailers, the key and the value after the colon. */
    private record Line(String text, Kind kind, String key, String value) {
    }

    private static String[] splitLines(String message) {
        String[] lines = message.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        return lines;
    }

    private static List<Line> classify(String[] texts) {
        List<Line> out = new ArrayList<>(texts.length);
        Kind previous = Kind.BLANK;
        boolean inNote = false; // inside a [ ... ] note that spans lines
        for (String text : texts) {
            Line line;
            boolean indented = !text.isEmpty() && Character.isWhitespace(text.charAt(0));
            if (text.isBlank()) {
                line = new Line(text, Kind.BLANK, null, null);
                inNote = false;
            } else if (inNote && (indented || text.stripTrailing().endsWith("]")
                    || asTrailer(text).kind() != Kind.TRAILER)) {
                // A note's later lines. A trailer line that does not close the note ends it instead, so that
                // an unterminated "[" (a "[   1.23] dmesg" line, a typo) cannot swallow the trailers below.
                line = new Line(text, Kind.NOTE, null, null);
                inNote = !text.stripTrailing().endsWith("]");
            } else if (indented) {
                boolean continues = previous == Kind.TRAILER || previous == Kind.CONTINUATION;
                line = new Line(text, continues ? Kind.CONTINUATION : Kind.OTHER, null, null);
            } else if (text.startsWith("[")) {
                line = new Line(text, Kind.NOTE, null, null);
                inNote = !text.stripTrailing().endsWith("]");
            } else if (text.startsWith("#")) {
                line = new Line(text, Kind.COMMENT, null, null);
            } else if (text.startsWith(CHERRY_PICK)) {
                line = new Line(text, Kind.CHERRY_PICK, null, null);
            } else {
                line = asTrailer(text);
            }
            if (line.kind() == Kind.TRAILER) {
                inNote = false;
            }
            previous = line.kind();
            out.add(line);
        }
        return out;
    }

    /** git's find_separator(): a token, optional blanks, then ':'. */
    private static Line asTrailer(String text) {
        int i = 0;
        while (i < text.length() && (Trailer.isAsciiLetter(text.charAt(i)) || isDigit(text.charAt(i))
                || text.charAt(i) == '-')) {
            i++;
        }
        String key = text.substring(0, i);
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i == text.length() || text.charAt(i) != ':' || !Trailer.isToken(key)) {
            return new Line(text, Kind.OTHER, null, null);
        }
        String value = text.substring(i + 1);
        if (value.startsWith("//")) {
            return new Line(text, Kind.OTHER, null, null); // "https://..." on a line of its own
        }
        return new Line(text, Kind.TRAILER, Trailer.canonicalKey(key), value.strip());
    }

    private static int bodyStart(List<Line> lines) {
        int i = 0;
        while (i < lines.size() && lines.get(i).kind() == Kind.BLANK) {
            i++;
        }
        while (i < lines.size() && lines.get(i).kind() != Kind.BLANK) {
            i++; // the subject paragraph
        }
        return i;
    }

    /** [start, end) line ranges of the non-blank paragraphs from {@code from} on. */
    private static List<int[]> paragraphs(List<Line> lines, int from) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        while (i < lines.size()) {
            while (i < lines.size() && lines.get(i).kind() == Kind.BLANK) {
                i++;
            }
            int start = i;
            while (i < lines.size() && lines.get(i).kind() != Kind.BLANK) {
                i++;
            }
            if (i > start) {
                out.add(new int[] {start, i});
            }
        }
        return out;
    }

    /** Index of the first paragraph of the trailer block, or paragraphs.size() when there is none. */
    private static int firstTrailerParagraph(List<Line> lines, List<int[]> paragraphs, TrailerKeys keys) {
        int last = paragraphs.size() - 1;
        // Like git, paragraphs at the very end holding nothing but comments are skipped.
        while (last >= 0 && count(lines, paragraphs.get(last), keys).onlyComments()) {
            last--;
        }
        if (last < 0) {
            return paragraphs.size();
        }
        Counts c = count(lines, paragraphs.get(last), keys);
        boolean gitBlock = c.trailers > 0
                && (c.others == 0 || (c.recognised && c.trailers * 3 >= c.others));
        if (!gitBlock) {
            return paragraphs.size();
        }
        int first = last;
        while (first - 1 >= 0) {
            Counts above = count(lines, paragraphs.get(first - 1), keys);
            // Stricter than the git rule: body text such as "Note: ..." must not be mistaken for trailers.
            boolean pure = above.trailers > 0 && above.others == 0 && above.notes == 0 && above.recognised;
            if (!pure) {
                break;
            }
            first--;
        }
        return first;
    }

    private record Counts(int trailers, int others, int notes, int comments, boolean recognised) {
        boolean onlyComments() {
            return trailers == 0 && others == 0 && notes == 0 && comments > 0;
        }
    }

    private static Counts count(List<Line> lines, int[] paragraph, TrailerKeys keys) {
        int trailers = 0;
        int others = 0;
        int notes = 0;
        int comments = 0;
        boolean recognised = false;
        for (int i = paragraph[0]; i < paragraph[1]; i++) {
            Line l = lines.get(i);
            switch (l.kind()) {
                case TRAILER -> {
                    trailers++;
                    recognised |= isRecognised(l.key(), keys);
                }
                case CHERRY_PICK -> {
                    trailers++; // git counts it as a trailer line and a recognised one
                    recognised = true;
                }
                case OTHER -> others++;
                case NOTE -> {
                    notes++;
                    others++; // git sees a non-trailer line; notes only pass the quarter rule
                }
                case COMMENT -> comments++;
                default -> {
                    // continuation lines count with their trailer
                }
            }
        }
        return new Counts(trailers, others, notes, comments, recognised);
    }

    private static boolean isRecognised(String key, TrailerKeys keys) {
        return WELL_KNOWN.contains(key) || keys.namesPeople(key);
    }

    // ---- values ----------------------------------------------------------------------------------------

    private static void collect(List<Line> lines, int[] paragraph, TrailerKeys keys, List<Trailer> out) {
        String key = null;
        StringBuilder value = new StringBuilder();
        for (int i = paragraph[0]; i < paragraph[1]; i++) {
            Line l = lines.get(i);
            if (l.kind() == Kind.TRAILER) {
                emit(key, value, keys, out);
                key = l.key();
                value.setLength(0);
                value.append(l.value());
            } else if (l.kind() == Kind.CONTINUATION && key != null) {
                if (value.length() > 0) {
                    value.append(' ');
                }
                value.append(l.text().strip());
            } else {
                emit(key, value, keys, out);
                key = null;
            }
        }
        emit(key, value, keys, out);
    }

    private static void emit(String key, StringBuilder value, TrailerKeys keys, List<Trailer> out) {
        if (key == null) {
            return;
        }
        String v = value.toString().strip();
        value.setLength(0);
        if (v.isEmpty()) {
            return;
        }
        if (!keys.namesPeople(key)) {
            out.add(new Trailer(key, v, null));
            return;
        }
        for (String part : splitPeople(stripComment(v))) {
            Identity who = parseIdentity(part);
            if (!who.name().isEmpty() || !who.email().isEmpty()) {
                out.add(new Trailer(key, part, who));
            }
        }
    }

    /**
     * Drops a {@code # comment}: after the last {@code >} if there is one, else from the first {@code #} that
     * follows whitespace (so a {@code #} inside an address or a name like {@code C#} survives).
     */
    static String stripComment(String v) {
        int from = v.lastIndexOf('>') + 1;
        for (int i = Math.max(from, 1); i < v.length(); i++) {
            if (v.charAt(i) == '#' && (i == from || Character.isWhitespace(v.charAt(i - 1)))) {
                return v.substring(0, i).strip();
            }
        }
        return v;
    }

    /** Splits "A <a@x>, B <b@y>" at top-level commas that follow a complete address. */
    static List<String> splitPeople(String v) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        boolean angled = false;
        int parens = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angled = true;
            } else if (!quoted && c == '>') {
                angled = false;
            } else if (!quoted && c == '(') {
                parens++;
            } else if (!quoted && c == ')' && parens > 0) {
                parens--;
            } else if ((c == ',' || c == ';') && !quoted && !angled && parens == 0) {
                String piece = v.substring(start, i);
                if (piece.indexOf('@') >= 0 || piece.indexOf('>') >= 0) {
                    parts.add(piece.strip());
                    start = i + 1;
                }
            }
        }
        String last = v.substring(start).strip();
        if (!last.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    /** One person from a trailer value piece; see the class comment for the accepted shapes. */
    static Identity parseIdentity(String piece) {
        String s = piece.strip();
        int lt = s.indexOf('<');
        // the address is the last <…> holding an @: a name may itself hold angle brackets ("</style>… <s@x.org>")
        for (int i = s.lastIndexOf('<'); i >= 0; i = i == 0 ? -1 : s.lastIndexOf('<', i - 1)) {
            int close = s.indexOf('>', i + 1);
            if ((close < 0 ? s.substring(i + 1) : s.substring(i + 1, close)).indexOf('@') >= 0) {
                lt = i;
                break;
            }
        }
        if (lt >= 0) {
            int gt = s.indexOf('>', lt + 1);
            String email = gt >= 0 ? s.substring(lt + 1, gt) : s.substring(lt + 1);
            return new Identity(cleanName(s.substring(0, lt)), cleanEmail(email));
        }
        String[] words = s.split("\\s+");
        for (String w : words) {
            if (w.indexOf('@') > 0) {
                String email = cleanEmail(w);
                String rest = s.replace(w, " ").strip();
                if (rest.startsWith("(") && rest.endsWith(")")) {
                    rest = rest.substring(1, rest.length() - 1); // old "addr (Name)" style
                }
                return new Identity(cleanName(rest), email);
            }
        }
        return new Identity(cleanName(s), "");
    }

    private static String cleanName(String name) {
        String n = name.strip();
        if (n.endsWith(",") || n.endsWith(":")) {
            n = n.substring(0, n.length() - 1).strip();
        }
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).replace("\\\"", "\"").strip();
        }
        return n;
    }

    private static String cleanEmail(String email) {
        String e = email.strip();
        if (e.regionMatches(true, 0, "mailto:", 0, 7)) {
            e = e.substring(7);
        }
        int from = 0;
        int to = e.length();
        while (from < to && "<([\"',;".indexOf(e.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && ">)]\"',;.".indexOf(e.charAt(to - 1)) >= 0) {
            to--;
        }
        return e.substring(from, to);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Optional<String> strictDecode(byte[] raw, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
