package dev.oxmeter.owners;

/**
 * Translates an {@code N:} value of MAINTAINERS, a Perl regex that get_maintainer.pl applies as {@code m/$value/x},
 * into RE2/J syntax with the same meaning, or says why that is impossible. Perl's {@code /x} drops unescaped
 * whitespace and {@code #} comments outside classes; {@code {n}}, {@code {n,}}, {@code {n,m}} and {@code {,n}}
 * are quantifiers and any other {@code {} is a literal brace; {@code \Z}, {@code \h}, {@code \v}, {@code \R},
 * {@code \e}, {@code \cX}, {@code \s} (which includes the vertical tab in Perl), {@code (?#…)} comments and
 * {@code (?<name>…)} groups are rewritten; an escaped letter Perl does not know is that letter. What RE2/J cannot
 * express in linear time (look-around, back-references, atomic groups, possessive quantifiers, recursion,
 * conditionals, {@code \G}, {@code \K}) is refused with a reason. Stateless; O(length).
 */
final class PerlRegex {
    private static final String VERTICAL = "\\n\\x0B\\f\\r\\x85\\x{2028}\\x{2029}";
    private static final String HORIZONTAL = "\\t\\x20\\xA0\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}"
            + "\\x{3000}";
    private static final String SPACE = "\\t\\n\\x0B\\f\\r\\x20";
    /** Escaped letters whose meaning is kept as written (RE2/J knows them the way Perl does). */
    private static final String KEPT = "dDwWbBAzpPxtnrfaQE";

    /** An RE2/J pattern, or, when {@code re2} is null, why there is none. */
    record Result(String re2, String problem) {
        boolean ok() {
            return re2 != null;
        }
    }

    private PerlRegex() {
    }

