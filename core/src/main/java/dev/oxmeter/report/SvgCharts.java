package dev.oxmeter.report;

import dev.oxmeter.render.Fmt;
import dev.oxmeter.render.Html;

import static dev.oxmeter.render.Html.esc;

import java.util.List;
import java.util.Locale;

/**
 * Small, dependency-free SVG building blocks for the report page: frames, the y axis, horizontal bars and HTML
 * legends (charts over time are {@link TimeCharts}). Colours come from CSS classes ({@code c0}…{@code c8},
 * {@code crust}, {@code cother}), so the page's light and dark themes apply. Output is deterministic (fixed
 * number formatting) and every label passes through {@link Html#esc}. Stateless.
 */
public final class SvgCharts {
    /** The drawing area: a wide frame for screens, a narrow one for phones (the page shows one of them). */
    public record Frame(int w, int h, int left, int right, int top, int bottom, int labelChars, int hbarLeft,
                        int font) {
        double plotW() {
            return w - left - right;
        }
    }

    public static final Frame WIDE = new Frame(960, 300, 62, 16, 14, 42, 16, 230, 13);
    public static final Frame NARROW = new Frame(360, 250, 40, 10, 12, 40, 12, 120, 11);

    private SvgCharts() {
    }

    /** One data series: a name (shown in the legend and tooltips), its values per x and its colour class. */
    public record Series(String name, double[] values, String cls) {
    }

    /** How values print: plain counts or percentages. */
    public enum Unit {
        COUNT, PERCENT
    }

    /** An HTML legend for {@code series}. */
    public static String legend(List<Series> series) {
        StringBuilder sb = new StringBuilder("<ul class=\"legend\">");
        for (Series s : series) {
            sb.append("<li><span class=\"sw ").append(s.cls()).append("\"></span>").append(esc(s.name()))
                    .append("</li>");
        }
        return sb.append("</ul>").toString();
    }

    /** Horizontal bars, one per label, largest first as given. */
    public static String hbars(Frame fr, String label, List<String> labels, double[] values, String cls) {
        int n = labels.size();
        int row = 24;
        int left = fr.hbarLeft();
        int h = fr.top() + n * row + 8;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double scale = max <= 0 ? 0 : (fr.w() - left - 70) / max;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart hb\" viewBox=\"0 0 ").append(fr.w()).append(' ').append(h)
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
        for (int i = 0; i < n; i++) {
            double y = fr.top() + i * row;
            String name = labels.get(i);
            double w = Math.max(1, values[i] * scale);
            sb.append("<g><text class=\"yl\" x=\"").append(left - 8).append("\" y=\"").append(f(y + row * 0.62))
                    .append("\" text-anchor=\"end\">").append(esc(shorten(name, fr.hbarLeft() / 8))).append("</text>")
                    .append("<rect class=\"s ").append(cls).append("\" x=\"").append(left).append("\" y=\"")
                    .append(f(y + 3)).append("\" width=\"").append(f(w)).append("\" height=\"").append(row - 6)
                    .append("\"><title>").append(esc(name)).append(": ").append(Fmt.count(Math.round(values[i])))
                    .append("</title></rect><text class=\"v\" x=\"").append(f(left + w + 6)).append("\" y=\"")
                    .append(f(y + row * 0.62)).append("\">").append(Fmt.count(Math.round(values[i])))
                    .append("</text></g>");
        }
        return sb.append("</svg>").toString();
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    /**
     * {@code v} with one decimal, without a trailing {@code .0}: exactly {@code String.format(Locale.ROOT, "%.1f", v)}
     * so trimmed, without a Formatter for the usual coordinates (a report draws tens of thousands), which are
     * positive, below a million and not within 1e-7 of a rounding tie (the Formatter rounds those half up from the
     * shortest decimal, as {@link Fmt#fixed} does).
     */
    static String f(double v) {
        double r = v * 10;
        if ((v > 0 || Double.doubleToRawLongBits(v) == 0) && v < 1e6) {
            double frac = r - Math.floor(r);
            if (Math.abs(frac - 0.5) > 1e-6) {
                long n = Math.round(r);
                long whole = n / 10;
                int tenth = (int) (n % 10);
                return tenth == 0 ? Long.toString(whole) : whole + "." + tenth;
            }
        }
        String s = Fmt.fixed(v, 1);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** A y axis from 0 to a round maximum, with 4–6 grid lines. */
    record Axis(Frame fr, double max, double step, Unit unit) {
        static Axis of(Frame fr, double dataMax, Unit unit) {
            if (!(dataMax > 0)) {
                return new Axis(fr, unit == Unit.PERCENT ? 100 : 1, unit == Unit.PERCENT ? 25 : 1, unit);
            }
            double raw = dataMax / 5;
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = mag;
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * mag >= raw) {
                    step = m * mag;
                    break;
                }
            }
            if (unit == Unit.COUNT && step < 1) {
                step = 1;
            }
            return new Axis(fr, Math.ceil(dataMax / step - 1e-9) * step, step, unit);
        }

        double y(double v) {
            return fr.top() + (fr.h() - fr.top() - fr.bottom()) * (1 - v / max);
        }

        void draw(StringBuilder sb) {
            for (int k = 0; k * step <= max + 1e-9; k++) {
                double v = k * step;
                double y = y(v);
                sb.append("<line class=\"grid\" x1=\"").append(fr.left()).append("\" x2=\"").append(fr.w() - fr.right())
                        .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>")
                        .append("<text class=\"yl\" x=\"").append(fr.left() - 6).append("\" y=\"").append(f(y + 4))
                        .append("\" text-anchor=\"end\">")
                        .append(label(v)).append("</text>");
            }
        }

        String label(double v) {
            return unit == Unit.PERCENT ? trimPct(v) : Fmt.compact(v);
        }

        /** The widest tick label at font size {@code font}. */
        double labelWidth(double font) {
            double w = 0;
            for (int k = 0; k * step <= max + 1e-9; k++) {
                w = Math.max(w, LabelLayout.width(label(k * step), font));
            }
            return w;
        }

        /**
         * An axis for {@code dataMax} in {@code fr}, with the frame's left margin widened when the tick labels
         * need it (so "0.25%" is not cut off on a phone).
         */
        static Axis fitted(Frame fr, double dataMax, Unit unit) {
            Axis a = of(fr, dataMax, unit);
            int need = (int) Math.ceil(a.labelWidth(fr.font() + 1) + 10);
            if (need <= fr.left()) {
                return a;
            }
            Frame wider = new Frame(fr.w(), fr.h(), need, fr.right(), fr.top(), fr.bottom(), fr.labelChars(),
                    fr.hbarLeft(), fr.font());
            return of(wider, dataMax, unit);
        }

        private static String trimPct(double v) {
            return Fmt.decimals(v, 3) + "%";
        }
    }
}
