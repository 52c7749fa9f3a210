package dev.oxmeter.count;

/**
 * Physical line counts of one text: every line is exactly one of code, comment or blank.
 *
 * <p>Immutable value; {@code lines == code + comment + blank} always holds.
 */
public record LineCounts(long lines, long code, long comment, long blank) {
    public static final LineCounts ZERO = new LineCounts(0, 0, 0, 0);

    public LineCounts {
        if (lines != code + comment + blank || code < 0 || comment < 0 || blank < 0) {
            throw new IllegalArgumentException(
                    "inconsistent counts: lines=" + lines + " code=" + code + " comment=" + comment + " blank=" + blank);
        }
    }

    public static LineCounts of(long code, long comment, long blank) {
        return new LineCounts(code + comment + blank, code, comment, blank);
    }

    public LineCounts plus(LineCounts o) {
        return new LineCounts(lines + o.lines, code + o.code, comment + o.comment, blank + o.blank);
    }
}
