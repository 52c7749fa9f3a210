package dev.oxmeter.aggregate;

import dev.oxmeter.language.Detection;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.AttributeRules;
import dev.oxmeter.source.TreeItem;
import java.util.List;
import java.util.Map;

/**
 * Classifies a file entry before its blob is read: its detection class (a {@code linguist-language} attribute, or
 * the catalog's rule for its name) and its exclusion by the {@link ExclusionPolicy}, both under the attribute
 * layers in force. Immutable and thread-safe; no object is read.
 */
final class EntryClassifier {
    record FileInfo(String path, Detection detection, ExclusionReason exclusion) {
    }

    private final LanguageCatalog catalog;
    private final ExclusionPolicy policy;

    EntryClassifier(LanguageCatalog catalog, ExclusionPolicy policy) {
        this.catalog = catalog;
        this.policy = policy;
    }

    /** The exclusion decisions for the files of the directory {@code prefix}, to pass to {@link #classify}. */
    ExclusionPolicy.Directory directory(String prefix) {
        return policy.directory(prefix);
    }

    /** {@link #directory} of {@code prefix}, derived from its parent's ({@code parent}; null at the root). */
    ExclusionPolicy.Directory directory(ExclusionPolicy.Directory parent, String prefix) {
        return parent == null ? policy.directory(prefix) : parent.subdirectory(prefix);
    }

    /** Classifies {@code item} of the directory {@code prefix} ({@code dir} its {@link #directory}). */
    FileInfo classify(ExclusionPolicy.Directory dir, String prefix, TreeItem item,
                      List<AttributeLayers.Layer> layers) {
        String path = prefix + item.name();
        Map<String, String> attrs = AttributeLayers.attributes(path, layers);
        Detection detection = null;
        String override = attrs.get("linguist-language");
        if (override != null && !override.equals(AttributeRules.UNSPECIFIED)) {
            detection = catalog.byName(override.replace('_', ' ')).map(Detection::of).orElse(null);
        }
        if (detection == null) {
            detection = catalog.detect(item.name());
        }
        return new FileInfo(path, detection, dir.reason(path, attrs));
    }
}
