package dev.oxmeter.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxmeter.OxmeterException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which rustc Linux distributions ship, from the data file {@code rustc-distributions.json} (one row per
 * distribution release and rustc version, each with its source), and which of them can build a given minimum at
 * a given date. Immutable and thread-safe.
 */
public final class Distributions {
    private static final String RESOURCE = "rustc-distributions.json";

    /** One rustc version a line ships from {@code since} (until the next row, or until {@code until}). */
    public record Rustc(RustVersion version, String packageVersion, LocalDate since, LocalDate until, String source) {
    }

    /**
     * A distribution release (or a family that tracks Rust stable).
     *
     * @param line         its name ("Debian 12 (bookworm)")
     * @param family       Debian, Ubuntu, Fedora, RHEL …
     * @param released     its release date (null: the first rustc row's date, or, tracking stable, always)
     * @param eol          end of regular support, or null when none is recorded
     * @param eolExtended  end of extended support (Debian LTS), or null
     * @param tracksStable it ships each Rust stable release as an update
     * @param rustc        its rustc rows, oldest first (empty when it tracks stable)
     * @param source       where its lifecycle dates (or its tracking policy) are documented
     * @param note         a caveat, or ""
     */
    public record Line(String line, String family, LocalDate released, LocalDate eol, LocalDate eolExtended,
                       boolean tracksStable, List<Rustc> rustc, String source, String note) {
        public Line {
            Objects.requireNonNull(line, "line");
            rustc = List.copyOf(rustc);
        }

        /** When the line starts shipping a rustc: its release date, else its first row's. */
        public LocalDate start() {
            return released != null ? released : rustc.isEmpty() ? null : rustc.get(0).since();
        }
    }

    /**
     * A line current at a date, with the rustc it ships then.
     *
     * @param rustc    the rustc it ships at that date, or null when this data file has no figure for the date
     * @param canBuild whether that rustc meets the minimum; null without a minimum or without a figure
     */
    public record Builder(Line line, RustVersion rustc, Boolean canBuild) {
    }

    private final List<Line> lines;
    private final LocalDate stableAnchor;
    private final int stableFirstMinor;
    private final int stableEveryDays;
    private final String stableSource;

    private Distributions(List<Line> lines, LocalDate anchor, int firstMinor, int everyDays, String source) {
        this.lines = List.copyOf(lines);
        this.stableAnchor = anchor;
        this.stableFirstMinor = firstMinor;
        this.stableEveryDays = everyDays;
        this.stableSource = source;
    }

    private static final class Holder {
        static final Distributions STANDARD = load();
    }

    /** The data file shipped with oxmeter (read once). */
    public static Distributions standard() {
        return Holder.STANDARD;
    }

    private static Distributions load() {
        try (InputStream in = Distributions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses a data file in the format of the shipped one; every row must name its source. */
    public static Distributions parse(byte[] json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            JsonNode stable = root.path("rust_stable");
            RustVersion first = RustVersion.parse(req(stable, "first"));
            List<Line> lines = new ArrayList<>();
            for (JsonNode l : root.path("lines")) {
                boolean tracks = "stable".equals(l.path("tracks").asText(""));
                List<Rustc> rows = new ArrayList<>();
                for (JsonNode r : l.path("rustc")) {
                    RustVersion v = RustVersion.parse(req(r, "version"));
                    if (v == null) {
                        throw new IllegalArgumentException("not a version: " + r.get("version"));
                    }
                    rows.add(new Rustc(v, r.path("package").asText(r.path("release").asText("")),
                            date(req(r, "since")), date(r.path("until").asText(null)), req(r, "source")));
                }
                if (!tracks && rows.isEmpty()) {
                    throw new IllegalArgumentException(l.path("line").asText() + ": no rustc rows");
                }
                lines.add(new Line(req(l, "line"), req(l, "family"), date(l.path("released").asText(null)),
                        date(l.path("eol").asText(null)), date(l.path("eol_extended").asText(null)), tracks, rows,
                        tracks ? req(l, "source") : req(l, "dates_source"), l.path("note").asText("")));
            }
            return new Distributions(lines, date(req(stable, "date")), first.minor(),
                    stable.path("every_days").asInt(42), req(stable, "source"));
        } catch (IOException | IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw new OxmeterException("bad distribution data: " + e.getMessage(), e);
        }
    }

    private static String req(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "' in " + n);
        }
        return v.asText();
    }

    private static LocalDate date(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s);
    }

    public List<Line> lines() {
        return lines;
    }

    /** Where the Rust release schedule comes from. */
    public String stableSource() {
        return stableSource;
    }

    /** The newest Rust stable release out on {@code day} (1.0 before the first scheduled one), from the schedule. */
    public RustVersion stableAt(LocalDate day) {
        if (day.isBefore(stableAnchor)) {
            return RustVersion.parse("1.0.0");
        }
        long n = ChronoUnit.DAYS.between(stableAnchor, day) / stableEveryDays;
        return RustVersion.parse("1." + (stableFirstMinor + n) + ".0");
    }

    /**
     * The lines current on {@code day} (released, not past their regular end of life), in data-file order, and
     * whether each can build {@code minimum} (null: no minimum declared). Cost: a pass over the rows.
     */
    public List<Builder> at(LocalDate day, RustVersion minimum) {
        Objects.requireNonNull(day, "day");
        List<Builder> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.eol() != null && !day.isBefore(l.eol())) {
                continue;
            }
            RustVersion shipped;
            if (l.tracksStable()) {
                if (l.start() != null && day.isBefore(l.start())) {
                    continue;
                }
                shipped = stableAt(day);
            } else {
                if (l.start() == null || day.isBefore(l.start())) {
                    continue;
                }
                Rustc row = null;
                for (Rustc r : l.rustc()) {
                    if (!day.isBefore(r.since())) {
                        row = r;
                    }
                }
                if (row == null) {
                    continue;
                }
                shipped = row.until() != null && !day.isBefore(row.until()) ? null : row.version();
            }
            Boolean can = shipped == null || minimum == null ? null : shipped.atLeast(minimum);
            out.add(new Builder(l, shipped, can));
        }
        return out;
    }
}
