package dev.oxmeter.count;

/** Byte-level facts about raw content that precede any language analysis. Stateless and thread-safe. */
public final class Content {
    /** How far binary sniffing looks, as git and most line counters do. */
    public static final int SNIFF_BYTES = 8000;

    private Content() {
    }

    /** A text is binary when a NUL byte occurs in its first {@link #SNIFF_BYTES} bytes (git's own rule). */
    public static boolean isBinary(byte[] data, int off, int len) {
        int end = off + Math.min(len, SNIFF_BYTES);
        for (int i = off; i < end; i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
