package dev.oxmeter.facts;

import dev.oxmeter.model.Oid;
import java.util.Objects;

/** Cache key of {@link BlobFacts}: the blob and the detection class its file name gave. */
public record FactsKey(Oid blob, String detection) {
    public FactsKey {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(detection, "detection");
    }

    // written out, as the record's would be: a record's own are linked through method handles on first use, and
    // keys are hashed and compared thousands of times in the tree walk and the store lookup before the JIT warms

    @Override
    public boolean equals(Object o) {
        return o instanceof FactsKey k && blob.equals(k.blob) && detection.equals(k.detection);
    }

    @Override
    public int hashCode() {
        return blob.hashCode() * 31 + detection.hashCode();
    }
}
