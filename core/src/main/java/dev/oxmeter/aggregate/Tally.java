package dev.oxmeter.aggregate;

import java.util.Arrays;

/**
 * Sums of one subtree's rows and metrics while it is composed, in dense arrays indexed by the {@link SubtreeMemo}'s
 * name ids, so that adding a file or a composed subtree allocates nothing; {@link #take()} gives the sums in the
 * memo's encoding and clears the tally for the next subtree.
 *
 * <p>Not thread-safe: the composing thread keeps one per tree depth.
 */
final class Tally {
    /** Per name id: files, lines, code, comment, blank, bytes. */
    private long[] rows = new long[6 * 32];
    private long[] metrics = new long[32];
    /** Name ids of the rows (metrics) added since the last take, in the order first added; a row is present once added. */
    private int[] rowIds = new int[16];
    private int rowCount;
    private int[] metricIds = new int[16];
    private int metricCount;
    private boolean[] hasRow = new boolean[32];
    private boolean[] hasMetric = new boolean[32];

    /** Adds to row {@code name}. */
    void row(int name, long files, long lines, long code, long comment, long blank, long bytes) {
        if (name >= hasRow.length) {
            int n = Math.max(name + 1, hasRow.length * 2);
            hasRow = Arrays.copyOf(hasRow, n);
            rows = Arrays.copyOf(rows, n * 6);
        }
        if (!hasRow[name]) {
            hasRow[name] = true;
            if (rowCount == rowIds.length) {
                rowIds = Arrays.copyOf(rowIds, rowCount * 2);
            }
            rowIds[rowCount++] = name;
        }
        int at = name * 6;
        rows[at] += files;
        rows[at + 1] += lines;
        rows[at + 2] += code;
        rows[at + 3] += comment;
        rows[at + 4] += blank;
        rows[at + 5] += bytes;
    }

    /** Adds {@code value} to metric {@code name}; a 0 adds nothing (a metric with nothing is absent). */
    void metric(int name, long value) {
        if (value == 0) {
            return;
        }
        if (name >= hasMetric.length) {
            int n = Math.max(name + 1, hasMetric.length * 2);
            hasMetric = Arrays.copyOf(hasMetric, n);
            metrics = Arrays.copyOf(metrics, n);
        }
        if (!hasMetric[name]) {
            hasMetric[name] = true;
            if (metricCount == metricIds.length) {
                metricIds = Arrays.copyOf(metricIds, metricCount * 2);
            }
            metricIds[metricCount++] = name;
        }
        metrics[name] += value;
    }

    /** Adds a composition in the memo's encoding ({@link SubtreeMemo}). */
    void add(long[] e) {
        add(e, 0, e.length);
    }

    /** Adds the composition encoded in {@code a} from {@code from} to {@code to} (exclusive). */
    void add(long[] a, int from, int to) {
        int rowsIn = (int) a[from];
        int i = from + 1;
        for (int r = 0; r < rowsIn; r++, i += 7) {
            row((int) a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4], a[i + 5], a[i + 6]);
        }
        for (; i < to; i += 2) {
            metric((int) a[i], a[i + 1]);
        }
    }

    /** The sums in the memo's encoding; the tally is empty afterwards. */
    long[] take() {
        long[] e = new long[1 + rowCount * 7 + metricCount * 2];
        e[0] = rowCount;
        int i = 1;
        for (int r = 0; r < rowCount; r++) {
            int name = rowIds[r];
            int at = name * 6;
            e[i++] = name;
            System.arraycopy(rows, at, e, i, 6);
            i += 6;
            Arrays.fill(rows, at, at + 6, 0);
            hasRow[name] = false;
        }
        for (int m = 0; m < metricCount; m++) {
            int name = metricIds[m];
            e[i++] = name;
            e[i++] = metrics[name];
            metrics[name] = 0;
            hasMetric[name] = false;
        }
        rowCount = 0;
        metricCount = 0;
        return e;
    }
}
