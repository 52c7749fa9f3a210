package dev.oxmeter.owners;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed GitHub or GitLab CODEOWNERS file.
 *
 * <p><b>Lines.</b> {@code pattern owner…}; blank lines and {@code #} comments are skipped, an owner token
 * starting with {@code #} starts a trailing comment, and {@code \ } / {@code \#} escape a space or hash in a
 * pattern. GitLab section headers ({@code [Section]}, {@code ^[Optional section]}, {@code [Section][2]}, with
 * optional default owners after them) start a section; a rule without owners inside a section takes the
 * section's default owners. {@code !negation} is not supported by either host: such lines are skipped and
 * reported in {@link #problems()}.
 *
 * <p><b>Patterns</b> (gitignore style, as GitHub documents them): a leading {@code /} or a {@code /} inside the
 * pattern anchors it at the repository root, otherwise it matches at any depth; a trailing {@code /} matches a
 * directory (everything below it); a pattern without one matches a file or a directory of that name (and then
 * everything below it); {@code *} and {@code ?} do not cross {@code /}; {@code **} does ({@code **}{@code /x},
 * {@code x/**}, {@code a/**}{@code /b}); a final {@code /*} matches direct children only
 * ({@code docs/*} owns {@code docs/a.md}, not {@code docs/sub/b.md}). Character ranges are literal text
 * (GitHub does not support them).
 *
 * <p><b>Precedence.</b> The last matching line wins ({@link #match}). With GitLab sections each section has its
 * own last match and all of them apply ({@link #matchBySection}); a file without sections has one.
 *
 * <p><b>Cost.</b> Patterns compile to RE2/J regexes (linear time), lazily, and a path tests only the rules an
 * index names as candidates, never every rule: anchored patterns by their literal prefix (the text before the first
 * wildcard, looked up for every prefix of the path), unanchored ones by the literal name, the literal end
 * ({@code *.js}) or the literal start ({@code test_*}) of a path component, and the rare rest (a bare {@code *},
 * or {@code **} without a slash) always. The index only filters; the regex decides. 10,000 rules over 5,000 paths
 * take well under a second. Immutable and thread-safe.
 */
public final class CodeOwners implements Ownership {
    private final List<CodeOwnersRule> rules;
    private final List<String> problems;
    /** Compiled on first use: a benign race at worst compiles a pattern twice (Pattern is immutable). */
    private final Pattern[] compiled;
    private final RuleIndex index;
    /** Per rule, the position of its section in the file's order of sections. */
    private final int[] sectionOf;
    private final List<String> sections;

    private CodeOwners(List<CodeOwnersRule> rules, List<String> problems) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
        this.compiled = new Pattern[rules.size()];
        this.index = new RuleIndex(rules);
        this.sectionOf = new int[rules.size()];
        Map<String, Integer> order = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            sectionOf[i] = order.computeIfAbsent(rules.get(i).section(), k -> order.size());
        }
        this.sections = List.copyOf(order.keySet());
    }

    /** Parses CODEOWNERS text (LF or CRLF). Never fails: lines it cannot use are reported and skipped. */
    public static CodeOwners parse(String text) {
        Objects.requireNonNull(text, "text");
        List<CodeOwnersRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String section = "";
        List<String> sectionOwners = List.of();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") || line.startsWith("^[")) {
                int close = line.indexOf(']');
                if (close > 0) {
                    section = line.substring(line.indexOf('[') + 1, close).strip();
                    String rest = line.substring(close + 1).strip();
                    if (rest.startsWith("[")) { // GitLab approval count: [Section][2]
                        int c2 = rest.indexOf(']');
                        rest = c2 > 0 ? rest.substring(c2 + 1).strip() : "";
                    }
                    sectionOwners = owners(tokens(rest), 0);
                    continue;
                }
            }
            List<String> tokens = tokens(line);
            String pattern = tokens.get(0);
            if (pattern.startsWith("!")) {
                problems.add("line " + (n + 1) + ": negated pattern '" + pattern + "' is not supported; skipped");
                continue;
            }
            List<String> owners = owners(tokens, 1);
            if (owners.isEmpty() && !section.isEmpty()) {
                owners = sectionOwners;
            }
            rules.add(new CodeOwnersRule(pattern, owners, n + 1, section));
        }
        return new CodeOwners(rules, problems);
    }

    /** The rules in file order. */
    public List<CodeOwnersRule> rules() {
        return rules;
    }

    /** Lines that were skipped, with the reason. */
    @Override
    public List<String> problems() {
        return problems;
    }

    /** The winning rule for {@code path} (repository-relative, no leading slash): the last one that matches. */
    public Optional<CodeOwnersRule> match(String path) {
        String p = normalize(path);
        int[] candidates = index.candidates(p);
        for (int i = candidates.length - 1; i >= 0; i--) {
            if (matches(candidates[i], p)) {
                return Optional.of(rules.get(candidates[i]));
            }
        }
        return Optional.empty();
    }

    /** The last matching rule of each section that has one, in section order (one rule without sections). */
    public List<CodeOwnersRule> matchBySection(String path) {
        if (sections.size() == 1) {
            Optional<CodeOwnersRule> m = match(path);
            return m.isPresent() ? List.of(m.get()) : List.of();
        }
        String p = normalize(path);
        int[] candidates = index.candidates(p);
        CodeOwnersRule[] winners = new CodeOwnersRule[sections.size()];
        for (int i = candidates.length - 1; i >= 0; i--) {
            int r = candidates[i];
            if (winners[sectionOf[r]] == null && matches(r, p)) {
                winners[sectionOf[r]] = rules.get(r);
            }
        }
        List<CodeOwnersRule> out = new ArrayList<>();
        for (CodeOwnersRule w : winners) {
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    private boolean matches(int rule, String path) {
        Pattern p = compiled[rule];
        if (p == null) {
            p = Pattern.compile(toRegex(rules.get(rule).pattern()));
            compiled[rule] = p;
        }
        return p.matcher(path).matches();
    }

    /** The owners of {@code path}: one {@link Owner} per section winner, named by its pattern. */
    @Override
    public List<Owner> owners(String path) {
        return matchBySection(path).stream().map(r -> new Owner(r.pattern(), r.owners())).toList();
    }

    private static String normalize(String path) {
        Objects.requireNonNull(path, "path");
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** Splits on unescaped whitespace; {@code \ } and {@code \#} become a literal space and hash. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Owner tokens from {@code from} up to a trailing {@code #} comment. */
    private static List<String> owners(List<String> tokens, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).startsWith("#")) {
                break;
            }
            out.add(tokens.get(i));
        }
        return out;
    }

    /** The RE2 regex, matched against the whole path, for a CODEOWNERS pattern (rules in the class comment). */
    static String toRegex(String pattern) {
        String p = pattern;
        boolean dirOnly = p.endsWith("/") && p.length() > 1;
        if (dirOnly) {
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.startsWith("/") || p.indexOf('/') >= 0;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        boolean childrenOnly = p.endsWith("/*");
        StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
        int i = 0;
        if (p.startsWith("**/")) {
            re.append("(?:.*/)?");
            i = 3;
        }
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '/' && p.startsWith("/**/", i)) {
                re.append("/(?:.*/)?");
                i += 4;
            } else if (c == '/' && p.startsWith("/**", i) && i + 3 == p.length()) {
                re.append("/.*");
                i += 3;
            } else if (c == '*' && p.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else {
                if (".[]{}()+^$|\\".indexOf(c) >= 0) {
                    re.append('\\');
                }
                re.append(c);
                i++;
            }
        }
        if (dirOnly) {
            re.append("/.*");
        } else if (!childrenOnly) {
            re.append("(?:/.*)?");
        }
        return re.toString();
    }
}
