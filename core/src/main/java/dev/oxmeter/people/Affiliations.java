package dev.oxmeter.people;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.oxmeter.OxmeterException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Email-to-employer mappings in the format of gitdm's {@code EmailMap}/{@code DomainMap} files (the LWN "git data
 * miner" by Jonathan Corbet and Greg Kroah-Hartman; see its README, section "EmailMap file", and
 * {@code ReadEmailEmployers()} in {@code ConfigFile.py}):
 * <pre>
 * # comment
 * [user@]domain   Employer Name   [&lt; yyyy-mm-dd]
 * </pre>
 * A key without {@code user@} maps the whole domain. The optional date is an end date: the line applies to commits
 * made strictly before it; a line without a date applies from the previous line's end date into the indefinite
 * future, so several lines for one key form an employment history. {@code #} starts a comment anywhere on a line,
 * as in gitdm. The CNCF fork's {@code user!domain} spelling is accepted too.
 *
 * <p>Lookup ({@link #employerOf}): the full email (case-insensitive), then its domain, then each parent domain
 * down to two labels ({@code dev.foo.intel.com}, {@code foo.intel.com}, {@code intel.com}). Where gitdm differs:
 * it tries the two-label domain <em>first</em> (least specific); here the most specific wins. gitdm keeps both of
 * two lines with the same key and end date; here the later line replaces the earlier one. When a key's history
 * does not cover the date (every line has ended), gitdm reports no employer; here the lookup moves on to the
 * next, less specific key.
 *
 * <p>Instances are immutable and thread-safe. Parsing is O(size of text); a lookup is O(labels in the domain +
 * history length).
 */
public final class Affiliations {
    /** No mappings: every lookup is empty. */
    public static final Affiliations EMPTY = new Affiliations(List.of());

    /** The group of a person without an email address. */
    public static final String UNKNOWN = "(unknown)";

    // gitdm's EMMpat, with the date pinned to digits so that a malformed date is an error rather than employer text.
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+)\\s+([^<]*[^<\\s])\\s*(?:<\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})\\s*)?$");

    /**
     * One line of the file.
     *
     * @param key        lower-cased email ({@code user@domain}) or domain
     * @param employer   the employer's name, trimmed
     * @param until      end date (exclusive), or null when open-ended
     * @param lineNumber 1-based line in the source, 0 when not from a file
     */
    public record Mapping(String key, String employer, LocalDate until, int lineNumber) {
        public Mapping {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(employer, "employer");
            key = Ascii.lower(key.strip());
            employer = employer.strip();
            if (key.isEmpty() || employer.isEmpty()) {
                throw new IllegalArgumentException("empty key or employer");
            }
        }

        /** Whether this line covers a commit made on {@code when}. */
        boolean covers(LocalDate when) {
            return until == null || when.isBefore(until);
        }
    }

    private static final Comparator<Mapping> BY_END =
            Comparator.comparing(Mapping::until, Comparator.nullsLast(Comparator.naturalOrder()));

    private final List<Mapping> mappings;
    private final Map<String, List<Mapping>> byKey;

    private Affiliations(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
        Map<String, List<Mapping>> index = new HashMap<>();
        for (Mapping m : this.mappings) {
            List<Mapping> history = index.computeIfAbsent(m.key(), k -> new ArrayList<>());
            // Later lines win on the same key and end date.
            history.removeIf(old -> Objects.equals(old.until(), m.until()));
            history.add(m);
        }
        for (Map.Entry<String, List<Mapping>> e : index.entrySet()) {
            List<Mapping> sorted = new ArrayList<>(e.getValue());
            sorted.sort(BY_END);
            e.setValue(Collections.unmodifiableList(sorted));
        }
        this.byKey = index;
    }

    /**
     * Parses a gitdm email map.
     *
     * @param sourceName how to name the file in error messages (e.g. its path)
     * @throws OxmeterException for the first malformed line, naming {@code sourceName} and the line number
     */
    public static Affiliations parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        List<Mapping> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw error(sourceName, i + 1, "expected 'email-or-domain  Employer  [< yyyy-mm-dd]'", raw);
            }
            String key = m.group(1);
            if (key.indexOf('@') < 0 && key.indexOf('!') >= 0) {
                key = key.replace('!', '@'); // the CNCF fork's obfuscated spelling
            }
            if (key.indexOf('@') != key.lastIndexOf('@') || key.endsWith("@")) {
                throw error(sourceName, i + 1, "not an email address or domain: " + key, raw);
            }
            LocalDate until = null;
            if (m.group(3) != null) {
                try {
                    until = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)));
                } catch (DateTimeException e) {
                    throw error(sourceName, i + 1, "invalid date", raw);
                }
            }
            out.add(new Mapping(key, m.group(2), until, i + 1));
        }
        return new Affiliations(out);
    }

    private static OxmeterException error(String source, int line, String what, String text) {
        return new OxmeterException(source + ":" + line + ": invalid affiliation line (" + what + "): "
                + text.strip());
    }

    /**
     * The employer of the person with {@code email} for a commit made on {@code when}, from the most specific key
     * whose history covers that date; empty when none does. Null or empty email gives empty.
     */
    public Optional<String> employerOf(String email, LocalDate when) {
        Objects.requireNonNull(when, "when");
        if (email == null || byKey.isEmpty()) {
            return Optional.empty();
        }
        String e = Ascii.lower(email.strip());
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> exact = lookup(e, when);
        if (exact.isPresent()) {
            return exact;
        }
        int at = e.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = e.substring(at + 1);
        while (!domain.isEmpty()) {
            Optional<String> found = lookup(domain, when);
            if (found.isPresent()) {
                return found;
            }
            int dot = domain.indexOf('.');
            // Stop before a bare top-level domain: "com" is nobody's employer.
            if (dot < 0 || domain.indexOf('.', dot + 1) < 0) {
                break;
            }
            domain = domain.substring(dot + 1);
        }
        return Optional.empty();
    }

    /** {@link #employerOf}, else {@link #domainOf}: the group a contribution is counted under. */
    public String employerOrDomain(String email, LocalDate when) {
        return employerOf(email, when).orElseGet(() -> domainOf(email));
    }

    private Optional<String> lookup(String key, LocalDate when) {
        List<Mapping> history = byKey.get(key);
        if (history != null) {
            for (Mapping m : history) {
                if (m.covers(when)) {
                    return Optional.of(m.employer());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The fallback grouping for an email nobody mapped: its domain, lower-cased ({@code Jane@Intel.COM} →
     * {@code intel.com}); {@value #UNKNOWN} when the email is null, empty or has no domain.
     */
    public static String domainOf(String email) {
        if (email == null) {
            return UNKNOWN;
        }
        String e = email.strip();
        int at = e.lastIndexOf('@');
        String domain = at < 0 ? "" : e.substring(at + 1).strip();
        while (domain.endsWith(".") || domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.isEmpty() ? UNKNOWN : Ascii.lower(domain);
    }

    /** All lines in file order. */
    public List<Mapping> mappings() {
        return mappings;
    }

    public int size() {
        return mappings.size();
    }

    @Override
    public String toString() {
        return "Affiliations[" + mappings.size() + " mappings]";
    }
}
