package dev.oxmeter.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Orders tag names as versions: {@code v6.1-rc1 < v6.1-rc2 < v6.1 < v6.9 < v6.10 < v7.0},
 * {@code LIBRSVG_2_1_0 < LIBRSVG_2_10_0}, {@code 3.0b1 < 3.0}, {@code curl-7_9 < curl-7_10_1 < curl-8_0_0}.
 *
 * <p>Rules. The prefix before the first ASCII digit ({@code v}, {@code curl-}, {@code LIBRSVG_}) is set aside. The
 * rest is split into numbers (runs of ASCII digits) and words (runs of letters); everything else ({@code . _ - +}
 * ...) only separates. The two lists are compared element by element, a missing element counting as "end", with:
 * <ul>
 * <li>numbers by value, as digit strings (no overflow; leading zeros ignored);</li>
 * <li>pre-release words {@code dev < alpha = a < beta = b < pre = preview < rc} (case-insensitive) below the end,
 *     so {@code 1.0rc1 < 1.0}; other words above numbers, ordered alphabetically, so {@code 1.0 < 1.0.1 < 1.0-foo};
 * </li>
 * <li>end below numbers, so {@code 1.0 < 1.0.1}.</li>
 * </ul>
 * Names without any digit come first. Names whose versions compare equal ({@code v1.0} and {@code release-1.0},
 * {@code 1.01} and {@code 1.1}, {@code 1.0a} and {@code 1.0alpha}) are ordered by plain {@link String#compareTo},
 * so the order is total and consistent with {@code equals}.
 *
 * <p>Stateless and thread-safe; a comparison is O(length of the names).
 */
public final class VersionOrder implements Comparator<String> {
    /** The only instance. */
    public static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {
    }

    // Element classes, in sort order.
    private static final int PRE = 0;
    private static final int END = 1;
    private static final int NUM = 2;
    private static final int WORD = 3;

    private record Element(int kind, String text, int rank) {
    }

    private static final Element END_ELEMENT = new Element(END, "", 0);

    @Override
    public int compare(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int c = compareVersions(elements(a), elements(b));
        return c != 0 ? c : a.compareTo(b);
    }

    /**
     * Orders {@code T}s by {@code name} as {@link #compare} does, parsing each name once: for one sort of many
     * names (a thousand tags). A new comparator per sort; not thread-safe.
     */
    public static <T> Comparator<T> comparing(java.util.function.Function<? super T, String> name) {
        java.util.Map<String, List<Element>> parsed = new java.util.HashMap<>();
        return (a, b) -> {
            String x = Objects.requireNonNull(name.apply(a), "a");
            String y = Objects.requireNonNull(name.apply(b), "b");
            int c = compareVersions(parsed.computeIfAbsent(x, VersionOrder::elements),
                    parsed.computeIfAbsent(y, VersionOrder::elements));
            return c != 0 ? c : x.compareTo(y);
        };
    }

    /** True when the name has a pre-release word after its first number ({@code v6.1-rc1}, {@code 3.0b1}). */
    public static boolean isPreRelease(String tagName) {
        for (Element e : elements(tagName)) {
            if (e.kind() == PRE) {
                return true;
            }
        }
        return false;
    }

    private static int compareVersions(List<Element> x, List<Element> y) {
        if (x.isEmpty() != y.isEmpty()) {
            return x.isEmpty() ? -1 : 1; // no version at all sorts first
        }
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            Element ex = i < x.size() ? x.get(i) : END_ELEMENT;
            Element ey = i < y.size() ? y.get(i) : END_ELEMENT;
            int c = compareElements(ex, ey);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareElements(Element x, Element y) {
        if (x.kind() != y.kind()) {
            return Integer.compare(x.kind(), y.kind());
        }
        return switch (x.kind()) {
            case PRE -> Integer.compare(x.rank(), y.rank());
            case NUM -> x.text().length() != y.text().length()
                    ? Integer.compare(x.text().length(), y.text().length())
                    : x.text().compareTo(y.text());
            case WORD -> x.text().compareTo(y.text());
            default -> 0;
        };
    }

    /** The version elements of a name: everything from its first ASCII digit on. */
    private static List<Element> elements(String name) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        int len = name.length();
        while (i < len && !isDigit(name.charAt(i))) {
            i++;
        }
        while (i < len) {
            char c = name.charAt(i);
            int start = i;
            if (isDigit(c)) {
                while (i < len && isDigit(name.charAt(i))) {
                    i++;
                }
                int nz = start;
                while (nz < i - 1 && name.charAt(nz) == '0') {
                    nz++; // leading zeros do not change the value
                }
                out.add(new Element(NUM, name.substring(nz, i), 0));
            } else if (Character.isLetter(c)) {
                while (i < len && Character.isLetter(name.charAt(i))) {
                    i++;
                }
                String word = name.substring(start, i).toLowerCase(Locale.ROOT);
                int rank = preReleaseRank(word);
                out.add(rank >= 0 ? new Element(PRE, word, rank) : new Element(WORD, word, 0));
            } else {
                i++; // separator
            }
        }
        return out;
    }

    private static int preReleaseRank(String word) {
        return switch (word) {
            case "dev" -> 0;
            case "a", "alpha" -> 1;
            case "b", "beta" -> 2;
            case "pre", "preview" -> 3;
            case "rc" -> 4;
            default -> -1;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return "VersionOrder";
    }
}
