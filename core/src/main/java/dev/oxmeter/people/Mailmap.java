package dev.oxmeter.people;

import dev.oxmeter.OxmeterException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed git {@code .mailmap}: maps the names and addresses found in commits to canonical ones.
 *
 * <p>Lines take the four forms git documents in {@code gitmailmap(5)}:
 * <pre>
 * Proper Name &lt;commit@email&gt;
 * &lt;proper@email&gt; &lt;commit@email&gt;
 * Proper Name &lt;proper@email&gt; &lt;commit@email&gt;
 * Proper Name &lt;proper@email&gt; Commit Name &lt;commit@email&gt;
 * </pre>
 * Parsing and matching follow git's {@code mailmap.c}: a line starting with {@code #} is a comment and anything
 * after the last {@code >} is ignored; the commit email is matched case-insensitively (ASCII letters); an entry
 * with a commit name applies only to that name (also case-insensitive) at that email, and takes precedence over
 * the entries without one; an entry without a commit name applies to the email with any name. Entries without a
 * commit name accumulate field by field (a later {@code Name <a>} replaces only the name for {@code a}); entries
 * with a commit name replace each other wholesale. Lines git would silently skip or misread are kept as
 * {@link #problems()}; {@link #parseStrict} rejects them instead.
 *
 * <p>Instances are immutable and thread-safe. Parsing is O(size of text); {@link #map} is O(length of the input).
 */
public final class Mailmap {
    /** A mailmap with no entries: {@link #map} returns its input unchanged. */
    public static final Mailmap EMPTY = new Mailmap(List.of(), List.of());

    /**
     * One mapping line. Absent parts are empty strings. {@code commitEmail} is always present in the file but may
     * be empty ({@code <>}), which maps commits that have an empty email, as git allows.
     *
     * @param properName  the canonical name, or empty to keep the commit's name
     * @param properEmail the canonical email, or empty to keep the commit's email
     * @param commitName  the name the entry is restricted to, or empty for any name
     * @param commitEmail the email the entry applies to (compared case-insensitively)
     * @param lineNumber  1-based line in the source text (for diagnostics), 0 when not from a file
     */
    public record Entry(String properName, String properEmail, String commitName, String commitEmail,
                        int lineNumber) {
        public Entry {
            properName = Objects.requireNonNullElse(properName, "");
            properEmail = Objects.requireNonNullElse(properEmail, "");
            commitName = Objects.requireNonNullElse(commitName, "");
            commitEmail = Objects.requireNonNullElse(commitEmail, "");
        }
    }

    /**
     * A line git would skip or read differently from what its author probably meant.
     *
     * @param lineNumber 1-based line number
     * @param line       the line as written (without the line terminator)
     * @param reason     what is wrong, for a person
     */
    public record Problem(int lineNumber, String line, String reason) {
        public Problem {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "line " + lineNumber + ": " + reason + ": " + line;
        }
    }

    /** What an email (or an email plus a name) maps to; null fields keep the commit's value. */
    private record Target(String name, String email) {
    }

    /** All mappings for one lower-cased commit email. Mutated only while the constructor builds the index. */
    private static final class Slot {
        String name;
        String email;
        final Map<String, Target> byName = new HashMap<>();
    }

    private final List<Entry> entries;
    private final List<Problem> problems;
    private final Map<String, Slot> byEmail;

    private Mailmap(List<Entry> entries, List<Problem> problems) {
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
        Map<String, Slot> index = new HashMap<>();
        for (Entry e : this.entries) {
            // Mirrors add_mapping() in git's mailmap.c, so that later lines override earlier ones the same way.
            Slot slot = index.computeIfAbsent(Ascii.lower(e.commitEmail()), k -> new Slot());
            if (e.commitName().isEmpty()) {
                if (!e.properName().isEmpty()) {
                    slot.name = e.properName();
                }
                if (!e.properEmail().isEmpty()) {
                    slot.email = e.properEmail();
                }
            } else {
                slot.byName.put(Ascii.lower(e.commitName()),
                        new Target(emptyToNull(e.properName()), emptyToNull(e.properEmail())));
            }
        }
        this.byEmail = index;
    }

    /**
     * Parses mailmap text leniently, as git does: malformed lines are skipped (or read the way git reads them) and
     * reported in {@link #problems()}. Accepts LF or CRLF line ends and a leading byte-order mark.
     */
    public static Mailmap parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = splitLines(text);
        for (int i = 0; i < lines.length; i++) {
            parseLine(lines[i], i + 1, entries, problems);
        }
        return new Mailmap(entries, problems);
    }

    /**
     * Parses a user-supplied mailmap, rejecting the first problematic line.
     *
     * @param sourceName how to name the file in the message (e.g. its path)
     * @throws OxmeterException naming {@code sourceName} and the line number
     */
    public static Mailmap parseStrict(String text, String sourceName) {
        Mailmap parsed = parse(text);
        if (!parsed.problems.isEmpty()) {
            Problem p = parsed.problems.get(0);
            throw new OxmeterException(sourceName + ":" + p.lineNumber() + ": invalid mailmap line (" + p.reason()
                    + "): " + p.line());
        }
        return parsed;
    }

    /**
     * This mailmap with {@code other}'s entries read after its own, so {@code other} wins where both map the same
     * commit email (or email and name) — the way git layers {@code mailmap.file} over {@code .mailmap}. Problems
     * of both are kept. O(total entries).
     */
    public Mailmap merge(Mailmap other) {
        Objects.requireNonNull(other, "other");
        if (other.entries.isEmpty() && other.problems.isEmpty()) {
            return this;
        }
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        List<Problem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(other.problems);
        return new Mailmap(all, allProblems);
    }

    /**
     * The canonical identity for a commit's (or trailer's) name and email; the input itself when nothing maps it.
     * Null arguments are read as empty.
     */
    public Identity map(String name, String email) {
        String n = Objects.requireNonNullElse(name, "");
        String e = Objects.requireNonNullElse(email, "").strip();
        Slot slot = byEmail.get(Ascii.lower(e));
        if (slot == null) {
            return new Identity(n, e);
        }
        String newName = slot.name;
        String newEmail = slot.email;
        Target exact = slot.byName.get(Ascii.lower(n.strip()));
        if (exact != null) {
            // git: a name-specific entry replaces the email-only one entirely, even if it sets fewer fields.
            newName = exact.name();
            newEmail = exact.email();
        }
        return new Identity(newName != null ? newName : n, newEmail != null ? newEmail : e);
    }

    /** {@link #map(String, String)} applied to an identity. */
    public Identity map(Identity who) {
        return map(who.name(), who.email());
    }

    /** The mapping lines, in file order (for merged mailmaps, this one's then the other's). */
    public List<Entry> entries() {
        return entries;
    }

    /** Number of mapping lines. */
    public int size() {
        return entries.size();
    }

    /** Lines that were skipped or are likely mistakes; empty for a clean file. */
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "Mailmap[" + entries.size() + " entries, " + problems.size() + " problems]";
    }

    // ---- parsing ------------------------------------------------------------------------------------------

    private static String[] splitLines(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        return lines;
    }

    private static void parseLine(String line, int number, List<Entry> entries, List<Problem> problems) {
        String trimmed = line.strip();
        // git treats only a '#' in column 1 as a comment. An indented '#' line is taken as a comment too: git
        // skips it unless it contains <...>, and then reads a mapping named "# ...", which nobody means.
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        int left1 = line.indexOf('<');
        int right1 = left1 < 0 ? -1 : line.indexOf('>', left1 + 1);
        if (left1 < 0 || right1 < 0) {
            problems.add(new Problem(number, line, "no <email>"));
            return;
        }
        String email1 = line.substring(left1 + 1, right1).strip();
        if (email1.isEmpty()) {
            // git refuses an empty first email; only the commit email (second) may be <>.
            problems.add(new Problem(number, line, "empty first <email>"));
            return;
        }
        String name1 = line.substring(0, left1).strip();
        String rest = line.substring(right1 + 1);
        int left2 = rest.indexOf('<');
        int right2 = left2 < 0 ? -1 : rest.indexOf('>', left2 + 1);
        Entry entry;
        String trailing;
        if (left2 < 0 || right2 < 0) {
            // Single-email form: the email is the commit email and only the name is replaced.
            entry = new Entry(name1, "", "", email1, number);
            trailing = rest;
        } else {
            String name2 = rest.substring(0, left2).strip();
            String email2 = rest.substring(left2 + 1, right2).strip();
            entry = new Entry(name1, email1, name2, email2, number);
            trailing = rest.substring(right2 + 1);
        }
        entries.add(entry);
        String junk = trailing.strip();
        if (!junk.isEmpty() && !junk.startsWith("#")) {
            // git ignores it, but "Name <a> Other Name" (second email forgotten) is a likely mistake.
            problems.add(new Problem(number, line, "unexpected text after the last <email>"));
        } else if (entry.properName().isEmpty() && entry.properEmail().isEmpty()) {
            problems.add(new Problem(number, line, "maps nothing (no proper name or proper email)"));
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
