package dev.oxmeter.model;


/**
 * A git object id (SHA-1) as a compact value type, so code outside this package never sees JGit types.
 *
 * <p>Immutable; cheap to hash and compare. {@link #hex()} is the usual 40-character lower-case form.
 */
public record Oid(long w1, long w2, int w3) implements Comparable<Oid> {

    /** Parses a full 40-character hexadecimal id. */
    public static Oid fromHex(String hex) {
        if (hex.length() != 40) {
            throw new IllegalArgumentException("not a 40-digit object id: " + hex);
        }
        return new Oid(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16),
                (int) Long.parseLong(hex, 32, 40, 16));
    }

    /**
     * Parses the 40 hexadecimal digits at {@code offset} of {@code s} (either case), without copying them: for
     * reading many ids from one long text.
     *
     * @throws IllegalArgumentException when fewer than 40 characters follow or one is not a hex digit
     */
    public static Oid fromHex(CharSequence s, int offset) {
        if (offset < 0 || offset + 40 > s.length()) {
            throw new IllegalArgumentException("not a 40-digit object id at " + offset);
        }
        return new Oid(hexLong(s, offset, 16), hexLong(s, offset + 16, 16), (int) hexLong(s, offset + 32, 8));
    }

    /**
     * Parses the 40 hexadecimal digits (ASCII, either case) at {@code offset} of {@code b}, without copying them.
     *
     * @throws IllegalArgumentException when fewer than 40 bytes follow or one is not a hex digit
     */
    public static Oid fromHex(byte[] b, int offset) {
        if (offset < 0 || offset + 40 > b.length) {
            throw new IllegalArgumentException("not a 40-digit object id at " + offset);
        }
        return new Oid(hexLong(b, offset, 16), hexLong(b, offset + 16, 16), (int) hexLong(b, offset + 32, 8));
    }

    private static long hexLong(byte[] b, int from, int digits) {
        long v = 0;
        int bad = 0;
        for (int i = from; i < from + digits; i++) {
            int d = HEX_VALUE[b[i] & 0xff];
            bad |= d;
            v = (v << 4) | (d & 15);
        }
        if (bad < 0) {
            for (int i = from; i < from + digits; i++) {
                if (HEX_VALUE[b[i] & 0xff] < 0) {
                    throw new IllegalArgumentException("not a hex digit: '" + (char) (b[i] & 0xff) + "'");
                }
            }
        }
        return v;
    }

    /** Each byte's value as a hex digit (either case), -1 for any other byte. */
    private static final byte[] HEX_VALUE = new byte[256];

    static {
        java.util.Arrays.fill(HEX_VALUE, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX_VALUE['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX_VALUE['a' + i] = (byte) (10 + i);
            HEX_VALUE['A' + i] = (byte) (10 + i);
        }
    }

    private static long hexLong(CharSequence s, int from, int digits) {
        long v = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw new IllegalArgumentException("not a hex digit: '" + s.charAt(i) + "'");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    public String hex() {
        // one array and one Latin-1 string: three HexFormat strings and their concatenation cost twice as much in a
        // short run, where this is called for every revision and every key written to the store
        byte[] b = new byte[40];
        hexDigits(b, 0, w1, 16);
        hexDigits(b, 16, w2, 16);
        hexDigits(b, 32, w3, 8);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final byte[] DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
        'f'};

    private static void hexDigits(byte[] b, int at, long v, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            b[i] = DIGITS[(int) v & 15];
            v >>>= 4;
        }
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

    // written out rather than left to the record's generated methods: ids are hashed and compared in the hottest
    // loops (the tree walk's maps), and the generated ones go through method handles

    @Override
    public boolean equals(Object o) {
        return o instanceof Oid x && w1 == x.w1 && w2 == x.w2 && w3 == x.w3;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(w1) * 31 + Long.hashCode(w2)) * 31 + w3;
    }

    @Override
    public String toString() {
        return hex();
    }
}