    static Result translate(String perl) {
        StringBuilder b = new StringBuilder(perl.length() + 8);
        boolean inClass = false;
        int classStart = -1;
        int n = perl.length();
        for (int i = 0; i < n; i++) {
            char c = perl.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return refuse("ends in a lone backslash");
                }
                char e = perl.charAt(++i);
                String problem = escape(b, e, inClass, perl, i);
                if (problem != null) {
                    return refuse(problem);
                }
                if (e == 'c' && i + 1 < n) {
                    i++; // \cX consumed its letter
                }
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart) {
                    inClass = false;
                } else if (c == '[' && i + 1 < n && perl.charAt(i + 1) == ':') {
                    int end = perl.indexOf(":]", i + 2);
                    if (end > 0) {
                        b.append(perl, i, end + 2);
                        i = end + 1;
                        continue;
                    }
                }
                b.append(c);
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue; // /x
            }
            if (c == '#') {
                int nl = perl.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                continue; // /x comment
            }
            if (c == '[') {
                inClass = true;
                b.append(c);
                int j = i + 1;
                if (j < n && perl.charAt(j) == '^') {
                    b.append('^');
                    j++;
                }
                if (j < n && perl.charAt(j) == ']') {
                    b.append("\\]"); // a leading ] is a member
                    j++;
                }
                classStart = j;
                i = j - 1;
                continue;
            }
            if (c == '(' && i + 1 < n && perl.charAt(i + 1) == '?') {
                String rest = perl.substring(i + 2);
                if (rest.startsWith("#")) {
                    int close = perl.indexOf(')', i);
                    if (close < 0) {
                        return refuse("unterminated (?# comment");
                    }
                    i = close;
                    continue;
                }
                String problem = group(rest);
                if (problem != null) {
                    return refuse(problem);
                }
                if (rest.startsWith("<") || rest.startsWith("'")) {
                    int close = rest.indexOf(rest.charAt(0) == '<' ? '>' : '\'', 1);
                    if (close < 0) {
                        return refuse("unterminated group name");
                    }
                    b.append("(?P<").append(rest, 1, close).append('>');
                    i += 2 + close;
                    continue;
                }
                b.append("(?");
                i++;
                continue;
            }
            if (c == '{') {
                int close = perl.indexOf('}', i);
                String body = close < 0 ? null : perl.substring(i + 1, close);
                if (body != null && body.matches("[0-9]+(,[0-9]*)?|,[0-9]+")) {
                    b.append('{').append(body.startsWith(",") ? "0" + body : body).append('}');
                    i = close;
                    if (i + 1 < n && perl.charAt(i + 1) == '+') {
                        return refuse("possessive quantifier");
                    }
                    continue;
                }
                b.append("\\{"); // not a quantifier: Perl takes the brace literally
                continue;
            }
            if (c == '}') {
                b.append("\\}");
                continue;
            }
            if ((c == '*' || c == '+' || c == '?') && i + 1 < n && perl.charAt(i + 1) == '+'
                    && !(c == '?' && i > 0 && "*+?}".indexOf(perl.charAt(i - 1)) >= 0 && !escaped(perl, i - 1))) {
                return refuse("possessive quantifier");
            }
            b.append(c);
        }
        if (inClass) {
            return refuse("unterminated character class");
        }
        return new Result(b.toString(), null);
    }

    private static boolean escaped(String s, int i) {
        int k = 0;
        while (i - 1 - k >= 0 && s.charAt(i - 1 - k) == '\\') {
            k++;
        }
        return k % 2 == 1;
    }

    /** Appends the RE2/J form of escape {@code \e}; returns why it cannot be expressed, or null. */
    private static String escape(StringBuilder b, char e, boolean inClass, String perl, int at) {
        switch (e) {
            case 'Z' -> {
                if (inClass) {
                    return "\\Z inside a character class";
                }
                b.append("(?:\\n?\\z)");
            }
            case 'h' -> b.append(inClass ? HORIZONTAL : "[" + HORIZONTAL + "]");
            case 'v' -> b.append(inClass ? VERTICAL : "[" + VERTICAL + "]");
            case 's' -> b.append(inClass ? SPACE : "[" + SPACE + "]");
            case 'H', 'V', 'S' -> {
                if (inClass) {
                    return "\\" + e + " inside a character class";
                }
                b.append("[^").append(e == 'H' ? HORIZONTAL : e == 'V' ? VERTICAL : SPACE).append(']');
            }
            case 'R' -> {
                if (inClass) {
                    return "\\R inside a character class";
                }
                b.append("(?:\\r\\n|[" + VERTICAL + "])");
            }
            case 'e' -> b.append("\\x1B");
            case 'c' -> {
                if (at + 1 >= perl.length()) {
                    return "\\c at the end";
                }
                b.append(String.format(java.util.Locale.ROOT, "\\x%02X",
                        Character.toUpperCase(perl.charAt(at + 1)) ^ 64));
            }
            case 'G' -> {
                return "\\G (the position of a previous match)";
            }
            case 'K' -> {
                return "\\K (keep the left part out of the match)";
            }
            case 'g', 'k' -> {
                return "back-reference \\" + e;
            }
            case 'X', 'C', 'N', 'l', 'u', 'L', 'U', 'o' -> {
                return "\\" + e + " is Perl-only";
            }
            default -> {
                if (e >= '1' && e <= '9' && !inClass) {
                    return "back-reference \\" + e;
                }
                if (KEPT.indexOf(e) >= 0 || (e >= '0' && e <= '9')) {
                    b.append('\\').append(e);
                } else if (Character.isLetter(e) && e < 0x80) {
                    b.append(e); // Perl reads an unknown escaped letter as the letter itself
                } else if (e < 0x80) {
                    b.append('\\').append(e);
                } else {
                    b.append(String.format(java.util.Locale.ROOT, "\\x{%X}", (int) e));
                }
            }
        }
        return null;
    }

    /** Why the group starting {@code (?} + {@code rest} cannot be expressed, or null. */
    private static String group(String rest) {
        if (rest.startsWith("=") || rest.startsWith("!")) {
            return "look-ahead (?" + rest.charAt(0);
        }
        if (rest.startsWith("<=") || rest.startsWith("<!")) {
            return "look-behind (?" + rest.substring(0, 2);
        }
        if (rest.startsWith(">")) {
            return "atomic group (?>";
        }
        if (rest.startsWith("|")) {
            return "branch reset (?|";
        }
        if (rest.startsWith("(")) {
            return "conditional (?(";
        }
        if (rest.startsWith("R") || rest.startsWith("&") || rest.startsWith("P>")
                || (!rest.isEmpty() && (Character.isDigit(rest.charAt(0)) || rest.charAt(0) == '+'
                || rest.charAt(0) == '-' && rest.length() > 1 && Character.isDigit(rest.charAt(1))))) {
            return "recursion (?" + rest.charAt(0);
        }
        if (rest.startsWith("{") || rest.startsWith("?{")) {
            return "embedded code";
        }
        return null;
    }

    private static Result refuse(String why) {
        return new Result(null, why);
    }
}
