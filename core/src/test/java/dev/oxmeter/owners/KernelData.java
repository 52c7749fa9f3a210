package dev.oxmeter.owners;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Locates test data: the shared kernel copies (optional) and this module's fixtures. */
final class KernelData {
    private KernelData() {
    }

    /**
     * The shared kernel MAINTAINERS copy: {@code shared/data/linux/MAINTAINERS} found by walking up from the
     * working directory (the worktree sits next to {@code shared/}); empty when this checkout has no such tree.
     */
    static Optional<String> realMaintainers() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/linux/MAINTAINERS");
            if (Files.isRegularFile(candidate)) {
                try {
                    return Optional.of(Files.readString(candidate, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }

    static String resource(String name) {
        try (InputStream in = KernelData.class.getResourceAsStream("/kernel/owners/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
