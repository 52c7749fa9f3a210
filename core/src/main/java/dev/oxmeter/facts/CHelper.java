package dev.oxmeter.facts;

import java.util.Objects;

/**
 * One C helper definition: {@code function} is the full C name ({@code rust_helper_get_file}), {@code line} the
 * 1-based line of that name, {@code annotated} whether the definition carries {@code __rust_helper}.
 */
public record CHelper(String function, int line, boolean annotated) {
    public CHelper {
        Objects.requireNonNull(function, "function");
        if (!function.startsWith(CHelperScanner.PREFIX)) {
            throw new IllegalArgumentException("not a helper name: " + function);
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    /** The name Rust calls it by: the function name without {@code rust_helper_} ({@code get_file}). */
    public String rustName() {
        return function.substring(CHelperScanner.PREFIX.length());
    }
}
