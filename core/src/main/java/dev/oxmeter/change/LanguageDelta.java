package dev.oxmeter.change;

import java.util.Objects;

/** Files and code lines of one language (or composition row) at the base and at the head. Immutable. */
public record LanguageDelta(String language, long filesBase, long filesHead, long codeBase, long codeHead) {
    public LanguageDelta {
        Objects.requireNonNull(language, "language");
    }

    public long codeDelta() {
        return codeHead - codeBase;
    }

    public long filesDelta() {
        return filesHead - filesBase;
    }
}
