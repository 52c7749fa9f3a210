package dev.oxmeter.store;

import java.util.List;

/**
 * The store's tables (documented for users in {@code docs/store.md}). Statements are idempotent and run at every
 * open, so adding a table needs no migration; changing one needs {@link Store#SCHEMA_VERSION} bumped.
 */
final class Schema {
    private Schema() {
    }

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
            // Tips whose whole ancestry is in 'commits' (so later walks stop there).
            """
            CREATE TABLE IF NOT EXISTS commit_walks(tip VARCHAR NOT NULL, walked_at TIMESTAMPTZ NOT NULL)""");
}
