package dev.oxmeter.toolchain;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Rust toolchain version as projects declare it ({@code 1.70}, {@code 1.49.0}, {@code 1.85.1}): compared
 * numerically, a missing patch level counting as 0 (Cargo reads {@code rust-version = "1.70"} as 1.70.0), and
 * printed as written. Immutable.
 */
public record RustVersion(int major, int minor, int patch, String text) implements Comparable<RustVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?");

    public RustVersion {
        Objects.requireNonNull(text, "text");
    }

    /** Parses {@code MAJOR.MINOR[.PATCH]} (surrounding blanks allowed); null when {@code s} is not of that form. */
    public static RustVersion parse(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            return null;
        }
        return new RustVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), t);
    }

    @Override
    public int compareTo(RustVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    /** True when this version is at least {@code o}. */
    public boolean atLeast(RustVersion o) {
        return compareTo(o) >= 0;
    }

    /** The larger of two versions, either of which may be null. */
    public static RustVersion max(RustVersion a, RustVersion b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.compareTo(a) > 0 ? b : a;
    }

    @Override
    public String toString() {
        return text;
    }
}
