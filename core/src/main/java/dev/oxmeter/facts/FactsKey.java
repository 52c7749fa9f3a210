package dev.oxmeter.facts;

import dev.oxmeter.model.Oid;
import java.util.Objects;

/** Cache key of {@link BlobFacts}: the blob and the detection class its file name gave. */
public record FactsKey(Oid blob, String detection) {
    public FactsKey {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(detection, "detection");
    }
}
