package dev.oxmeter.store;

import java.util.List;
import java.util.Set;

/**
 * The store's tables (documented for users in {@code docs/store.md}). Statements are idempotent and run at every
 * open, so adding a table needs no migration; changing one needs {@link Store#SCHEMA_VERSION} bumped.
 */
final class Schema {
    private Schema() {
    }

    /** Settings: the store's identity ({@link Store#IDENTITY_KEY}), schema version, commit facts version. */
    static final String META = "CREATE TABLE IF NOT EXISTS meta(key VARCHAR PRIMARY KEY, value VARCHAR)";

    /** The report's Rust files per tree, created on first use by {@link RustFilesStore}. */
    static final String REPORT_RUST_FILES = "CREATE TABLE IF NOT EXISTS report_rust_files(tree VARCHAR NOT NULL, "
            + "options VARCHAR NOT NULL, facts_version VARCHAR NOT NULL, path VARCHAR NOT NULL, code BIGINT NOT NULL)";

    /**
     * Every table and view name any oxmeter schema has created: a rebuild drops these and nothing else. Add names,
     * never remove one.
     */
    static final Set<String> OWN_NAMES = Set.of("meta", "blob_facts", "blob_metrics", "tree_composition",
            "tree_metrics", "revisions", "history", "metrics_history", "commits", "commit_trailers", "commit_files",
            "commit_walks", "report_rust_files", "commit_graph", "people_windows", "window_contributions",
            "contributions", "contributors", "rust_share", "subtree_composition", "tag_targets",
            "toolchain_listings", "people_window_digests", "tree_composition_packed");

