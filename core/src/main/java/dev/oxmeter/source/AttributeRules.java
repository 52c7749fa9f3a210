package dev.oxmeter.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesRule;

/**
 * The rules of one {@code .gitattributes} file, matched with JGit's implementation of git's pattern semantics.
 *
 * <p>Immutable after parsing and thread-safe for matching.
 */
public final class AttributeRules {
    /** The value recorded for an attribute explicitly made unspecified ({@code !attr}). */
    public static final String UNSPECIFIED = "\u0000unspecified";

    private final List<AttributesRule> rules;

    private AttributeRules(List<AttributesRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses the content of a {@code .gitattributes} file; unparsable lines are ignored, as git does. */
    public static AttributeRules parse(byte[] data, int off, int len) {
        AttributesNode node = new AttributesNode();
        try {
            node.parse(new ByteArrayInputStream(data, off, len));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        return new AttributeRules(node.getRules());
    }

    /**
     * These rules without the ones that set none of {@code keys}: {@link #applyTo} then gives the same values for
     * those keys, and a file whose rules concern other attributes only ({@code *.c diff=cpp}) becomes empty.
     */
    public AttributeRules onlyWith(java.util.Set<String> keys) {
        return new AttributeRules(rules.stream()
                .filter(r -> r.getAttributes().stream().anyMatch(a -> keys.contains(a.getKey()))).toList());
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Adds the attributes these rules give {@code relativePath} (relative to the directory of this file) to
     * {@code result}, keeping values already present: callers apply the deepest file first, so it wins, and within
     * a file the last matching line wins, as in git. Values: {@code "true"} (set), {@code "false"} (unset),
     * {@link #UNSPECIFIED}, or the custom value.
     */
    public void applyTo(String relativePath, Map<String, String> result) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            AttributesRule rule = rules.get(i);
            if (!rule.isMatch(relativePath, false)) {
                continue;
            }
            List<Attribute> attrs = rule.getAttributes();
            for (int j = attrs.size() - 1; j >= 0; j--) {
                Attribute a = attrs.get(j);
                String value = switch (a.getState()) {
                    case SET -> "true";
                    case UNSET -> "false";
                    case UNSPECIFIED -> UNSPECIFIED;
                    case CUSTOM -> a.getValue();
                };
                result.putIfAbsent(a.getKey(), value);
            }
        }
    }
}
