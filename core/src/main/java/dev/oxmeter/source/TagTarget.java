package dev.oxmeter.source;

import dev.oxmeter.model.Oid;
import java.time.Instant;

/**
 * What reading the object a tag ref points to tells: the commit it peels to, that commit's tree and date, and the
 * tagger date of an annotated tag (null for a lightweight one, whose {@code object} is the commit). An object id
 * fixes all of them, so a target read once may be kept and served forever.
 */
public record TagTarget(Oid object, Oid commit, Oid tree, Instant tagDate, Instant commitDate) {
}
