package dev.oxmeter.model;

import java.util.HexFormat;

/**
 * A git object id (SHA-1) as a compact value type, so code outside this package never sees JGit types.
 *
 * <p>Immutable; cheap to hash and compare. {@link #hex()} is the usual 40-character lower-case form.
 */
public record Oid(long w1, long w2, int w3) implements Comparable<Oid> {
    private static final HexFormat HEX = HexFormat.of();

    /** Parses a full 40-character hexadecimal id. */
    public static Oid fromHex(String hex) {
        if (hex.length() != 40) {
            throw new IllegalArgumentException("not a 40-digit object id: " + hex);
        }
        return new Oid(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16),
                (int) Long.parseLong(hex, 32, 40, 16));
    }

    public String hex() {
        return HEX.toHexDigits(w1) + HEX.toHexDigits(w2) + HEX.toHexDigits(w3);
    }

    /** The first {@code n} hex digits, for display. */
    public String abbrev(int n) {
        return hex().substring(0, n);
    }

    @Override
    public int compareTo(Oid o) {
        int c = Long.compareUnsigned(w1, o.w1);
        if (c == 0) {
            c = Long.compareUnsigned(w2, o.w2);
        }
        return c != 0 ? c : Integer.compareUnsigned(w3, o.w3);
    }

    @Override
    public String toString() {
        return hex();
    }
}
