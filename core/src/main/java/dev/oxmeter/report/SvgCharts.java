package dev.oxmeter.report;

import static dev.oxmeter.report.Html.esc;

import java.util.List;
import java.util.Locale;

/**
 * Small, dependency-free SVG charts for the report page: stacked bars, lines and horizontal bars, with axes,
 * HTML legends and {@code <title>} tooltips. Colours come from CSS classes ({@code c0}…{@code c8},
 * {@code crust}, {@code cother}), so the page's light and dark themes apply. Output is deterministic (fixed
 * number formatting) and every label passes through {@link Html#esc}. Stateless.
 */
public final class SvgCharts {
    /** The drawing area: a wide frame for screens, a narrow one for phones (the page shows one of them). */
    public record Frame(int w, int h, int left, int right, int top, int bottom, int labelChars, int hbarLeft) {
        double plotW() {
            return w - left - right;
        }
    }

    public static final Frame WIDE = new Frame(960, 320, 70, 20, 14, 86, 16, 230);
    public static final Frame NARROW = new Frame(400, 300, 46, 10, 12, 74, 12, 130);

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

    /** Stacked bars: one bar per x label, one segment per series (bottom to top in list order). */
    public static String stackedBars(Frame fr, String label, List<String> x, List<Series> series, Unit unit) {
        int n = x.size();
        double max = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (Series s : series) {
                sum += value(s, i);
            }
            max = Math.max(max, sum);
        }
        Axis axis = Axis.of(fr, max, unit);
        StringBuilder sb = open(fr, label);
        axis.draw(sb);
        xLabels(fr, sb, x);
        double band = fr.plotW() / (double) Math.max(1, n);
        double bw = Math.max(1, band * 0.72);
        for (int i = 0; i < n; i++) {
            double cum = 0;
            double bx = fr.left() + band * i + (band - bw) / 2;
            sb.append("<g>");
            for (Series s : series) {
                double v = value(s, i);
                if (v <= 0) {
                    continue;
                }
                double y0 = axis.y(cum);
                double y1 = axis.y(cum + v);
                cum += v;
                sb.append("<rect class=\"s ").append(s.cls()).append("\" x=\"").append(f(bx)).append("\" y=\"")
                        .append(f(y1)).append("\" width=\"").append(f(bw)).append("\" height=\"")
                        .append(f(Math.max(0.5, y0 - y1))).append("\"><title>").append(esc(x.get(i)))
                        .append(" \u2014 ").append(esc(s.name())).append(": ").append(esc(unit.equals(Unit.PERCENT)
                                ? Fmt.percent(v) : Fmt.count(Math.round(v)))).append("</title></rect>");
            }
            sb.append("</g>");
        }
        return sb.append("</svg>").toString();
    }

    /** Lines: one per series; NaN values leave a gap. */
    public static String lines(Frame fr, String label, List<String> x, List<Series> series, Unit unit, Double fixedMax) {
        int n = x.size();
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        Axis axis = Axis.of(fr, fixedMax != null ? fixedMax : max, unit);
        StringBuilder sb = open(fr, label);
        axis.draw(sb);
        xLabels(fr, sb, x);
        double band = fr.plotW() / (double) Math.max(1, n);
        for (Series s : series) {
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < n; i++) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    pen = false;
                    continue;
                }
                d.append(pen ? " L" : (d.length() == 0 ? "M" : " M")).append(f(fr.left() + band * (i + 0.5))).append(' ')
                        .append(f(axis.y(v)));
                pen = true;
            }
            if (d.length() > 0) {
                sb.append("<path class=\"l ").append(s.cls()).append("\" d=\"").append(d).append("\"/>");
            }
            double r = n > 80 ? 1.6 : 3;
            for (int i = 0; i < n; i++) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                sb.append("<circle class=\"p ").append(s.cls()).append("\" cx=\"").append(f(fr.left() + band * (i + 0.5)))
                        .append("\" cy=\"").append(f(axis.y(v))).append("\" r=\"").append(f(r)).append("\"><title>")
                        .append(esc(x.get(i))).append(" \u2014 ").append(esc(s.name())).append(": ")
                        .append(esc(unit == Unit.PERCENT ? Fmt.percent(v) : Fmt.count(Math.round(v))))
                        .append("</title></circle>");
            }
        }
        return sb.append("</svg>").toString();
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

    private static StringBuilder open(Frame fr, String label) {
        return new StringBuilder().append("<svg class=\"chart\" viewBox=\"0 0 ").append(fr.w()).append(' ').append(fr.h())
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
    }

    private static void xLabels(Frame fr, StringBuilder sb, List<String> x) {
        int n = x.size();
        double band = fr.plotW() / (double) Math.max(1, n);
        int every = (int) Math.max(1, Math.ceil(n / (fr.plotW() / 21.0)));
        int base = fr.h() - fr.bottom();
        sb.append("<line class=\"ax\" x1=\"").append(fr.left()).append("\" x2=\"").append(fr.w() - fr.right()).append("\" y1=\"")
                .append(base).append("\" y2=\"").append(base).append("\"/>");
        for (int i = 0; i < n; i++) {
            // the last label is always shown; the one before it only when it does not crowd it
            boolean show = i == n - 1 || (i % every == 0 && (n - 1 - i) >= every);
            if (!show) {
                continue;
            }
            double cx = fr.left() + band * (i + 0.5);
            sb.append("<text class=\"xl\" transform=\"translate(").append(f(cx)).append(' ').append(base + 12)
                    .append(") rotate(-40)\" text-anchor=\"end\"><title>").append(esc(x.get(i))).append("</title>")
                    .append(esc(shorten(x.get(i), fr.labelChars()))).append("</text>");
        }
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static double value(Series s, int i) {
        double v = s.values()[i];
        return Double.isNaN(v) ? 0 : v;
    }

    static String f(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
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
                        .append(unit == Unit.PERCENT ? trimPct(v) : Fmt.compact(v)).append("</text>");
            }
        }

        private static String trimPct(double v) {
            return Fmt.decimals(v, 3) + "%";
        }
    }
}
