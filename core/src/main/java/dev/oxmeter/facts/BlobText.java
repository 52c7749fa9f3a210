package dev.oxmeter.facts;

import java.util.Objects;

/**
 * One text blob as the analyses of one facts computation see it: its bytes, and the token streams derived from
 * them, each produced on first use and then shared, so that a Rust blob is lexed once however many analyses read
 * its tokens (safety and boundary both do).
 *
 * <p>References the byte array without copying it. Confined to the thread computing the blob's facts; not
 * thread-safe. Costs nothing until an analysis asks for tokens.
 */
public final class BlobText {
    /** How a Rust token stream is produced; {@link RustLexer#lex} except in tests that count the calls. */
    @FunctionalInterface
    interface RustTokenizer {
        RustTokens lex(byte[] data, int off, int len);
    }

    private final byte[] data;
    private final int offset;
    private final int length;
    private final RustTokenizer rustTokenizer;
    private RustTokens rustTokens;

    BlobText(byte[] data, int offset, int length, RustTokenizer rustTokenizer) {
        Objects.requireNonNull(data, "data");
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("off=" + offset + " len=" + length + " length=" + data.length);
        }
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.rustTokenizer = Objects.requireNonNull(rustTokenizer, "rustTokenizer");
    }

    /** The {@code length} bytes of {@code data} from {@code offset}; the array is referenced, not copied. */
    public static BlobText of(byte[] data, int offset, int length) {
        return new BlobText(data, offset, length, RustLexer::lex);
    }

    /** The array holding the blob's bytes (possibly larger than the blob); callers must not modify it. */
    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** The blob lexed as Rust: lexed on the first call, the same tokens on every later one. */
    RustTokens rustTokens() {
        if (rustTokens == null) {
            rustTokens = rustTokenizer.lex(data, offset, length);
        }
        return rustTokens;
    }
}
