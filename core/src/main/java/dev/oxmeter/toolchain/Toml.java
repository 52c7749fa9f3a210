package dev.oxmeter.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** TOML parsing for Cargo files, through Jackson's TOML 1.0 parser. Stateless and thread-safe. */
final class Toml {
    private static final TomlMapper MAPPER = new TomlMapper();
    /** A template placeholder standing as a whole value ({@code rust-version = @RUST_VERSION@}): not TOML yet. */
    private static final Pattern PLACEHOLDER_VALUE = Pattern.compile(
            "(?m)^(\\s*[A-Za-z0-9_.\"'-]+\\s*=\\s*)@([A-Za-z_][A-Za-z0-9_]*)@(\\s*(?:#.*)?)$");

    private Toml() {
    }

    /** The document as a tree, or null when it is not valid TOML. */
    static JsonNode parse(byte[] data) {
        try {
            return MAPPER.readTree(data);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A template ({@code Cargo.toml.in}) as a tree: placeholders that stand for a whole value are read as the
     * strings {@code "@NAME@"} first, so the rest of the file still counts. Null when it is still not TOML.
     */
    static JsonNode parseTemplate(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String quoted = PLACEHOLDER_VALUE.matcher(text).replaceAll("$1\"@$2@\"$3");
        return parse(quoted.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of {@code node.path(key)} when it is a string, else null. */
    static String text(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
