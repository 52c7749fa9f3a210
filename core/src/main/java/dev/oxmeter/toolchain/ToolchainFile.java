package dev.oxmeter.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The toolchain a {@code rust-toolchain} or {@code rust-toolchain.toml} file pins for rustup: its channel
 * ({@code stable}, {@code nightly-2024-01-01}, {@code 1.70.0} …). Both files may be TOML with a
 * {@code [toolchain]} table; the legacy {@code rust-toolchain} may also be one bare line. Immutable.
 *
 * @param channel the channel, or null when the file names none
 * @param version the channel as a version when it is one ({@code 1.70.0}), else null
 */
public record ToolchainFile(String channel, RustVersion version) {
    public static final String LEGACY = "rust-toolchain";
    public static final String TOML = "rust-toolchain.toml";

    /** Parses either form; never throws. Cost: one parse. */
    public static ToolchainFile parse(byte[] data) {
        String text = new String(Objects.requireNonNull(data, "data"), StandardCharsets.UTF_8);
        String channel = null;
        JsonNode root = text.contains("[toolchain]") ? Toml.parse(data) : null;
        if (root != null) {
            channel = Toml.text(root.get("toolchain"), "channel");
        } else {
            for (String line : text.split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    channel = l;
                    break;
                }
            }
        }
        return new ToolchainFile(channel, RustVersion.parse(channel));
    }
}
