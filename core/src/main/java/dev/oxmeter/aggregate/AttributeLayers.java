package dev.oxmeter.aggregate;

import dev.oxmeter.source.AttributeRules;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.model.Oid;
import dev.oxmeter.source.TreeItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code .gitattributes} layering: each directory's file adds a layer of {@code linguist-*} rules over its subtree,
 * deeper layers winning, as git applies them. Layers also name a subtree's context ({@link #key}), so a subtree is
 * composed again only when the attributes above it change.
 *
 * <p>Not thread-safe (it memoizes parsed attribute files by blob id); one per engine. A {@code .gitattributes} blob
 * is read and parsed once per run.
 */
final class AttributeLayers {
    static final int HEAD_BYTES = 64 * 1024;
    /** The attributes that change a count; the others are dropped on parsing. */
    private static final Set<String> LINGUIST = Set.of("linguist-language", "linguist-vendored",
            "linguist-generated");

    /** The rules of one {@code .gitattributes} file, found at {@code prefix}. */
    record Layer(String prefix, Oid blob, AttributeRules rules) {
    }

    private final Map<Oid, AttributeRules> files = new HashMap<>();

    /** The layers in force inside the directory at {@code prefix} holding {@code items}, under {@code layers}. */
    List<Layer> below(ObjectSource src, List<TreeItem> items, String prefix, List<Layer> layers) {
        for (TreeItem item : items) {
            if (item.name().equals(".gitattributes") && item.kind().isRegularFile()) {
                AttributeRules r = files.computeIfAbsent(item.id(), id -> {
                    BlobContent c = src.blob(id, 1 << 20, HEAD_BYTES);
                    // only the linguist-* attributes change a count: a .gitattributes without them is no layer,
                    // so editing its other lines leaves every subtree's key, and saved composition, valid
                    return AttributeRules.parse(c.data(), 0, c.length()).onlyWith(LINGUIST);
                });
                if (r.isEmpty()) {
                    return layers;
                }
                List<Layer> out = new ArrayList<>(layers);
                out.add(new Layer(prefix, item.id(), r));
                return List.copyOf(out);
            }
        }
        return layers;
    }

    /** The attributes {@code layers} give {@code path} (a path below every layer's prefix). */
    static Map<String, String> attributes(String path, List<Layer> layers) {
        if (layers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> attrs = new HashMap<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            l.rules().applyTo(path.substring(l.prefix().length()), attrs);
        }
        return attrs;
    }

    /** The identity of the subtree {@code tree} at {@code prefix} under {@code layers}. */
    static SubtreeKey key(Oid tree, String prefix, List<Layer> layers) {
        return new SubtreeKey(tree, layers.isEmpty() ? prefix : prefix + "|" + fingerprint(layers));
    }

    private static String fingerprint(List<Layer> layers) {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            sb.append(l.blob().abbrev(16)).append(';');
        }
        return sb.toString();
    }
}