    static final List<String> DDL = List.of(
            // Per-blob facts (the content-addressed cache): one row per (blob, detection class, lines version).
            """
            CREATE TABLE IF NOT EXISTS blob_facts(
              blob VARCHAR NOT NULL, detection VARCHAR NOT NULL, lines_version VARCHAR NOT NULL,
              language VARCHAR NOT NULL, kind VARCHAR NOT NULL,
              bytes BIGINT NOT NULL, lines BIGINT NOT NULL, code BIGINT NOT NULL,
              comment BIGINT NOT NULL, blank BIGINT NOT NULL)""",
            // Metrics of the registered blob analyses (rust_safety, c_helpers, ...), versioned per analysis.
            """
            CREATE TABLE IF NOT EXISTS blob_metrics(
              blob VARCHAR NOT NULL, detection VARCHAR NOT NULL, analysis VARCHAR NOT NULL,
              version INTEGER NOT NULL, metric VARCHAR NOT NULL, value BIGINT NOT NULL)""",
            // Composition of a root tree under given options: what history/scan computed.
            """
            CREATE TABLE IF NOT EXISTS tree_composition(
              tree VARCHAR NOT NULL, options VARCHAR NOT NULL, facts_version VARCHAR NOT NULL,
              language VARCHAR NOT NULL, category VARCHAR NOT NULL, files BIGINT NOT NULL, lines BIGINT NOT NULL,
              code BIGINT NOT NULL, comment BIGINT NOT NULL, blank BIGINT NOT NULL, bytes BIGINT NOT NULL)""",
            // Sums of blob-analysis metrics over a root tree's counted files (e.g. rust_safety.unsafe_blocks).
            """
            CREATE TABLE IF NOT EXISTS tree_metrics(
              tree VARCHAR NOT NULL, options VARCHAR NOT NULL, facts_version VARCHAR NOT NULL,
              metric VARCHAR NOT NULL, value BIGINT NOT NULL)""",
            // tree_composition's and tree_metrics' rows of a root tree in one row each, as the text
            // CompositionStore reads (per row its length-prefixed name, then its numbers each followed by a comma),
            // made from those two tables in the transaction that writes them: a warm history of 1,000 releases reads
            // 1,000 rows instead of 30,000.
            """
            CREATE TABLE IF NOT EXISTS tree_composition_packed(
              tree VARCHAR NOT NULL, options VARCHAR NOT NULL, facts_version VARCHAR NOT NULL,
              rows VARCHAR NOT NULL, metrics VARCHAR NOT NULL)""",
            // Composition of every subtree a run composed, so a run with one new release walks only its new trees.
            // context = the subtree's path (trailing slash) and, after '|', the .gitattributes blobs in force.
            """
            CREATE TABLE IF NOT EXISTS subtree_composition(
              tree VARCHAR NOT NULL, context VARCHAR NOT NULL, options VARCHAR NOT NULL,
              facts_version VARCHAR NOT NULL, composition VARCHAR NOT NULL)""",
            // Revisions analysed by history: label (tag name, date bucket or user revision) -> commit and tree.
            """
            CREATE TABLE IF NOT EXISTS revisions(
              label VARCHAR NOT NULL, commit VARCHAR, tree VARCHAR NOT NULL, date TIMESTAMPTZ,
              options VARCHAR NOT NULL, facts_version VARCHAR NOT NULL, analysed_at TIMESTAMPTZ NOT NULL,
              PRIMARY KEY(label, options, facts_version))""",
            """
            CREATE OR REPLACE VIEW history AS
              SELECT r.label AS revision, r.commit, r.date, c.language, c.category, c.files, c.lines, c.code,
                     c.comment, c.blank, c.bytes, r.options
              FROM revisions r JOIN tree_composition c
                ON c.tree = r.tree AND c.options = r.options AND c.facts_version = r.facts_version""",
            """
            CREATE OR REPLACE VIEW metrics_history AS
              SELECT r.label AS revision, r.commit, r.date, m.metric, m.value, r.options
              FROM revisions r JOIN tree_metrics m
                ON m.tree = r.tree AND m.options = r.options AND m.facts_version = r.facts_version""",
            // The Rust share per revision, as history computes it: Rust code over programming-language code.
            """
            CREATE OR REPLACE VIEW rust_share AS
              SELECT revision, commit, date,
                     coalesce(sum(code) FILTER (WHERE language = 'Rust'), 0) AS rust_code,
                     coalesce(sum(code) FILTER (WHERE category = 'programming'), 0) AS programming_code,
                     100.0 * coalesce(sum(code) FILTER (WHERE language = 'Rust'), 0)
                       / nullif(sum(code) FILTER (WHERE category = 'programming'), 0) AS rust_share,
                     options
              FROM history GROUP BY revision, commit, date, options""",
            // Commit facts (people): one row per commit walked, raw author (mailmap applied when aggregating).
            // Their derivation version is meta 'commit_facts_version'; see CommitStore.
            """
            CREATE TABLE IF NOT EXISTS commits(
              commit VARCHAR NOT NULL, parents INTEGER NOT NULL, author_name VARCHAR NOT NULL,
              author_email VARCHAR NOT NULL, author_time TIMESTAMPTZ NOT NULL, commit_time TIMESTAMPTZ NOT NULL,
              subject VARCHAR NOT NULL)""",
            // People named in a commit's '*-by' trailers, one row per person, raw; pos = order in the message.
            """
            CREATE TABLE IF NOT EXISTS commit_trailers(
              commit VARCHAR NOT NULL, pos INTEGER NOT NULL, key VARCHAR NOT NULL, name VARCHAR NOT NULL,
              email VARCHAR NOT NULL, value VARCHAR NOT NULL)""",
            // Files a non-merge commit changes against its first parent (renames detected), lines from real diffs.
            """
            CREATE TABLE IF NOT EXISTS commit_files(
              commit VARCHAR NOT NULL, path VARCHAR NOT NULL, old_path VARCHAR, change VARCHAR NOT NULL,
              language VARCHAR NOT NULL, added INTEGER NOT NULL, removed INTEGER NOT NULL)""",
            // The windows of the last people run per (options, window); see ContributionStore. ('window' is a
            // reserved word in SQL, hence window_label.)
            """
            CREATE TABLE IF NOT EXISTS people_windows(
              options VARCHAR NOT NULL, language VARCHAR NOT NULL, window_label VARCHAR NOT NULL, start_commit VARCHAR,
              end_commit VARCHAR NOT NULL, end_date TIMESTAMPTZ, saved_at TIMESTAMPTZ NOT NULL)""",
            // A digest of each window's people_windows row and window_contributions rows, written with them: a run
            // that counts the same rows again leaves them as they are instead of rewriting them (ContributionStore).
            """
            CREATE TABLE IF NOT EXISTS people_window_digests(
              options VARCHAR NOT NULL, window_label VARCHAR NOT NULL, rows BIGINT NOT NULL,
              saved_at TIMESTAMPTZ NOT NULL, digest VARCHAR NOT NULL)""",
            // Who people counted in each window: one row per (window, counted commit, contributor), mailmap applied.
            """
            CREATE TABLE IF NOT EXISTS window_contributions(
              options VARCHAR NOT NULL, window_label VARCHAR NOT NULL, commit VARCHAR NOT NULL, person VARCHAR NOT NULL,
              name VARCHAR NOT NULL, email VARCHAR NOT NULL, role VARCHAR NOT NULL, lines_added BIGINT NOT NULL,
              lines_removed BIGINT NOT NULL)""",
            """
            CREATE OR REPLACE VIEW contributions AS
              SELECT w.language, w.window_label, w.start_commit, w.end_commit, c.commit, c.person, c.name, c.email, c.role,
                     m.author_time, c.lines_added, c.lines_removed, w.options
              FROM window_contributions c
                JOIN people_windows w ON w.options = c.options AND w.window_label = c.window_label
                JOIN commits m ON m.commit = c.commit""",
            // One row per (window, person) as people prints it: the name and address of the newest commit.
            """
            CREATE OR REPLACE VIEW contributors AS
              SELECT language, window_label, person, arg_max(name, author_time) AS name, arg_max(email, author_time) AS email,
                     count(DISTINCT commit) AS commits, sum(lines_added) AS lines_added,
                     sum(lines_removed) AS lines_removed, options
              FROM contributions GROUP BY language, window_label, person, options""",
            // The commit graph: each commit whose header was read, with its parent ids (space-separated, in order;
            // '' for a root). A commit id fixes its parents, so rows never go stale; windows are computed from it.
            """
            CREATE TABLE IF NOT EXISTS commit_graph(commit VARCHAR NOT NULL, parents VARCHAR NOT NULL)""",
            // What each tag ref's object peels to (TagTargetStore): an object id fixes it, so rows never go stale.
            // type = commit, tree or blob; commit, tree and commit_date only for a commit. Dates in epoch
            // milliseconds; tag_date is NULL for a lightweight tag (object = commit).
            """
            CREATE TABLE IF NOT EXISTS tag_targets(
              object VARCHAR NOT NULL, type VARCHAR NOT NULL, commit VARCHAR, tree VARCHAR, tag_date BIGINT,
              commit_date BIGINT)""",
            // The files below a root tree that the toolchain scan reads (ToolchainListingStore); a tree id fixes
            // them, so rows never go stale. version changes when the scan looks for other files.
            """
            CREATE TABLE IF NOT EXISTS toolchain_listings(
              tree VARCHAR NOT NULL, version VARCHAR NOT NULL, listing VARCHAR NOT NULL)""");

