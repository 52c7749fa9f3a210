package dev.oxmeter.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The packages a {@code Cargo.lock} pins, in every format Cargo has written: v1 (an optional {@code [root]}
 * table for the root package and checksums in {@code [metadata]}), v2 (checksums inline, no {@code version}
 * key) and the explicit {@code version = 3} and {@code version = 4}. Immutable.
 *
 * @param parsed   false when the file is not TOML
 * @param format   the lock format: 1, 2, 3, 4 … (1 or 2 inferred from the checksums' place when not written)
 * @param packages every pinned package, root included
 */
public record CargoLock(boolean parsed, int format, List<Crate> packages) {
    static final CargoLock UNPARSABLE = new CargoLock(false, 0, List.of());

    public CargoLock {
        packages = List.copyOf(packages);
    }

    /** Where a pinned package comes from. */
    public enum Source {
        /** No {@code source}: a workspace member or a path dependency, built from this tree. */
        LOCAL,
        /** A registry ({@code registry+…} or {@code sparse+…}), crates.io or another. */
        REGISTRY,
        /** A git repository ({@code git+…}). */
        GIT,
        /** Any other source kind. */
        OTHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One pinned package: name, version and where it comes from ({@code source} as written, or null). */
    public record Crate(String name, String version, Source kind, String source) {
        public Crate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Parses a lock file; never throws. Cost: one parse. */
    public static CargoLock parse(byte[] data) {
        JsonNode root = Toml.parse(Objects.requireNonNull(data, "data"));
        if (root == null || !root.isObject()) {
            return UNPARSABLE;
        }
        List<Crate> out = new ArrayList<>();
        JsonNode legacyRoot = root.get("root");
        if (legacyRoot != null && legacyRoot.isObject() && Toml.text(legacyRoot, "name") != null) {
            out.add(crate(legacyRoot));
        }
        boolean inlineChecksums = false;
        JsonNode pkgs = root.get("package");
        if (pkgs != null && pkgs.isArray()) {
            for (JsonNode p : pkgs) {
                if (p.isObject() && Toml.text(p, "name") != null) {
                    out.add(crate(p));
                    inlineChecksums |= p.has("checksum");
                }
            }
        }
        JsonNode version = root.get("version");
        int format;
        if (version != null && version.canConvertToInt()) {
            format = version.asInt();
        } else {
            JsonNode meta = root.get("metadata");
            boolean metaChecksums = meta != null && meta.isObject() && meta.size() > 0;
            format = metaChecksums || legacyRoot != null || !inlineChecksums ? 1 : 2;
        }
        return new CargoLock(true, format, out);
    }

    private static Crate crate(JsonNode p) {
        String source = Toml.text(p, "source");
        Source kind;
        if (source == null) {
            kind = Source.LOCAL;
        } else if (source.startsWith("registry+") || source.startsWith("sparse+")) {
            kind = Source.REGISTRY;
        } else if (source.startsWith("git+")) {
            kind = Source.GIT;
        } else {
            kind = Source.OTHER;
        }
        return new Crate(Toml.text(p, "name"), Toml.text(p, "version"), kind, source);
    }

    /** The number of packages from {@code kind}. */
    public int count(Source kind) {
        int n = 0;
        for (Crate c : packages) {
            if (c.kind() == kind) {
                n++;
            }
        }
        return n;
    }
}
