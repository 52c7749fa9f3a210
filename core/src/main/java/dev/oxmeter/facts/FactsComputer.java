package dev.oxmeter.facts;

import dev.oxmeter.count.Content;
import dev.oxmeter.count.LineCounter;
import dev.oxmeter.count.LineCounts;
import dev.oxmeter.language.Detection;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.BlobContent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a blob's {@link BlobFacts} from its content: settles the language, sniffs binary content, counts
 * lines, and runs every registered analysis that applies.
 *
 * <p>Stateless apart from its immutable configuration; thread-safe. Cost is linear in the blob's size.
 */
public final class FactsComputer {
    private final LanguageCatalog catalog;
    private final List<BlobAnalysis> analyses;
    private final BlobText.RustTokenizer rustTokenizer;
    private final String linesVersion = builtInLinesVersion();

    public FactsComputer(LanguageCatalog catalog, List<BlobAnalysis> analyses) {
        this(catalog, analyses, RustLexer::lex);
    }

    /** With another Rust tokenizer: tests count through it how often a blob is lexed. */
    FactsComputer(LanguageCatalog catalog, List<BlobAnalysis> analyses, BlobText.RustTokenizer rustTokenizer) {
        this.catalog = catalog;
        this.analyses = List.copyOf(analyses);
        this.rustTokenizer = rustTokenizer;
    }

    /** Version of the line facts: the counter's version and a digest of the language catalog. */
    public String linesVersion() {
        return linesVersion;
    }

    /**
     * Version of everything a composition depends on: the line facts and every registered analysis. Saved
     * compositions under another version are not reused (their blob facts mostly are).
     */
    public String compositionVersion() {
        StringBuilder sb = new StringBuilder(linesVersion());
        for (BlobAnalysis a : analyses) {
            sb.append(';').append(a.name()).append('=').append(a.version());
        }
        return sb.toString();
    }

    /** Bump when the counter or detection logic changes results. */
    public static final int LINES_VERSION = 1;

    /**
     * The line facts' version for the built-in catalog: the counter's version and a digest of the catalog's file,
     * hashed once per process rather than once per computer (and early, by {@code Oxmeter.startWarmUp}).
     */
    public static String builtInLinesVersion() {
        return BuiltIn.LINES_VERSION;
    }

    private static final class BuiltIn {
        static final String LINES_VERSION = FactsComputer.LINES_VERSION + "/" + catalogDigest();
    }

    private static String catalogDigest() {
        try (java.io.InputStream in = LanguageCatalog.class.getResourceAsStream("languages.json")) {
            if (in == null) {
                return "builtin";
            }
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(md.digest(in.readAllBytes())).substring(0, 12);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the language catalog", e);
        }
    }

    public List<BlobAnalysis> analyses() {
        return analyses;
    }

    public LanguageCatalog catalog() {
        return catalog;
    }

    public BlobFacts compute(Detection detection, BlobContent content) {
        byte[] data = content.data();
        int len = content.length();
        Language language = catalog.resolve(detection, data, len);
        if (Content.isBinary(data, 0, len)) {
            return new BlobFacts(language.name(), BlobKind.BINARY, content.size(), LineCounts.ZERO, Map.of());
        }
        if (content.truncated()) {
            return new BlobFacts(language.name(), BlobKind.TOO_LARGE, content.size(), LineCounts.ZERO, Map.of());
        }
        LineCounts counts = LineCounter.count(language, data, 0, len);
        Map<String, Metrics> metrics = new HashMap<>();
        // one text for all analyses: a Rust blob is lexed once, by whichever analysis asks first
        BlobText text = new BlobText(data, 0, len, rustTokenizer);
        for (BlobAnalysis a : analyses) {
            if (a.appliesTo(language)) {
                metrics.put(a.name(), a.analyze(text));
            }
        }
        return new BlobFacts(language.name(), BlobKind.TEXT, content.size(), counts, metrics);
    }

    /** True when {@code facts} carries results for every analysis that applies to its language. */
    public boolean isComplete(BlobFacts facts) {
        if (facts.kind() != BlobKind.TEXT) {
            return true;
        }
        Language language = catalog.byName(facts.language()).orElse(catalog.other());
        for (BlobAnalysis a : analyses) {
            if (a.appliesTo(language) && !facts.metrics().containsKey(a.name())) {
                return false;
            }
        }
        return true;
    }
}
