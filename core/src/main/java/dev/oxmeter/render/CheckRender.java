package dev.oxmeter.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxmeter.change.ChangeReport;
import dev.oxmeter.change.CheckResult;
import dev.oxmeter.change.Finding;
import dev.oxmeter.change.Level;
import dev.oxmeter.change.Rule;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Renders a {@link CheckResult} for people (text, Markdown) and for CI systems: JSON, SARIF 2.1.0 (GitHub code
 * scanning and other SARIF consumers) and GitHub Actions workflow commands. Stateless and thread-safe.
 */
public final class CheckRender {
    /** The OASIS schema this output follows (2.1.0 with its errata). */
    public static final String SARIF_SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The key of the site fingerprint in SARIF's partialFingerprints (versioned with the fingerprint rule). */
    public static final String FINGERPRINT_KEY = "oxmeterSite/v1";


    private CheckRender() {
    }

    /** The output formats of {@code oxmeter check}. */
    public enum CheckFormat {
        TABLE, JSON, CSV, SARIF, GITHUB, MD;

        public static CheckFormat parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + s
                        + "' (expected table, json, csv, sarif, github or md)");
            }
        }
    }

    public static String render(CheckResult r, CheckFormat f, String toolVersion) {
        return render(r, f, toolVersion, null);
    }

    /** {@link #render(CheckResult, CheckFormat, String)}; JSON starts with {@code header} when it is given. */
    public static String render(CheckResult r, CheckFormat f, String toolVersion, Header header) {
        return switch (f) {
            case TABLE -> text(r);
            case MD -> markdown(r);
            case JSON -> json(r, header);
            case CSV -> TableWriter.render(findings(r), Format.CSV);
            case SARIF -> sarif(r, toolVersion);
            case GITHUB -> github(r);
        };
    }

    private static String range(ChangeReport c) {
        return c.baseLabel() + abbrev(c.baseCommit()) + " → " + c.headLabel() + abbrev(c.headCommit());
    }

    private static String abbrev(String hex) {
        return hex == null ? "" : " (" + hex.substring(0, 12) + ")";
    }

    private static String location(Finding f) {
        return f.path() == null ? "(change)" : f.path() + ":" + f.line();
    }

    private static String verdict(CheckResult r) {
        return String.format(Locale.ROOT, "%d error%s, %d warning%s: %s", r.errors(), r.errors() == 1 ? "" : "s",
                r.warnings(), r.warnings() == 1 ? "" : "s", r.passed() ? "passed" : "FAILED");
    }

    private static String shareLine(ChangeReport c) {
        return String.format(Locale.ROOT, "Rust share %s → %s (%s points); unsafe sites +%d −%d, new undocumented %d; "
                        + "C helpers +%d −%d, new unannotated %d", share(c.rustShareBase()),
                share(c.rustShareHead()), signedPoints(c.rustShareDelta()),
                c.sitesAdded().size(), c.sitesRemoved().size(), c.newUndocumented().size(), c.helpersAdded().size(),
                c.helpersRemoved().size(), c.newUnannotated().size());
    }

    /** A share in percent with two decimals ({@code 12.34%}), {@code –} when undefined. */
    static String share(double p) {
        return Double.isNaN(p) ? "\u2013" : Fmt.fixed(p, 2) + "%";
    }

    /** A difference of shares in percentage points with its sign ({@code +0.25}, {@code −1.50}). */
    static String signedPoints(double p) {
        if (Double.isNaN(p)) {
            return "\u2013";
        }
        String v = Fmt.fixed(Math.abs(p), 2);
        return v.equals("0.00") ? v : (p > 0 ? "+" : "\u2212") + v;
    }

    static String text(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("oxmeter check · ").append(range(r.change())).append('\n');
        sb.append(shareLine(r.change())).append('\n');
        for (Finding f : r.findings()) {
            sb.append(String.format(Locale.ROOT, "%-7s %s: %s [%s]%n", f.level().id(), location(f), f.message(),
                    f.rule().id()));
        }
        sb.append(verdict(r)).append('\n');
        return sb.toString();
    }

    /** The findings as a table: one row per finding (CSV). */
    static Table findings(CheckResult r) {
        Table.Builder b = new Table.Builder("oxmeter check · " + range(r.change()), "level", "rule", "path", "line",
                "message", "fingerprint");
        for (Finding f : r.findings()) {
            b.row(f.level().id(), f.rule().id(), f.path(), f.path() == null ? null : (long) f.line(), f.message(),
                    f.fingerprint());
        }
        return b.build();
    }

    static String markdown(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("### oxmeter check: ").append(r.passed() ? "passed" : "failed").append("\n\n");
        sb.append(Html.esc(range(r.change()))).append(" · ").append(Html.esc(shareLine(r.change())))
                .append("\n\n");
        if (!r.findings().isEmpty()) {
            sb.append("| level | where | finding | rule |\n|---|---|---|---|\n");
            for (Finding f : r.findings()) {
                sb.append("| ").append(f.level().id()).append(" | `").append(location(f)).append("` | ")
                        .append(Html.esc(f.message()).replace("|", "\\|")).append(" | `").append(f.rule().id())
                        .append("` |\n");
            }
            sb.append('\n');
        }
        sb.append(verdict(r)).append('\n');
        return sb.toString();
    }

    static String json(CheckResult r, Header header) {
        ObjectNode root = TableWriter.jsonMapper().createObjectNode();
        if (header != null) {
            root.set("header", TableWriter.jsonMapper().valueToTree(header.toMap()));
        }
        ChangeReport c = r.change();
        root.put("base", c.baseLabel());
        root.put("base_commit", c.baseCommit());
        root.put("head", c.headLabel());
        root.put("head_commit", c.headCommit());
        root.put("passed", r.passed());
        root.put("errors", r.errors());
        root.put("warnings", r.warnings());
        putNumber(root, "rust_share_base", c.rustShareBase());
        putNumber(root, "rust_share_head", c.rustShareHead());
        ObjectNode rules = root.putObject("rules");
        for (Rule rule : Rule.values()) {
            rules.put(rule.id(), r.config().level(rule).id());
        }
        root.put("share_tolerance", r.config().shareTolerance());
        ArrayNode fs = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = fs.addObject();
            o.put("rule", f.rule().id());
            o.put("level", f.level().id());
            o.put("path", f.path());
            if (f.path() != null) {
                o.put("line", f.line());
            }
            o.put("message", f.message());
            o.put("fingerprint", f.fingerprint());
        }
        return write(root);
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, Math.round(v * 1e6) / 1e6);
        }
    }

    private static String write(ObjectNode root) {
        try {
            return TableWriter.jsonMapper().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SARIF 2.1.0: one run whose driver lists every rule (id, descriptions, help, default level) and one result per
     * finding with its rule, level, message, location (path relative to the repository root, {@code %SRCROOT%},
     * and start line) and, for sites, a partial fingerprint that survives line shifts.
     */
    static String sarif(CheckResult r, String toolVersion) {
        ObjectNode root = TableWriter.jsonMapper().createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "oxmeter");
        driver.put("semanticVersion", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : Rule.values()) {
            ObjectNode o = rules.addObject();
            o.put("id", rule.id());
            o.put("name", camel(rule.id()));
            o.putObject("shortDescription").put("text", rule.summary());
            o.putObject("fullDescription").put("text", rule.help().replace("`", ""));
            ObjectNode help = o.putObject("help");
            help.put("text", rule.help().replace("`", ""));
            help.put("markdown", rule.help());
            o.putObject("defaultConfiguration").put("level", sarifLevel(rule.defaultLevel()));
        }
        ObjectNode base = run.putObject("originalUriBaseIds").putObject("%SRCROOT%");
        base.putObject("description").put("text", "The root of the repository checked.");
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            ObjectNode o = results.addObject();
            o.put("ruleId", f.rule().id());
            o.put("ruleIndex", f.rule().ordinal());
            o.put("level", sarifLevel(f.level()));
            o.putObject("message").put("text", f.message());
            if (f.path() != null) {
                ObjectNode loc = o.putArray("locations").addObject().putObject("physicalLocation");
                ObjectNode art = loc.putObject("artifactLocation");
                art.put("uri", uri(f.path()));
                art.put("uriBaseId", "%SRCROOT%");
                loc.putObject("region").put("startLine", f.line());
            }
            ObjectNode fp = o.putObject("partialFingerprints");
            fp.put(FINGERPRINT_KEY, f.fingerprint() != null ? f.fingerprint()
                    : f.rule().id() + (f.path() == null ? "" : ":" + f.path()));
        }
        ObjectNode inv = run.putArray("invocations").addObject();
        inv.put("executionSuccessful", true);
        ObjectNode props = run.putObject("properties");
        props.put("base", r.change().baseLabel());
        props.put("baseCommit", r.change().baseCommit());
        props.put("head", r.change().headLabel());
        props.put("headCommit", r.change().headCommit());
        return write(root);
    }

    private static String sarifLevel(Level l) {
        return switch (l) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case OFF -> "none";
        };
    }

    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    /** A relative URI reference for a repository path: every byte outside the unreserved set and '/' escaped. */
    static String uri(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /**
     * GitHub Actions workflow commands: {@code ::error file=…,line=…,title=…::message} per finding (annotations on
     * the pull request's diff), then a plain summary line.
     */
    static String github(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.findings()) {
            sb.append("::").append(f.level() == Level.ERROR ? "error" : "warning").append(' ');
            if (f.path() != null) {
                sb.append("file=").append(property(f.path())).append(",line=").append(f.line()).append(',');
            }
            sb.append("title=").append(property("oxmeter " + f.rule().id())).append("::").append(data(f.message()))
                    .append('\n');
        }
        sb.append("oxmeter check · ").append(range(r.change())).append(": ").append(verdict(r)).append('\n');
        return sb.toString();
    }

    /** Escapes a workflow command's message as the Actions toolkit does. */
    public static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command's property value as the Actions toolkit does. */
    public static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
