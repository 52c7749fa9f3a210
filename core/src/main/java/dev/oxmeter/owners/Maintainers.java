package dev.oxmeter.owners;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed kernel MAINTAINERS file: its entries in file order.
 *
 * <p>Parsing follows scripts/get_maintainer.pl, so it accepts what that script accepts: a field line is one
 * upper-case letter, a colon, optional whitespace (tab, spaces, or none) and the value; blank lines are ignored;
 * any other line is text. An entry is a run of field lines (blank lines inside it do not end it) and its title
 * is the last text line before the run. So the free-form header (whose example fields are indented) is skipped
 * without knowing its wording, titles may contain colons and tabs ({@code HPET:	High Precision…}), and a
 * missing {@code S:} is simply an empty status. Unknown field letters (W, Q, B, C, T, …) are accepted and not
 * kept. In old files {@code P:} meant Person: a following bare {@code M:} address takes that name.
 *
 * <p>Immutable and thread-safe. Parsing is O(n).
 */
public record Maintainers(List<MaintainersEntry> entries) {
    public Maintainers {
        entries = List.copyOf(entries);
    }

    /** Parses MAINTAINERS text (LF or CRLF). Never fails: lines it cannot place are ignored. */
    public static Maintainers parse(String text) {
        Objects.requireNonNull(text, "text");
        List<MaintainersEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String lastText = null;
        int lastTextLine = 0;
        Builder current = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (isField(line)) {
                if (current == null) {
                    current = lastText == null ? new Builder("", n + 1) : new Builder(lastText, lastTextLine);
                    lastText = null;
                }
                current.add(line.charAt(0), line.substring(2).strip());
            } else {
                if (current != null) {
                    entries.add(current.build());
                    current = null;
                }
                lastText = line.strip();
                lastTextLine = n + 1;
            }
        }
        if (current != null) {
            entries.add(current.build());
        }
        return new Maintainers(entries);
    }

    /** get_maintainer.pl's {@code m/^(\C):\s*(.*)/}, restricted to the upper-case letters tags use. */
    static boolean isField(String line) {
        return line.length() >= 2 && line.charAt(1) == ':' && line.charAt(0) >= 'A' && line.charAt(0) <= 'Z';
    }

    private static final class Builder {
        private final String title;
        private final int line;
        private String status = "";
        private final List<String> m = new ArrayList<>();
        private final List<String> r = new ArrayList<>();
        private final List<String> l = new ArrayList<>();
        private final List<String> f = new ArrayList<>();
        private final List<String> x = new ArrayList<>();
        private final List<String> nn = new ArrayList<>();
        private final List<String> k = new ArrayList<>();
        private String person;

        Builder(String title, int line) {
            this.title = title;
            this.line = line;
        }

        void add(char type, String value) {
            String personBefore = person;
            person = null;
            if (value.isEmpty()) {
                return;
            }
            switch (type) {
                case 'M' -> m.add(personBefore != null && !value.contains("<")
                        ? personBefore + " <" + value + ">" : value);
                case 'R' -> r.add(value);
                case 'L' -> l.add(value);
                case 'S' -> status = value;
                case 'F' -> f.add(value);
                case 'X' -> x.add(value);
                case 'N' -> nn.add(value);
                case 'K' -> k.add(value);
                case 'P' -> person = value;
                default -> {
                    // W, Q, B, C, T and future tags: not needed for ownership
                }
            }
        }

        MaintainersEntry build() {
            return new MaintainersEntry(title, status, m, r, l, f, x, nn, k, line);
        }
    }
}
