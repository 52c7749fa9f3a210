package dev.oxmeter.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What one Cargo manifest ({@code Cargo.toml}, or a {@code Cargo.toml.in} template) declares about the toolchain,
 * before workspace inheritance is resolved. Immutable.
 *
 * @param parsed                 false when the file is not TOML (then nothing else is known)
 * @param template               the file is a template ({@code Cargo.toml.in})
 * @param hasPackage             it has a {@code [package]} (or the old {@code [project]}) table
 * @param packageName            {@code package.name}, or null
 * @param rustVersion            {@code package.rust-version} as written (may be a placeholder), or null
 * @param rustVersionInherited   {@code rust-version.workspace = true}
 * @param edition                {@code package.edition} as written, or null (Cargo then uses 2015)
 * @param editionInherited       {@code edition.workspace = true}
 * @param workspace              it has a {@code [workspace]} table (it is a workspace root)
 * @param workspaceRustVersion   {@code workspace.package.rust-version}, or null
 * @param workspaceEdition       {@code workspace.package.edition}, or null
 * @param workspacePath          {@code package.workspace} (an explicit path to the workspace root), or null
 */
public record CargoManifest(boolean parsed, boolean template, boolean hasPackage, String packageName,
                            String rustVersion, boolean rustVersionInherited, String edition,
                            boolean editionInherited, boolean workspace, String workspaceRustVersion,
                            String workspaceEdition, String workspacePath) {
    static final CargoManifest UNPARSABLE = new CargoManifest(false, false, false, null, null, false, null, false,
            false, null, null, null);

    /** Parses a manifest; never throws (a file that is not TOML gives {@code parsed == false}). Cost: one parse. */
    public static CargoManifest parse(byte[] data, boolean template) {
        Objects.requireNonNull(data, "data");
        JsonNode root = template ? Toml.parseTemplate(data) : Toml.parse(data);
        if (root == null || !root.isObject()) {
            return template ? new CargoManifest(false, true, false, null, null, false, null, false, false, null,
                    null, null) : UNPARSABLE;
        }
        JsonNode pkg = root.get("package");
        if (pkg == null || !pkg.isObject()) {
            pkg = root.get("project"); // the table's name before Cargo 1.0
        }
        boolean hasPackage = pkg != null && pkg.isObject();
        JsonNode ws = root.get("workspace");
        boolean isWorkspace = ws != null && ws.isObject();
        JsonNode wsPkg = isWorkspace ? ws.get("package") : null;
        return new CargoManifest(true, template, hasPackage, Toml.text(pkg, "name"),
                Toml.text(pkg, "rust-version"), inherits(pkg, "rust-version"), Toml.text(pkg, "edition"),
                inherits(pkg, "edition"), isWorkspace, Toml.text(wsPkg, "rust-version"), Toml.text(wsPkg, "edition"),
                Toml.text(pkg, "workspace"));
    }

    private static boolean inherits(JsonNode pkg, String key) {
        JsonNode v = pkg == null ? null : pkg.get(key);
        return v != null && v.isObject() && v.path("workspace").asBoolean(false);
    }
}