    /** The meta key under which a store records the {@link #DDL_DIGEST} it was last brought up to. */
    static final String DDL_DIGEST_KEY = "ddl_digest";

    /**
     * A fingerprint of {@link #DDL}'s text (its length and {@code String.hashCode}, which the language fixes): a
     * store that records it and holds every name in {@link #CREATED} needs none of the statements run again.
     */
    static final String DDL_DIGEST;

    /** The table and view names {@link #DDL} creates. */
    static final Set<String> CREATED;

    static {
        String all = String.join("\n", DDL);
        DDL_DIGEST = all.length() + "-" + Integer.toHexString(all.hashCode());
        Set<String> names = new java.util.HashSet<>();
        for (String ddl : DDL) {
            // "CREATE TABLE IF NOT EXISTS name(" or "CREATE OR REPLACE VIEW name AS"
            String head = ddl.strip();
            int at = head.startsWith("CREATE TABLE IF NOT EXISTS ") ? "CREATE TABLE IF NOT EXISTS ".length()
                    : head.startsWith("CREATE OR REPLACE VIEW ") ? "CREATE OR REPLACE VIEW ".length() : -1;
            if (at < 0) {
                throw new IllegalStateException("unexpected schema statement: " + head);
            }
            int end = at;
            while (end < head.length() && (Character.isLetterOrDigit(head.charAt(end)) || head.charAt(end) == '_')) {
                end++;
            }
            names.add(head.substring(at, end));
        }
        CREATED = Set.copyOf(names);
    }
}
