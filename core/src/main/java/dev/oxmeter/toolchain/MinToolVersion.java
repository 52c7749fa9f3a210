package dev.oxmeter.toolchain;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Rust tool minimums of the Linux kernel's {@code scripts/min-tool-version.sh}, in both shapes the script has
 * had for them: a plain arm ({@code rustc)} ⏎ {@code echo 1.78.0} ⏎ {@code ;;}) and an arm that depends on the
 * architecture ({@code if [ "$SRCARCH" = "s390" ]; then echo 1.96.0; else echo 1.85.0; fi}). The general
 * minimum is the unconditional (or {@code else}) value; architecture-specific ones are kept apart. Immutable.
 *
 * @param rustc   the minimum rustc, or null when the script has no rustc arm (kernels before v6.1)
 * @param rustcBy architecture-specific rustc minimums ({@code s390 → 1.96.0}), in script order
 * @param bindgen the minimum bindgen (a bindgen version, not a rustc one), or null
 */
public record MinToolVersion(RustVersion rustc, Map<String, String> rustcBy, String bindgen) {
    public static final String PATH = "scripts/min-tool-version.sh";

    private static final Pattern ARM = Pattern.compile("(?m)^\\s*([A-Za-z0-9_|-]+)\\)\\s*$");
    private static final Pattern ECHO = Pattern.compile("^echo\\s+\"?([0-9][0-9A-Za-z.+-]*)\"?\\s*$");
    private static final Pattern COND = Pattern.compile("\\$\\{?(?:SRCARCH|ARCH)\\}?\"?\\s*=\\s*\"?([A-Za-z0-9_]+)\"?");

    public MinToolVersion {
        rustcBy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rustcBy));
    }

    /** Parses the script; tools it does not name are null. Never throws. Cost: one pass over the text. */
    public static MinToolVersion parse(byte[] data) {
        String text = new String(Objects.requireNonNull(data, "data"), StandardCharsets.UTF_8);
        Arm rustc = arm(text, "rustc");
        Arm bindgen = arm(text, "bindgen");
        return new MinToolVersion(rustc == null ? null : RustVersion.parse(rustc.general),
                rustc == null ? Map.of() : rustc.byArch, bindgen == null ? null : bindgen.general);
    }

    /** True when the script names a Rust tool at all. */
    public boolean hasRust() {
        return rustc != null || bindgen != null;
    }

    private record Arm(String general, Map<String, String> byArch) {
    }

    /** The values of the {@code tool)} arm of the script's case statement, or null without such an arm. */
    private static Arm arm(String text, String tool) {
        Matcher m = ARM.matcher(text);
        while (m.find()) {
            boolean named = false;
            for (String alt : m.group(1).split("\\|")) {
                named |= alt.equals(tool);
            }
            if (!named) {
                continue;
            }
            int end = text.indexOf(";;", m.end());
            String body = text.substring(m.end(), end < 0 ? text.length() : end);
            String general = null;
            Map<String, String> byArch = new LinkedHashMap<>();
            String condition = null; // the architecture the current if/elif branch is for, null outside one
            boolean inElse = false;
            for (String raw : body.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("if ") || line.startsWith("elif ")) {
                    Matcher c = COND.matcher(line);
                    condition = c.find() ? c.group(1) : "(other condition)";
                    inElse = false;
                    String rest = line.contains("then") ? line.substring(line.indexOf("then") + 4).strip() : "";
                    line = rest.startsWith(";") ? rest.substring(1).strip() : rest;
                    if (line.isEmpty()) {
                        continue;
                    }
                } else if (line.startsWith("else")) {
                    condition = null;
                    inElse = true;
                    line = line.substring(4).strip();
                    if (line.isEmpty()) {
                        continue;
                    }
                } else if (line.startsWith("fi")) {
                    condition = null;
                    inElse = false;
                    continue;
                }
                Matcher e = ECHO.matcher(line.endsWith(";") ? line.substring(0, line.length() - 1).strip() : line);
                if (!e.matches()) {
                    continue;
                }
                if (condition != null) {
                    byArch.putIfAbsent(condition, e.group(1));
                } else if (general == null || inElse) {
                    general = e.group(1);
                }
            }
            return new Arm(general, byArch);
        }
        return null;
    }
}
