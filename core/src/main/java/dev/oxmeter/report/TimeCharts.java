package dev.oxmeter.report;

import dev.oxmeter.render.Fmt;
import dev.oxmeter.render.Html;

import static dev.oxmeter.render.Html.esc;
import static dev.oxmeter.report.SvgCharts.f;

import dev.oxmeter.report.SvgCharts.Axis;
import dev.oxmeter.report.SvgCharts.Frame;
import dev.oxmeter.report.SvgCharts.Series;
import dev.oxmeter.report.SvgCharts.Unit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SVG charts over time: the x axis is the calendar (year or month ticks), each release is a point at its date,
 * marked by a tick under the axis, and as many release names as fit without overlapping are written under their
 * ticks ({@link LabelLayout}), the most important first. Stacked areas, lines, and bars (one per window, at its end).
 * Without dates (bare trees) the points are spaced evenly. Output is deterministic; every label passes through
 * {@link Html#esc}. Stateless.
 */
public final class TimeCharts {
    private static final int PAD = 10;
    /** At most this many points of a stacked chart carry a tooltip (the page stays small on long histories). */
    static final int TOOLTIPS = 300;

    private TimeCharts() {
    }

    /**
     * The points of a chart.
     *
     * @param labels   release (or window) names
     * @param dates    their dates; null entries mean "undated", and then all points are spaced evenly
     * @param priority label priority per point (higher is labelled first)
     * @param names    the names tooltips give the points (a window's {@code a..b} where the label is {@code b})
     */
    public record Points(List<String> labels, List<LocalDate> dates, int[] priority, List<String> names) {
        public Points {
            labels = List.copyOf(labels);
            dates = java.util.Collections.unmodifiableList(new ArrayList<>(dates));
            priority = priority.clone();
            names = List.copyOf(names);
            if (labels.size() != dates.size() || labels.size() != priority.length || names.size() != labels.size()) {
                throw new IllegalArgumentException("labels, dates, priorities and names differ in length");
            }
        }

        /** Points named by their labels. */
        public Points(List<String> labels, List<LocalDate> dates, int[] priority) {
            this(labels, dates, priority, labels);
        }

        public int size() {
            return labels.size();
        }

        boolean dated() {
            return !dates.isEmpty() && dates.stream().allMatch(Objects::nonNull);
        }

        /** The tooltip name of point i: label and date. */
        String name(int i) {
            return dates.get(i) == null ? names.get(i) : names.get(i) + " (" + dates.get(i) + ")";
        }
    }

    /** The x of each point in frame units. */
    static double[] xs(Frame fr, Points p) {
        int n = p.size();
        double lo = fr.left() + PAD;
        double hi = fr.w() - fr.right() - PAD;
        double[] x = new double[n];
        if (p.dated()) {
            long d0 = p.dates().stream().mapToLong(LocalDate::toEpochDay).min().orElse(0);
            long d1 = p.dates().stream().mapToLong(LocalDate::toEpochDay).max().orElse(0);
            for (int i = 0; i < n; i++) {
                x[i] = d1 == d0 ? (lo + hi) / 2 : lo + (hi - lo) * (p.dates().get(i).toEpochDay() - d0) / (d1 - d0);
            }
        } else {
            for (int i = 0; i < n; i++) {
                x[i] = n == 1 ? (lo + hi) / 2 : lo + (hi - lo) * i / (n - 1);
            }
        }
        return x;
    }

    /** A stacked chart begun: the stack's height per point, the y axis fitted to it, the x of each point. */
    private record Stack(Axis axis, double[] top, double[] x, StringBuilder sb) {
    }

    /** Opens a stacked chart of {@code series} over {@code p} and draws both axes. */
    private static Stack stack(Frame fr, String label, Points p, List<Series> series, Unit unit) {
        double[] top = new double[p.size()];
        for (Series s : series) {
            for (int i = 0; i < top.length; i++) {
                top[i] += value(s, i);
            }
        }
        Axis axis = Axis.fitted(fr, max(top), unit);
        Frame f = axis.fr();
        double[] x = xs(f, p);
        StringBuilder sb = open(f, label);
        axis.draw(sb);
        xAxis(f, sb, p, x);
        return new Stack(axis, top, x, sb);
    }

    /** Stacked areas, bottom to top in list order; the top of the stack carries a point per release. */
    public static String area(Frame fr, String label, Points p, List<Series> series, Unit unit, boolean tooltips) {
        int n = p.size();
        Stack st = stack(fr, label, p, series, unit);
        Axis axis = st.axis();
        fr = axis.fr();
        double[] top = st.top();
        double[] x = st.x();
        StringBuilder sb = st.sb();
        boolean[] keep = keep(x);
        double[] base = new double[n];
        for (Series s : series) {
            double[] up = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                up[i] = base[i] + value(s, i);
                any |= value(s, i) > 0;
            }
            if (any) {
                StringBuilder d = new StringBuilder();
                if (n == 1) {
                    d.append('M').append(f(x[0] - 3)).append(' ').append(f(axis.y(up[0]))).append(" L")
                            .append(f(x[0] + 3)).append(' ').append(f(axis.y(up[0]))).append(" L").append(f(x[0] + 3))
                            .append(' ').append(f(axis.y(base[0]))).append(" L").append(f(x[0] - 3)).append(' ')
                            .append(f(axis.y(base[0])));
                } else {
                    for (int i = 0; i < n; i++) {
                        if (keep[i]) {
                            d.append(i == 0 ? "M" : " L").append(f(x[i])).append(' ').append(f(axis.y(up[i])));
                        }
                    }
                    for (int i = n - 1; i >= 0; i--) {
                        if (keep[i]) {
                            d.append(" L").append(f(x[i])).append(' ').append(f(axis.y(base[i])));
                        }
                    }
                }
                sb.append("<path class=\"a ").append(s.cls()).append("\" d=\"").append(d).append(" Z\"><title>")
                        .append(esc(s.name())).append("</title></path>");
            }
            base = up;
        }
        if (tooltips) {
            int every = (n + TOOLTIPS - 1) / TOOLTIPS;
            for (int i = 0; i < n; i++) {
                if (i % every != 0 && i != n - 1) {
                    continue;
                }
                StringBuilder t = new StringBuilder(p.name(i)).append(": ").append(fmt(top[i], unit));
                if (series.size() > 1) {
                    for (int k = series.size() - 1; k >= 0; k--) {
                        double v = value(series.get(k), i);
                        if (v > 0) {
                            t.append("\n").append(series.get(k).name()).append(": ").append(fmt(v, unit));
                        }
                    }
                }
                sb.append("<circle class=\"h\" cx=\"").append(f(x[i])).append("\" cy=\"").append(f(axis.y(top[i])))
                        .append("\" r=\"4\"><title>").append(esc(t.toString())).append("</title></circle>");
            }
        }
        return sb.append("</svg>").toString();
    }

    /** Lines, one per series, with a point per release; NaN leaves a gap. */
    public static String lines(Frame fr, String label, Points p, List<Series> series, Unit unit, Double fixedMax,
                               boolean tooltips) {
        int n = p.size();
        double m = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    m = Math.max(m, v);
                }
            }
        }
        Axis axis = Axis.fitted(fr, fixedMax != null ? fixedMax : m, unit);
        fr = axis.fr();
        double[] x = xs(fr, p);
        StringBuilder sb = open(fr, label);
        axis.draw(sb);
        xAxis(fr, sb, p, x);
        double r = n > 150 ? 1.3 : n > 50 ? 2 : 3;
        boolean[] keep = keep(x);
        for (Series s : series) {
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < n; i++) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    pen = false;
                    continue;
                }
                if (!keep[i] && pen && i + 1 < n && !Double.isNaN(s.values()[i + 1])) {
                    continue;
                }
                d.append(pen ? " L" : (d.length() == 0 ? "M" : " M")).append(f(x[i])).append(' ').append(f(axis.y(v)));
                pen = true;
            }
            if (d.length() > 0) {
                sb.append("<path class=\"l ").append(s.cls()).append("\" d=\"").append(d).append("\"/>");
            }
            for (int i = 0; i < n; i++) {
                double v = s.values()[i];
                if (Double.isNaN(v) || !keep[i]) {
                    continue;
                }
                sb.append("<circle class=\"p ").append(s.cls()).append("\" cx=\"").append(f(x[i])).append("\" cy=\"")
                        .append(f(axis.y(v))).append("\" r=\"").append(f(r)).append('"');
                if (tooltips) {
                    sb.append("><title>").append(esc(p.name(i))).append(" \u2014 ").append(esc(s.name()))
                            .append(": ").append(esc(fmt(v, unit))).append("</title></circle>");
                } else {
                    sb.append("/>");
                }
            }
        }
        return sb.append("</svg>").toString();
    }

    /**
     * Stacked bars, one per window: each spans the time from the point before it to its own point (the window's
     * end), so bars tile the axis; the first, whose start is not on the axis, is a narrow bar at its end.
     */
    public static String bars(Frame fr, String label, Points p, List<Series> series, Unit unit, boolean tooltips) {
        int n = p.size();
        Stack st = stack(fr, label, p, series, unit);
        Axis axis = st.axis();
        fr = axis.fr();
        double[] top = st.top();
        double[] x = st.x();
        StringBuilder sb = st.sb();
        for (int i = 0; i < n; i++) {
            double x1 = x[i];
            double x0 = i == 0 || x[i - 1] >= x[i] ? x[i] - Math.min(6, PAD) : x[i - 1];
            double bw = Math.max(0.8, x1 - x0 - (x1 - x0 > 3 ? 0.8 : 0));
            double cum = 0;
            for (Series s : series) {
                double v = value(s, i);
                if (v <= 0) {
                    continue;
                }
                double y0 = axis.y(cum);
                double y1 = axis.y(cum + v);
                cum += v;
                sb.append("<rect class=\"s ").append(s.cls()).append("\" x=\"").append(f(x1 - bw))
                        .append("\" y=\"").append(f(y1)).append("\" width=\"").append(f(bw)).append("\" height=\"")
                        .append(f(Math.max(0.5, y0 - y1))).append('"');
                if (tooltips) {
                    sb.append("><title>").append(esc(p.name(i))).append(" \u2014 ").append(esc(s.name()))
                            .append(": ").append(esc(fmt(v, unit))).append("</title></rect>");
                } else {
                    sb.append("/>");
                }
            }
        }
        return sb.append("</svg>").toString();
    }

    /**
     * The x axis: the baseline, calendar ticks with a faint grid line (labels in the lower row), a tick per point,
     * and the names of the points that fit (upper row, with a longer tick).
     */
    static void xAxis(Frame fr, StringBuilder sb, Points p, double[] x) {
        int base = fr.h() - fr.bottom();
        double lo = fr.left();
        double hi = fr.w() - fr.right();
        if (p.dated()) {
            calendar(fr, sb, p, base);
        }
        sb.append("<line class=\"ax\" x1=\"").append(f(lo)).append("\" x2=\"").append(f(hi)).append("\" y1=\"")
                .append(base).append("\" y2=\"").append(base).append("\"/>");
        StringBuilder ticks = new StringBuilder();
        for (double xi : x) {
            ticks.append(ticks.length() == 0 ? "M" : " M").append(f(xi)).append(' ').append(base).append(" v4");
        }
        if (ticks.length() > 0) {
            sb.append("<path class=\"rt\" d=\"").append(ticks).append("\"/>");
        }
        double font = fr.font();
        List<String> shown = p.labels().stream().map(l -> SvgCharts.shorten(l, fr.labelChars())).toList();
        List<LabelLayout.Placed> placed = LabelLayout.place(x, shown, p.priority(), font, lo, hi, font * 0.7);
        for (LabelLayout.Placed pl : placed) {
            double xi = x[pl.index()];
            sb.append("<line class=\"rt2\" x1=\"").append(f(xi)).append("\" x2=\"").append(f(xi)).append("\" y1=\"")
                    .append(base).append("\" y2=\"").append(base + 7).append("\"/><text class=\"rl\" x=\"")
                    .append(f(pl.x())).append("\" y=\"").append(f(base + 7 + font)).append("\" font-size=\"")
                    .append(f(font)).append("\" text-anchor=\"").append(pl.anchor().svg()).append("\">")
                    .append(esc(pl.text())).append("</text>");
        }
    }

    /** Year ticks (or month ticks for short spans), as many as fit without their labels overlapping. */
    private static void calendar(Frame fr, StringBuilder sb, Points p, int base) {
        LocalDate d0 = p.dates().stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate d1 = p.dates().stream().max(LocalDate::compareTo).orElseThrow();
        if (d0.equals(d1)) {
            return;
        }
        double lo = fr.left() + PAD;
        double hi = fr.w() - fr.right() - PAD;
        double perDay = (hi - lo) / (d1.toEpochDay() - d0.toEpochDay());
        double font = fr.font() - 1;
        int[] monthSteps = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600};
        boolean longSpan = d1.toEpochDay() - d0.toEpochDay() > 3 * 365;
        for (int step : monthSteps) {
            boolean years = step >= 12;
            if (longSpan && !years) {
                continue; // over years, month labels read as noise
            }
            String sample = years ? "2000" : "2000-00";
            double need = LabelLayout.width(sample, font) + font;
            if (step * 28 * perDay < need) {
                continue;
            }
            LocalDate t = years ? LocalDate.of(d0.getYear(), 1, 1) : d0.withDayOfMonth(1);
            if (years) {
                int y = t.getYear();
                int stepYears = step / 12;
                t = LocalDate.of(y - Math.floorMod(y, stepYears), 1, 1);
            }
            while (t.isBefore(d0)) {
                t = t.plusMonths(step);
            }
            int top = fr.top();
            StringBuilder grid = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (; !t.isAfter(d1); t = t.plusMonths(step)) {
                double xt = lo + (t.toEpochDay() - d0.toEpochDay()) * perDay;
                grid.append(grid.length() == 0 ? "M" : " M").append(f(xt)).append(' ').append(top).append(" V")
                        .append(base);
                String s = years ? Integer.toString(t.getYear())
                        : String.format(java.util.Locale.ROOT, "%d-%02d", t.getYear(), t.getMonthValue());
                double w = LabelLayout.width(s, font);
                if (xt - w / 2 < fr.left() - fr.left() * 0.5 || xt + w / 2 > fr.w()) {
                    continue;
                }
                text.append("<text class=\"yr\" x=\"").append(f(xt)).append("\" y=\"").append(f(fr.h() - 4.0))
                        .append("\" font-size=\"").append(f(font)).append("\" text-anchor=\"middle\">").append(s)
                        .append("</text>");
            }
            if (grid.length() > 0) {
                sb.append("<path class=\"vg\" d=\"").append(grid).append("\"/>");
            }
            sb.append(text);
            return;
        }
    }

    /**
     * Which points a path needs: the first, the last, and each at least one unit (a pixel or so) right of the last
     * kept one; the points in between would draw on the same pixel column.
     */
    static boolean[] keep(double[] x) {
        boolean[] k = new boolean[x.length];
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (i == 0 || i == x.length - 1 || x[i] - last >= 1.0) {
                k[i] = true;
                last = x[i];
            }
        }
        return k;
    }

    private static StringBuilder open(Frame fr, String label) {
        return new StringBuilder().append("<svg class=\"chart\" viewBox=\"0 0 ").append(fr.w()).append(' ')
                .append(fr.h()).append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
    }

    private static String fmt(double v, Unit unit) {
        return unit == Unit.PERCENT ? Fmt.percent(v) : Fmt.count(Math.round(v));
    }

    private static double value(Series s, int i) {
        double v = s.values()[i];
        return Double.isNaN(v) ? 0 : v;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
