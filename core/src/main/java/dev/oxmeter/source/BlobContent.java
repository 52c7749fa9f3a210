package dev.oxmeter.source;

/**
 * Content of a blob, possibly only its head: {@code data[0..length)} holds the first bytes; when
 * {@link #truncated()} the blob is larger ({@link #size()}) and was deliberately not loaded whole.
 */
public record BlobContent(byte[] data, int length, long size, boolean truncated) {
    /** The largest blob ever read whole, whatever the size limit: a Java array's bound. */
    public static final long MAX_WHOLE_BYTES = Integer.MAX_VALUE - 16;
}
