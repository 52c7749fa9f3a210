package dev.oxmeter.change;

import java.util.Objects;

/** Rust code lines of one owner (its most specific MAINTAINERS/CODEOWNERS entry) at the base and head. */
public record OwnerDelta(String owner, long rustBase, long rustHead) {
    public OwnerDelta {
        Objects.requireNonNull(owner, "owner");
    }

    public long delta() {
        return rustHead - rustBase;
    }
}
