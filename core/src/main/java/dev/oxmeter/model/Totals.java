package dev.oxmeter.model;

import dev.oxmeter.count.LineCounts;

/** Sums for one row of a composition: files, physical lines split into code/comment/blank, and bytes. */
public record Totals(long files, long lines, long code, long comment, long blank, long bytes) {
    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0);

    public static Totals ofFile(LineCounts c, long bytes) {
        return new Totals(1, c.lines(), c.code(), c.comment(), c.blank(), bytes);
    }

    public Totals plus(Totals o) {
        return new Totals(files + o.files, lines + o.lines, code + o.code, comment + o.comment, blank + o.blank,
                bytes + o.bytes);
    }
}
