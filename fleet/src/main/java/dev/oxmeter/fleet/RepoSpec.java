package dev.oxmeter.fleet;

import dev.oxmeter.OxmeterException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One repository of a fleet: its name in the outputs and where executors find it, a local path (a shared
 * directory every executor sees) or a clone URL ({@code file://}, {@code https://}, {@code ssh://}, {@code git@…}).
 * Immutable.
 */
public record RepoSpec(String name, String location) implements Serializable {
    public RepoSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        if (name.isBlank() || location.isBlank()) {
            throw new IllegalArgumentException("blank repository name or location");
        }
    }

    /** True when {@link #location()} is to be cloned rather than opened in place. */
    public boolean isUrl() {
        return location.contains("://") || location.matches("[\\w.-]+@[\\w.-]+:.*");
    }

    /**
     * Reads a repository list: one repository a line, {@code LOCATION [NAME]}, blank lines and {@code #} comments
     * ignored. A missing name is the location's last path component without {@code .git} (the directory above a
     * bare {@code repo} or {@code .git} directory). Relative paths are resolved against the list's directory.
     *
     * @throws OxmeterException on an unreadable file, an empty list or a duplicate name, naming the line
     */
    public static List<RepoSpec> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OxmeterException("cannot read the repository list " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        List<RepoSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String location = parts[0];
            RepoSpec probe = new RepoSpec("x", location);
            if (!probe.isUrl()) {
                location = base.resolve(location).normalize().toString();
            }
            String name = parts.length > 1 ? parts[1].strip() : defaultName(location);
            if (!names.add(name)) {
                throw new OxmeterException(file + ":" + (i + 1) + ": repository name '" + name
                        + "' is used twice; give one of them a name after its location");
            }
            out.add(new RepoSpec(name, location));
        }
        if (out.isEmpty()) {
            throw new OxmeterException("the repository list " + file + " names no repository");
        }
        return out;
    }

    /** The name a location gets when the list gives none. */
    static String defaultName(String location) {
        String s = location.replaceAll("[/\\\\]+$", "");
        String[] parts = s.split("[/:\\\\]");
        int i = parts.length - 1;
        while (i > 0 && (parts[i].equals("repo") || parts[i].equals(".git") || parts[i].isEmpty())) {
            i--;
        }
        String n = parts[Math.max(0, i)];
        return n.endsWith(".git") && n.length() > 4 ? n.substring(0, n.length() - 4) : n;
    }
}
