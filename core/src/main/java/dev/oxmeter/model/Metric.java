package dev.oxmeter.model;

import java.util.Objects;

/**
 * One quantity a {@link dev.oxmeter.facts.BlobAnalysis} reports per blob, declared once by that analysis: its name, the unit it
 * counts and what it means. Sums over a tree are keyed {@link #key()} ({@code rust_safety.unsafe_blocks}); the
 * store keeps {@link #analysis()} and {@link #name()} as they are, so both are data: renaming one is a schema
 * change (bump the analysis version).
 *
 * <p>Immutable and thread-safe. Look a metric up by key with {@link dev.oxmeter.facts.BlobAnalyses#metric(String)}, which throws
 * for an undeclared one.
 *
 * @param analysis the declaring analysis's {@link dev.oxmeter.facts.BlobAnalysis#name()}
 * @param name     lower_snake_case, unique within the analysis
 * @param unit     what one counts, as a plural noun ({@code blocks}, {@code functions})
 * @param meaning  one sentence in Markdown: what is counted (the exact rules are in docs/kernel-lens.md)
 */
public record Metric(String analysis, String name, String unit, String meaning) {
    private static final String SNAKE = "[a-z][a-z0-9_]*";

    public Metric {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(meaning, "meaning");
        if (!analysis.matches(SNAKE) || !name.matches(SNAKE)) {
            throw new IllegalArgumentException("metric names are lower_snake_case: " + analysis + "." + name);
        }
        if (unit.isBlank() || meaning.isBlank() || meaning.contains("|") || meaning.contains("\n")) {
            throw new IllegalArgumentException("metric " + analysis + "." + name
                    + " needs a unit and a one-line meaning without '|'");
        }
    }

    /** {@code analysis.name}: the key of this metric's sums in compositions and in the store's tree_metrics. */
    public String key() {
        return key(analysis, name);
    }

    /** The key of metric {@code name} of analysis {@code analysis}; the one place that spells the format. */
    public static String key(String analysis, String name) {
        return analysis + "." + name;
    }
}
