package dev.oxmeter.render;

import dev.oxmeter.Version;
import dev.oxmeter.model.Revision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a JSON result says about itself, so a file read months later still tells how it was made: the tool and its
 * version, the versions of the analyses behind the numbers, the repository, the options that change numbers and
 * the revisions with their commit ids and dates. Columns are documented in {@code docs/columns.md}. Immutable.
 *
 * @param command    the command that produced the result ({@code history}, {@code sql} ...)
 * @param repository the repository's name as titles show it (null when the result is not about one repository)
 * @param path       where the repository (or, for {@code sql}, the store) is
 * @param analysis   analysis name to version (e.g. {@code lines}, {@code rust_safety}, {@code commit_facts})
 * @param options    option name (snake_case) to value, for every option that changes a number
 * @param revisions  the revisions the numbers are about, in timeline order
 */
public record Header(String command, String repository, String path, Map<String, Object> analysis,
                     Map<String, Object> options, List<Rev> revisions) {
    /** The name written as {@code tool}. */
    public static final String TOOL = "oxmeter";

    /** One revision: the label the results use, its commit id (null for a bare tree), root tree and date. */
    public record Rev(String revision, String commit, String tree, String date) {
        public Rev {
            Objects.requireNonNull(revision, "revision");
        }

        /** The revision as results name it; the date is the committer date in ISO-8601 UTC. */
        public static Rev of(Revision r) {
            return new Rev(r.label(), r.commit() == null ? null : r.commit().hex(), r.tree().hex(),
                    r.date() == null ? null : r.date().toString());
        }
    }

    public Header {
        Objects.requireNonNull(command, "command");
        analysis = Collections.unmodifiableMap(new LinkedHashMap<>(analysis));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        revisions = List.copyOf(revisions);
    }

    /** The header as the JSON object written under {@code "header"}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", TOOL);
        m.put("version", Version.VERSION);
        m.put("command", command);
        m.put("repository", repository);
        m.put("path", path);
        m.put("analysis", analysis);
        m.put("options", options);
        List<Map<String, Object>> revs = new ArrayList<>();
        for (Rev r : revisions) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("revision", r.revision());
            rm.put("commit", r.commit());
            rm.put("tree", r.tree());
            rm.put("date", r.date());
            revs.add(rm);
        }
        m.put("revisions", revs);
        return m;
    }
}
