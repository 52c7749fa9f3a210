package dev.oxmeter.change;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The rules of {@code oxmeter check}, each judged on the change only (new code, never old debt), with a stable id
 * (used in flags, {@code .oxmeter.toml}, SARIF and workflow commands), a default level and a help text.
 */
public enum Rule {
    UNDOCUMENTED_UNSAFE("undocumented-unsafe", Level.ERROR,
            "New unsafe block, unsafe impl or unsafe extern block without a SAFETY comment",
            "Every unsafe block, unsafe impl and unsafe extern block needs a `// SAFETY:` comment right above it (or "
                    + "above its statement) that explains why its requirements hold, as clippy's "
                    + "undocumented_unsafe_blocks demands. Only sites the change adds, or whose SAFETY comment "
                    + "it removes, are reported; a site that only moves (within its file, to another file, or with "
                    + "its renamed file) is not new."),
    UNSAFE_FN_WITHOUT_SAFETY_DOC("unsafe-fn-without-safety-doc", Level.ERROR,
            "New unsafe fn or unsafe trait without a # Safety doc section",
            "An unsafe fn or unsafe trait needs a `# Safety` section in its doc comment stating what callers or "
                    + "implementors must guarantee (clippy's missing_safety_doc). An unsafe fn directly in a trait "
                    + "impl inherits the trait's documentation. Only new or newly undocumented items are reported."),
    UNANNOTATED_HELPER("unannotated-helper", Level.ERROR,
            "New C helper (rust_helper_*) without __rust_helper",
            "C helpers that Rust calls through bindgen (`rust_helper_<name>`) are marked `__rust_helper` so that "
                    + "they can be inlined into Rust code. Only helpers the change adds, or whose annotation it "
                    + "removes, are reported."),
    RUST_SHARE_DECREASE("rust-share-decrease", Level.ERROR,
            "The Rust share of the code fell by more than the tolerance",
            "The Rust share (Rust code lines / code lines of all programming languages x 100) of the head is "
                    + "lower than the base's by more than the tolerance, in percentage points "
                    + "(`share-tolerance`, default 1.0)."),
    UNSAFE_IN_PATH("unsafe-in-path", Level.ERROR,
            "New unsafe code in a path where it is not allowed",
            "The change adds an unsafe site (documented or not) in a path matching one of the configured "
                    + "`unsafe-paths` globs. The rule does nothing until paths are configured."),
    NEW_FILE_IN_LANGUAGE("new-file-in-language", Level.ERROR,
            "New file in a language that is not allowed under a path",
            "The change adds a file of a language under a path where the configuration forbids new files of "
                    + "that language (`no-new-files`, e.g. no new C under drivers/gpu/nova/). Renamed files "
                    + "(same content) are not new. The rule does nothing until such pairs are configured.");

    private final String id;
    private final Level defaultLevel;
    private final String summary;
    private final String help;

    Rule(String id, Level defaultLevel, String summary, String help) {
        this.id = id;
        this.defaultLevel = defaultLevel;
        this.summary = summary;
        this.help = help;
    }

    public String id() {
        return id;
    }

    public Level defaultLevel() {
        return defaultLevel;
    }

    /** One sentence: what the rule finds. */
    public String summary() {
        return summary;
    }

    /** A paragraph: why it matters and exactly what counts (Markdown). */
    public String help() {
        return help;
    }

    /** The rule with this id; names every id otherwise. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule '" + id + "' (rules: "
                + Arrays.stream(values()).map(Rule::id).collect(Collectors.joining(", ")) + ")");
    }
}
