package dev.oxmeter.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places horizontal text labels along an axis without overlaps: candidates are taken in priority order and kept
 * only when their box, widened by a gap, touches no box already kept; a label that would cross an end of the axis
 * is aligned to that end instead. Text widths are estimated from per-character advance widths of DejaVu Sans (the
 * widest of the usual sans-serif fonts), so a real font draws them no wider. Stateless.
 */
public final class LabelLayout {
    private LabelLayout() {
    }

    /** A kept label: its text, the index it labels, and its box {@code [x0, x1]} with the anchor to draw it by. */
    public record Placed(int index, String text, double x0, double x1, Anchor anchor) {
        /** The x to draw at for {@link #anchor}. */
        public double x() {
            return switch (anchor) {
                case START -> x0;
                case END -> x1;
                case MIDDLE -> (x0 + x1) / 2;
            };
        }
    }

    /** SVG text-anchor values. */
    public enum Anchor {
        START, MIDDLE, END;

        public String svg() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The labels to draw, by index order.
     *
     * @param centers  where each label would be centred
     * @param texts    the labels
     * @param priority higher first; ties go to the higher index (the newer release)
     * @param font     font size in the same units as the positions
     * @param min      left end of the axis
     * @param max      right end of the axis
     * @param gap      free space required between two labels
     */
    public static List<Placed> place(double[] centers, List<String> texts, int[] priority, double font, double min,
                                     double max, double gap) {
        int n = centers.length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -priority[i]).thenComparing(i -> -i));
        List<Placed> kept = new ArrayList<>();
        for (int i : order) {
            String t = texts.get(i);
            double w = width(t, font);
            if (w > max - min) {
                continue;
            }
            double x0 = centers[i] - w / 2;
            Anchor a = Anchor.MIDDLE;
            if (x0 < min) {
                x0 = min;
                a = Anchor.START;
            } else if (x0 + w > max) {
                x0 = max - w;
                a = Anchor.END;
            }
            Placed p = new Placed(i, t, x0, x0 + w, a);
            boolean free = true;
            for (Placed k : kept) {
                if (p.x0() < k.x1() + gap && k.x0() < p.x1() + gap) {
                    free = false;
                    break;
                }
            }
            if (free) {
                kept.add(p);
            }
        }
        kept.sort(Comparator.comparingInt(Placed::index));
        return kept;
    }

    /** Estimated advance width of {@code s} at font size {@code font} (DejaVu Sans metrics, rounded up). */
    public static double width(String s, double font) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            em += advance(c);
        }
        return em * font;
    }

    private static double advance(char c) {
        if (c >= '0' && c <= '9') {
            return 0.64;
        }
        if (".,:;!|'il".indexOf(c) >= 0) {
            return 0.33;
        }
        if (c == ' ' || c == '-' || c == 'j' || c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')') {
            return 0.42;
        }
        if (c == 'm' || c == 'w') {
            return 0.98;
        }
        if (c == 'M' || c == 'W') {
            return 1.0;
        }
        if (c >= 'A' && c <= 'Z') {
            return 0.78;
        }
        if (c >= 'a' && c <= 'z') {
            return 0.64;
        }
        return c < 0x80 ? 0.84 : 1.0;
    }
}
