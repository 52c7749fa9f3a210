package dev.oxmeter.change;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.PathGlob;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of {@code oxmeter check}: a level per rule, the Rust share tolerance, the paths where new unsafe
 * code is not allowed and the (language, path) pairs where new files are not allowed. Built from the defaults,
 * then an optional {@code .oxmeter.toml}, then flags. Immutable.
 *
 * <p>The file has one table, {@code [check]}; unknown keys are errors, so a misspelt rule never silently
 * disables anything:
 * <pre>
 * [check]
 * share-tolerance = 0.5
 * unsafe-paths = ["drivers/gpu/nova-core/"]
 *
 * [check.rules]
 * unannotated-helper = "warning"
 *
 * [[check.no-new-files]]
 * language = "C"
 * path = "drivers/gpu/nova-core/"
 * </pre>
 */
public record CheckConfig(Map<Rule, Level> levels, double shareTolerance, List<String> unsafePaths,
                          List<LanguagePath> noNewFiles) {
    /** The default Rust share tolerance, in percentage points. */
    public static final double DEFAULT_SHARE_TOLERANCE = 1.0;
    /** The file read from the root of the head revision. */
    public static final String FILE_NAME = ".oxmeter.toml";

    /** A language (catalog name) that may not get new files under a path glob. */
    public record LanguagePath(String language, String path) {
        public LanguagePath {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(path, "path");
            PathGlob.compile(path);
        }
    }

    public CheckConfig {
        EnumMap<Rule, Level> m = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) {
            m.put(r, levels.getOrDefault(r, r.defaultLevel()));
        }
        levels = java.util.Collections.unmodifiableMap(m);
        if (!(shareTolerance >= 0) || Double.isInfinite(shareTolerance)) {
            throw new IllegalArgumentException("share tolerance must be a number of percentage points >= 0: "
                    + shareTolerance);
        }
        unsafePaths = List.copyOf(unsafePaths);
        unsafePaths.forEach(PathGlob::compile);
        noNewFiles = List.copyOf(noNewFiles);
    }

    public static CheckConfig defaults() {
        return new CheckConfig(Map.of(), DEFAULT_SHARE_TOLERANCE, List.of(), List.of());
    }

    public Level level(Rule r) {
        return levels.get(r);
    }

    /** A copy with {@code r} at {@code level}. */
    public CheckConfig with(Rule r, Level level) {
        EnumMap<Rule, Level> m = new EnumMap<>(levels);
        m.put(r, level);
        return new CheckConfig(m, shareTolerance, unsafePaths, noNewFiles);
    }

    public CheckConfig withShareTolerance(double pp) {
        return new CheckConfig(levels, pp, unsafePaths, noNewFiles);
    }

    public CheckConfig withUnsafePaths(List<String> more) {
        List<String> all = new ArrayList<>(unsafePaths);
        all.addAll(more);
        return new CheckConfig(levels, shareTolerance, all, noNewFiles);
    }

    public CheckConfig withNoNewFiles(List<LanguagePath> more) {
        List<LanguagePath> all = new ArrayList<>(noNewFiles);
        all.addAll(more);
        return new CheckConfig(levels, shareTolerance, unsafePaths, all);
    }

    /** The canonical catalog name of a language given in any case ({@code c} → {@code C}); an error if unknown. */
    public static String language(LanguageCatalog catalog, String name) {
        for (Language l : catalog.languages()) {
            if (l.name().equalsIgnoreCase(name.trim())) {
                return l.name();
            }
        }
        throw new IllegalArgumentException("unknown language '" + name + "'");
    }

    /**
     * Reads a {@code .oxmeter.toml} text over {@code base}; {@code source} names the file in messages.
     *
     * @throws OxmeterException for a syntax error, an unknown key, or a value of the wrong type or range
     */
    public static CheckConfig parse(String toml, String source, CheckConfig base, LanguageCatalog catalog) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (JacksonException e) {
            throw new OxmeterException(source + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid TOML")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        try {
            return read(root, base, catalog);
        } catch (IllegalArgumentException e) {
            throw new OxmeterException(source + ": " + e.getMessage());
        }
    }

    private static CheckConfig read(JsonNode root, CheckConfig base, LanguageCatalog catalog) {
        if (root == null || root.isMissingNode() || root.isEmpty()) {
            return base;
        }
        onlyKeys(root, "", Set.of("check"));
        JsonNode check = table(root.get("check"), "check");
        if (check == null) {
            return base;
        }
        onlyKeys(check, "check.", Set.of("rules", "share-tolerance", "unsafe-paths", "no-new-files"));
        CheckConfig c = base;
        JsonNode rules = table(check.get("rules"), "check.rules");
        if (rules != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Rule r = Rule.byId(e.getKey());
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("check.rules." + e.getKey()
                            + " must be \"error\", \"warning\" or \"off\"");
                }
                c = c.with(r, Level.parse(e.getValue().asText()));
            }
        }
        JsonNode tol = check.get("share-tolerance");
        if (tol != null) {
            if (!tol.isNumber()) {
                throw new IllegalArgumentException("check.share-tolerance must be a number (percentage points)");
            }
            c = c.withShareTolerance(tol.asDouble());
        }
        JsonNode paths = check.get("unsafe-paths");
        if (paths != null) {
            List<String> globs = new ArrayList<>();
            for (JsonNode p : array(paths, "check.unsafe-paths")) {
                if (!p.isTextual()) {
                    throw new IllegalArgumentException("check.unsafe-paths must be a list of path globs");
                }
                globs.add(p.asText());
            }
            c = c.withUnsafePaths(globs);
        }
        JsonNode bans = check.get("no-new-files");
        if (bans != null) {
            List<LanguagePath> pairs = new ArrayList<>();
            for (JsonNode b : array(bans, "check.no-new-files")) {
                table(b, "check.no-new-files entry");
                onlyKeys(b, "check.no-new-files.", Set.of("language", "path"));
                JsonNode lang = b.get("language");
                JsonNode path = b.get("path");
                if (lang == null || !lang.isTextual() || path == null || !path.isTextual()) {
                    throw new IllegalArgumentException("each check.no-new-files entry needs language and path strings");
                }
                pairs.add(new LanguagePath(language(catalog, lang.asText()), path.asText()));
            }
            c = c.withNoNewFiles(pairs);
        }
        return c;
    }

    private static JsonNode table(JsonNode n, String name) {
        if (n != null && !n.isObject()) {
            throw new IllegalArgumentException(name + " must be a table");
        }
        return n;
    }

    private static JsonNode array(JsonNode n, String name) {
        if (!n.isArray()) {
            throw new IllegalArgumentException(name + " must be an array");
        }
        return n;
    }

    private static void onlyKeys(JsonNode n, String prefix, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + prefix + k + "' (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }
}
