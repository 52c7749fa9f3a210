package dev.oxmeter.render;

import java.util.Locale;

/** Number formatting shared by the report renderers (locale-independent, so output is deterministic). */
public final class Fmt {
    private Fmt() {
    }

    /**
     * {@code 12,345}: exactly {@code String.format(Locale.ROOT, "%,d", n)}, without a Formatter (tables of
     * thousands of numbers format each cell).
     */
    public static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int len = digits.length() - sign;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + (len - 1) / 3);
        int first = len % 3 == 0 ? 3 : len % 3;
        sb.append(digits, 0, sign + first);
        for (int i = sign + first; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /**
     * {@code v} with {@code decimals} digits after the point: exactly {@code String.format(Locale.ROOT, "%.Nf", v)},
     * without a Formatter (tables and charts format thousands of numbers). The Formatter rounds the shortest decimal
     * of {@code v} (that of {@link Double#toString}) half up, and so does this.
     */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            return "-" + fixed(-v, decimals);  // the Formatter keeps the sign of what rounds to zero: -0.00
        }
        return new java.math.BigDecimal(Double.toString(v)).setScale(decimals, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** {@code +1,234} or {@code −56} (a real minus sign). */
    public static String signed(long n) {
        return n > 0 ? "+" + count(n) : n < 0 ? "\u2212" + count(-n) : "0";
    }

    /** {@code 12.3 %}; {@code –} for NaN. */
    public static String percent(double p) {
        return Double.isNaN(p) ? "\u2013" : fixed(p, 1) + " %";
    }

    /** {@code +12.3 %}; {@code –} for NaN. */
    public static String signedPercent(double p) {
        if (Double.isNaN(p)) {
            return "\u2013";
        }
        return (p >= 0 ? "+" : "\u2212") + percent(Math.abs(p));
    }

    /** Short axis label: 950, 1.2k, 34k, 1.5M. */
    public static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        return decimals(v, 2);
    }

    /** {@code v} with at most {@code max} decimals, trailing zeros removed: 0.05, 1.25, 3. */
    public static String decimals(double v, int max) {
        String s = fixed(v, max);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.equals("-0") ? "0" : s;
    }
}
