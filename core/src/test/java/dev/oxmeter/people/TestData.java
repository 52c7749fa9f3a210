package dev.oxmeter.people;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Locates the shared test data by walking up from the working directory (the module or the repository root). */
final class TestData {
    private TestData() {
    }

    static Optional<Path> find(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
