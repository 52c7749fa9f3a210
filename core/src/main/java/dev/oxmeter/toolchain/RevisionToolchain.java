package dev.oxmeter.toolchain;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The toolchain facts of one revision's tree: declared minimums, the pinned toolchain, the kernel's tool
 * minimums, lock files and vendored crates. Immutable.
 *
 * @param label       the revision as selected (tag name, sample id)
 * @param commit      the commit's full id, or "" for a bare tree
 * @param date        the revision's date (UTC), or null for a bare tree
 * @param manifests   every Cargo manifest outside vendored directories, in path order
 * @param minimum     the project's declared minimum rustc: the root manifest's {@code rust-version} (direct or
 *                    through its workspace), else the strictest one outside test and example directories; null
 *                    when none is declared
 * @param minimumFrom the manifest {@code minimum} comes from ("" when null)
 * @param strictest   the highest {@code rust-version} of any manifest (tests and examples included), or null
 * @param strictestFrom the manifest it comes from ("" when null)
 * @param editions    editions in use: edition → number of packages (a package without one is on 2015)
 * @param toolchains  rust-toolchain / rust-toolchain.toml files and their channel
 * @param kernel      the kernel's scripts/min-tool-version.sh minimums, or null without that script or without
 *                    Rust in it
 * @param locks       every Cargo.lock outside vendored directories
 * @param vendored    directories holding vendored (third-party, copied-in) crates
 */
public record RevisionToolchain(String label, String commit, LocalDate date, List<Manifest> manifests,
                                RustVersion minimum, String minimumFrom, RustVersion strictest, String strictestFrom,
                                Map<String, Integer> editions, List<Toolchain> toolchains, MinToolVersion kernel,
                                List<Lock> locks, List<String> vendored) {
    public RevisionToolchain {
        Objects.requireNonNull(label, "label");
        manifests = List.copyOf(manifests);
        editions = Collections.unmodifiableMap(new LinkedHashMap<>(editions));
        toolchains = List.copyOf(toolchains);
        locks = List.copyOf(locks);
        vendored = List.copyOf(vendored);
    }

    /**
     * One manifest with inheritance resolved.
     *
     * @param path        its path
     * @param name        the package name, or "" for a virtual workspace manifest
     * @param rustVersion the effective {@code rust-version}, or null
     * @param declared    how it is declared: "package", "workspace" (inherited), "workspace.package" (a virtual
     *                    root's), "unresolved" (a placeholder or an inheritance without a root value), or "" for none
     * @param edition     the effective edition, or "" for a manifest without a package
     * @param testOrExample it lies in a test or example directory
     */
    public record Manifest(String path, String name, RustVersion rustVersion, String declared, String edition,
                           boolean testOrExample) {
    }

    /** A pinned toolchain file and its channel ("" when it names none). */
    public record Toolchain(String path, String channel, RustVersion version) {
    }

    /**
     * One lock file.
     *
     * @param testOrExample it lies in a test or example directory (reported apart)
     */
    public record Lock(String path, int format, boolean testOrExample, List<CargoLock.Crate> crates) {
        public Lock {
            crates = List.copyOf(crates);
        }

        public int count(CargoLock.Source kind) {
            int n = 0;
            for (CargoLock.Crate c : crates) {
                if (c.kind() == kind) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The minimum that decides who can build the revision: the kernel's rustc minimum if any, else {@link #minimum}. */
    public RustVersion required() {
        return kernel != null && kernel.rustc() != null ? kernel.rustc() : minimum;
    }

    /** Where {@link #required()} comes from. */
    public String requiredFrom() {
        return kernel != null && kernel.rustc() != null ? MinToolVersion.PATH : minimumFrom;
    }

    /** True when the tree holds anything this analysis reads. */
    public boolean hasRust() {
        return !manifests.isEmpty() || !locks.isEmpty() || !toolchains.isEmpty() || kernel != null
                || !vendored.isEmpty();
    }

    /** The pinned channel of the root toolchain file (or the first one), "" without any. */
    public String channel() {
        for (Toolchain t : toolchains) {
            if (t.path().indexOf('/') < 0) {
                return t.channel();
            }
        }
        return toolchains.isEmpty() ? "" : toolchains.get(0).channel();
    }
}
