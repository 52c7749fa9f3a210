package dev.oxmeter.aggregate;

import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.model.Oid;
import dev.oxmeter.source.EntryKind;

/**
 * One file of a revision with everything known about it: where it is, what it is, why it is excluded (if it is),
 * its facts (null for symlinks and submodules) and the composition row it is counted in.
 */
public record FileRow(String path, EntryKind kind, Oid blob, ExclusionReason exclusion, BlobFacts facts, String row) {
}
