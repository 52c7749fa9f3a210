package dev.oxmeter.facts;

import static dev.oxmeter.facts.RustLexer.IDENT;
import static dev.oxmeter.facts.RustLexer.PUNCT;
import static dev.oxmeter.facts.RustLexer.STRING;

import dev.oxmeter.facts.RustSafetyReport.Kind;
import dev.oxmeter.facts.RustSafetyReport.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code unsafe} sites of {@link RustSafetyScanner}, each with a fingerprint that survives line shifts, file
 * moves and edits of comments or whitespace, so that two revisions can be compared site by site.
 *
 * <p><b>Fingerprint.</b> A 64-bit FNV-1a hash, as 16 hex digits, of: the site's kind; the names of the items
 * enclosing it ({@code fn name}, {@code impl …} header, {@code trait name}, {@code mod name}, outermost first);
 * and its code tokens, comments left out: for a block, {@code unsafe} through the matching {@code }} (so an
 * edited block is a new block); for a fn or trait, {@code unsafe} through its name ({@code unsafe extern "C" fn
 * name}: a changed parameter list or body does not make it new); for an impl or extern block, its header from
 * {@code unsafe} to the {@code {} or {@code ;} that ends it. Line numbers and the file's path are not part of it. Two sites with the same code in the same item have the same fingerprint; callers
 * compare them as multisets.
 *
 * <p>Stateless and thread-safe; one lexing pass plus a bounded walk per site.
 */
public final class RustSites {
    /** How many tokens of an item header name an enclosing {@code impl}. */
    private static final int HEADER_TOKENS = 24;
    /** How far back (in code tokens) the header of an enclosing brace is looked for. */
    private static final int HEADER_WALK = 512;
    /** The most tokens hashed for one site (a huge block is still identified by its first 64k tokens). */
    private static final int MAX_SITE_TOKENS = 65536;

    private RustSites() {
    }

    /** One site with the names of its enclosing items ({@code ::}-joined, empty at top level) and fingerprint. */
    public record FingerprintedSite(Site site, String item, String fingerprint) {
        public FingerprintedSite {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** The sites of {@code len} bytes of {@code data} from {@code off} (UTF-8 Rust source), in source order. */
    public static List<FingerprintedSite> scan(byte[] data, int off, int len) {
        RustTokens t = RustLexer.lex(data, off, len);
        List<Site> sites = RustSafetyScanner.scan(t).sites();
        if (sites.isEmpty()) {
            return List.of();
        }
        int[] code = t.code();
        int[] partner = t.partners();
        List<FingerprintedSite> out = new ArrayList<>(sites.size());
        int[] braces = new int[32];
        int depth = 0;
        int next = 0;
        for (int p = 0; p < code.length && next < sites.size(); p++) {
            int i = code[p];
            if (t.isPunct(i, '{')) {
                if (depth == braces.length) {
                    braces = java.util.Arrays.copyOf(braces, depth * 2);
                }
                braces[depth++] = p;
                continue;
            }
            if (t.isPunct(i, '}')) {
                depth = Math.max(0, depth - 1);
                continue;
            }
            Site s = sites.get(next);
            if (t.line[i] != s.line() || !(t.isIdent(i, "unsafe") && isSiteOf(t, code, p, s.kind())
                    || s.kind() == Kind.EXTERN_BLOCK && isBareExternBlock(t, code, p))) {
                continue;
            }
            next++;
            String item = enclosing(t, code, partner, braces, depth);
            long h = FNV_OFFSET;
            h = mix(h, s.kind().name());
            h = mix(h, item);
            int end = switch (s.kind()) {
                case BLOCK -> partner[p + 1] > p + 1 ? partner[p + 1] : p + 1;
                case FN, TRAIT -> nameEnd(t, code, p);
                default -> headerEnd(t, code, partner, p);
            };
            for (int q = p; q <= end && q - p < MAX_SITE_TOKENS; q++) {
                h = mixToken(h, t, code[q]);
            }
            out.add(new FingerprintedSite(s, item, String.format("%016x", h)));
        }
        if (next != sites.size()) {
            throw new IllegalStateException("unsafe sites and tokens disagree: " + next + " of " + sites.size());
        }
        return out;
    }

    /** Whether the {@code unsafe} at code index p starts a site of {@code kind} (the scanner's own tests). */
    private static boolean isSiteOf(RustTokens t, int[] code, int p, Kind kind) {
        if (p + 1 >= code.length) {
            return false;
        }
        int n = code[p + 1];
        return switch (kind) {
            case BLOCK -> t.isPunct(n, '{');
            case IMPL -> t.isIdent(n, "impl");
            case TRAIT -> t.isIdent(n, "trait") || t.isIdent(n, "auto");
            case FN -> (t.isIdent(n, "fn") && identAt(t, code, p + 2)) || (t.isIdent(n, "extern") && externFn(t, code, p));
            case EXTERN_BLOCK -> t.isIdent(n, "extern") && externBlock(t, code, p);
        };
    }

    /** {@code extern "C" {} without {@code unsafe}: a site all the same, as {@link RustSafetyScanner} counts it. */
    private static boolean isBareExternBlock(RustTokens t, int[] code, int p) {
        return t.isIdent(code[p], "extern") && (p == 0 || !t.isIdent(code[p - 1], "unsafe"))
                && RustBoundaryScanner.isExternBlock(t, code, p);
    }

    private static boolean identAt(RustTokens t, int[] code, int q) {
        return q < code.length && t.kind[code[q]] == IDENT;
    }

    private static int afterAbi(RustTokens t, int[] code, int p) {
        int q = p + 2;
        if (q < code.length && t.kind[code[q]] == STRING) {
            q++;
        }
        return q;
    }

    private static boolean externBlock(RustTokens t, int[] code, int p) {
        int q = afterAbi(t, code, p);
        return q < code.length && t.isPunct(code[q], '{');
    }

    private static boolean externFn(RustTokens t, int[] code, int p) {
        int q = afterAbi(t, code, p);
        return q < code.length && t.isIdent(code[q], "fn") && identAt(t, code, q + 1);
    }

    /** The code index of the name of the fn or trait whose {@code unsafe} is at p. */
    private static int nameEnd(RustTokens t, int[] code, int p) {
        for (int q = p + 1; q + 1 < code.length && q - p < 16; q++) {
            if (t.isIdent(code[q], "fn") || t.isIdent(code[q], "trait")) {
                return q + 1;
            }
        }
        return p + 1;
    }

    /** The code index of the {@code {} or {@code ;} that ends the header starting at p, skipping bracket groups. */
    private static int headerEnd(RustTokens t, int[] code, int[] partner, int p) {
        for (int q = p + 1; q < code.length && q - p < MAX_SITE_TOKENS; q++) {
            int i = code[q];
            if (t.isPunct(i, '{') || t.isPunct(i, ';')) {
                return q;
            }
            if ((t.isPunct(i, '(') || t.isPunct(i, '[')) && partner[q] > q) {
                q = partner[q];
            }
        }
        return Math.min(code.length - 1, p + 1);
    }

    /** The names of the items whose braces enclose the current position, outermost first, joined by {@code ::}. */
    private static String enclosing(RustTokens t, int[] code, int[] partner, int[] braces, int depth) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            String name = itemName(t, code, partner, braces[d]);
            if (name != null) {
                if (sb.length() > 0) {
                    sb.append("::");
                }
                sb.append(name);
            }
        }
        return sb.toString();
    }

    /** The item a {@code {} at code index b opens, or null for a plain block, a match, a struct literal …. */
    private static String itemName(RustTokens t, int[] code, int[] partner, int b) {
        int start = b;
        for (int q = b - 1; q >= 0 && b - q < HEADER_WALK; q--) {
            int i = code[q];
            if (t.isPunct(i, ';') || t.isPunct(i, '{') || t.isPunct(i, '}')) {
                break;
            }
            if ((t.isPunct(i, ')') || t.isPunct(i, ']')) && partner[q] >= 0 && partner[q] < q) {
                q = partner[q];
            }
            start = q;
        }
        for (int q = start; q < b; q++) {
            int i = code[q];
            if ((t.isIdent(i, "fn") || t.isIdent(i, "mod") || t.isIdent(i, "trait")) && identAt(t, code, q + 1)
                    && q + 1 < b) {
                return t.text(i) + " " + t.text(code[q + 1]);
            }
            if (t.isIdent(i, "impl")) {
                StringBuilder sb = new StringBuilder("impl");
                for (int k = q + 1; k < b && k - q <= HEADER_TOKENS; k++) {
                    int i2 = code[k];
                    if (t.isIdent(i2, "where")) {
                        break;
                    }
                    // read like source: impl<'a, T: Clone + Send> Foo<'a> for Bar, not one token per word
                    int prev = code[k - 1];
                    boolean word = t.kind[i2] != PUNCT;
                    boolean typeColon = t.isPunct(prev, ':') && !t.isPunct(code[k - 2], ':') && !t.isPunct(i2, ':');
                    if ((word && (t.kind[prev] != PUNCT || t.isPunct(prev, '>') || t.isPunct(prev, ',') || typeColon))
                            || ((t.isPunct(i2, '&') || t.isPunct(i2, '$')) && t.kind[prev] != PUNCT) || t.isPunct(i2, '+')
                            || t.isPunct(prev, '+')) {
                        sb.append(' ');
                    }
                    sb.append(t.text(i2));
                }
                return sb.toString();
            }
        }
        return null;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private static long mix(long h, String s) {
        for (int k = 0; k < s.length(); k++) {
            h = (h ^ s.charAt(k)) * FNV_PRIME;
        }
        return (h ^ 0x1f) * FNV_PRIME;
    }

    private static long mixToken(long h, RustTokens t, int i) {
        for (int k = t.start[i]; k < t.end[i]; k++) {
            h = (h ^ (t.data[k] & 0xff)) * FNV_PRIME;
        }
        return (h ^ 0x1f) * FNV_PRIME;
    }
}
