package dev.oxmeter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.facts.BlobAnalyses;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.BlobKind;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.language.Detection;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Oid;
import dev.oxmeter.source.BlobContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's promises at the library level; the command-line side is in the CLI's StoreTrustTest. */
class StoreTrustCoreTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a DuckDB database without the identity is refused by open and openReadOnly, byte for byte untouched")
    void aForeignDatabaseIsRefused() throws Exception {
        Path f = tmp.resolve("theirs.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE blob_facts(x INT)");
            st.execute("INSERT INTO blob_facts VALUES (42)");
        }
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> Store.open(f, m -> { })).isInstanceOf(OxmeterException.class)
                .hasMessageContaining("did not create");
        assertThatThrownBy(() -> Store.openReadOnly(f, false)).isInstanceOf(OxmeterException.class)
                .hasMessageContaining("did not create");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    @DisplayName("reopening a store up to date writes nothing; one missing a view or the schema's digest is brought up")
    void reopeningAnUpToDateStoreWritesNothing() throws Exception {
        Path f = tmp.resolve("s.duckdb");
        Store.open(f, m -> { }).close();
        byte[] before = Files.readAllBytes(f);
        Store.open(f, m -> { }).close();
        assertThat(Files.readAllBytes(f)).as("the file after a second open").isEqualTo(before);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f); Statement st = c.createStatement()) {
            st.execute("DROP VIEW history");
        }
        Store.open(f, m -> { }).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f); Statement st = c.createStatement()) {
            st.executeQuery("SELECT count(*) FROM history").close();
            st.execute("DELETE FROM meta WHERE key = '" + Schema.DDL_DIGEST_KEY + "'");
        }
        Store.open(f, m -> { }).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = '" + Schema.DDL_DIGEST_KEY + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(Schema.DDL_DIGEST);
        }
        assertThat(Schema.CREATED).contains("blob_facts", "history", "rust_share", "toolchain_listings")
                .hasSize(Schema.DDL.size()).isSubsetOf(Schema.OWN_NAMES);
    }

    @Test
    @DisplayName("a database whose meta is a view is refused untouched")
    void aMetaViewIsForeign() throws Exception {
        Path f = tmp.resolve("view.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f); Statement st = c.createStatement()) {
            st.execute("CREATE VIEW meta AS SELECT '" + Store.IDENTITY_KEY + "' AS key, '" + Store.IDENTITY
                    + "' AS value");
        }
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> Store.open(f, m -> { })).isInstanceOf(OxmeterException.class)
                .hasMessageContaining("did not create");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    @DisplayName("a new store carries the identity, and a store killed while being created is taken as new")
    void aNewStoreCarriesTheIdentity() throws Exception {
        Path f = tmp.resolve("new.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f)) {
            // an empty DuckDB file: what a first run killed before its creating transaction committed leaves
        }
        try (Store s = Store.open(f, m -> { }); Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = '" + Store.IDENTITY_KEY + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(Store.IDENTITY);
        }
    }

    @Test
    @DisplayName("sql's connection reads the store and nothing else")
    void theQueryConnectionIsLockedDown() throws Exception {
        Path f = tmp.resolve("s.duckdb");
        Store.open(f, m -> { }).close();
        try (Store s = Store.openReadOnly(f, false); Statement st = s.connection().createStatement()) {
            for (String setting : new String[] {"enable_external_access", "autoinstall_known_extensions",
                    "autoload_known_extensions"}) {
                try (ResultSet rs = st.executeQuery("SELECT current_setting('" + setting + "')")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1)).as(setting).isFalse();
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT current_setting('lock_configuration')")) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
        }
    }

    @Test
    @DisplayName("DuckDB's real error is shown, not the wrapper of its JDBC driver")
    void theRealErrorIsShown() {
        String wrapped = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\n"
                + "Error: Catalog Error: Table with name t does not exist!\nDid you mean \"x\"?";
        assertThat(Store.firstLine(wrapped)).isEqualTo("Catalog Error: Table with name t does not exist!");
        assertThat(Store.firstLine("Parser Error: syntax error\nLINE 1")).isEqualTo("Parser Error: syntax error");
    }

    @Test
    @DisplayName("stored facts are served only under a size limit they hold under")
    void storedFactsHoldUnderTheirSizeLimit() {
        LanguageCatalog catalog = LanguageCatalog.standard();
        FactsComputer computer = new FactsComputer(catalog, BlobAnalyses.all());
        byte[] data = "int x;\n".repeat(500).getBytes(StandardCharsets.UTF_8);
        Detection d = catalog.detect("big.c");
        FactsKey key = new FactsKey(Oid.fromHex(dev.oxmeter.source.TestRepos.blobId(new String(data,
                StandardCharsets.UTF_8))), d.key());
        BlobFacts whole = computer.compute(d, new BlobContent(data, data.length, data.length, false));
        BlobFacts tooLarge = computer.compute(d, new BlobContent(data, 1024, data.length, true));
        assertThat(whole.kind()).isEqualTo(BlobKind.TEXT);
        assertThat(tooLarge.kind()).isEqualTo(BlobKind.TOO_LARGE);
        try (Store s = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            FactsStore fs = new FactsStore(s, computer);
            fs.save(Map.of(key, whole));
            assertThat(served(fs, key, 16L << 20)).isEqualTo(whole.counts());
            assertThat(fs.find(java.util.List.of(key), 1024)).isEmpty();
            fs.save(Map.of(key, tooLarge));
            assertThat(fs.find(java.util.List.of(key), 1024).get(key).kind()).isEqualTo(BlobKind.TOO_LARGE);
            assertThat(served(fs, key, data.length)).isEqualTo(whole.counts());
            assertThat(fs.find(java.util.List.of(key), data.length - 1).get(key).kind())
                    .isEqualTo(BlobKind.TOO_LARGE);
        }
    }

    private static dev.oxmeter.count.LineCounts served(FactsStore fs, FactsKey key, long limit) {
        BlobFacts f = fs.find(java.util.List.of(key), limit).get(key);
        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo(BlobKind.TEXT);
        return f.counts();
    }
}
