package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What oxmeter promises about MAINTAINERS rules it reads (README, "Reliability"): one promise per test. */
class OwnershipRulesTest {
    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void history() throws Exception {
        repo = tmp.resolve("r.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            t.commit(snapshot().file("MAINTAINERS", "DOUBLE A\nM:\tA <a@x.org>\nN:\ta{2}b\n\n"
                            + "LOOK BEHIND\nM:\tB <b@x.org>\nN:\t(?<=src/)zz\n")
                    .file("src/aab.c", "int a;\nint b;\n").file("src/zz.c", "int z;\n"));
        }
    }

    @Test
    void countedQuantifiersInNRegexesMatchAsGetMaintainerDoes() {
        Cli.Result r = Cli.run("owners", repo.toString(), "--lang", "c", "--format", "csv", "--no-store", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        // one revision is labelled by its commit id
        assertThat(r.out()).containsPattern("\n[0-9a-f]{12},DOUBLE A,C,1,2,");
    }

    @Test
    void perlOnlyNRegexesAreAnnouncedInANoticeAndListedWithVerbose() {
        Cli.Result r = Cli.run("owners", repo.toString(), "--lang", "c", "--no-store", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 rule of MAINTAINERS skipped").contains("-v lists it");

        Cli.Result v = Cli.run("owners", repo.toString(), "--lang", "c", "--no-store", "-q", "-v");
        assertThat(v.err()).contains("MAINTAINERS: N: regex '(?<=src/)zz' of entry 'LOOK BEHIND'")
                .contains("look-behind");
    }
}
