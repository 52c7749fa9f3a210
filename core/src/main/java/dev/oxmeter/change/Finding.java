package dev.oxmeter.change;

import java.util.Objects;

/**
 * One rule firing: its rule and level, a message, and where ({@code path} and 1-based {@code line}; null and 0 for
 * a finding about the whole change, such as the Rust share), with the fingerprint of the site when there is one
 * (stable across line shifts, for SARIF's partialFingerprints). Immutable.
 */
public record Finding(Rule rule, Level level, String message, String path, int line, String fingerprint) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        if (level == Level.OFF) {
            throw new IllegalArgumentException("a finding of a rule that is off");
        }
        if (path == null ? line != 0 : line < 1) {
            throw new IllegalArgumentException("line " + line + " for path " + path);
        }
    }
}
