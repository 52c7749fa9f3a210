package dev.oxmeter.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.GitRepo;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --every} samples are the same whether the first-parent walk reads the repository or known commits. */
class EveryTest {
    @TempDir
    Path dir;

    @Test
    void knownCommitsGiveTheSamplesOfTheRepositoryWalk() throws Exception {
        String[] ids = new String[8];
        try (TestRepos r = TestRepos.bare(dir.resolve("r.git"))) {
            String side = null;
            for (int i = 0; i < ids.length; i++) {
                String month = String.format("2024-%02d-15T12:00:00Z", i + 1);
                if (i == 4) {
                    // a merge whose second parent is newer: a first-parent walk must not follow it
                    side = r.commitOn(ids[1], TestRepos.snapshot().file("side", "s").at("2024-05-01T00:00:00Z"));
                    ids[i] = r.merge(side, TestRepos.snapshot().file("f", "x" + i).at(month));
                } else {
                    ids[i] = r.commit(TestRepos.snapshot().file("f", "x" + i).at(month));
                }
            }
        }
        try (GitRepo repo = GitRepo.open(dir.resolve("r.git"))) {
            List<Revision> walked = Timeline.every(repo, "HEAD", Timeline.Period.MONTH, null, null);
            assertThat(walked).hasSize(8);
            Map<Oid, Timeline.KnownCommits.Step> all = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                Oid id = Oid.fromHex(ids[i]);
                Revision rev = repo.resolve(ids[i]);
                all.put(id, new Timeline.KnownCommits.Step(rev.date(), i == 0 ? null : Oid.fromHex(ids[i - 1])));
            }
            assertThat(Timeline.every(repo, "HEAD", Timeline.Period.MONTH, null, null, all::get)).isEqualTo(walked);
            // knowing only the newest commits: the walk reads the repository from the first one it does not know
            Map<Oid, Timeline.KnownCommits.Step> newest = new HashMap<>(all);
            for (int i = 0; i < 5; i++) {
                newest.remove(Oid.fromHex(ids[i]));
            }
            assertThat(Timeline.every(repo, "HEAD", Timeline.Period.MONTH, null, null, newest::get)).isEqualTo(walked);
            assertThat(Timeline.every(repo, "HEAD", Timeline.Period.QUARTER, null,
                    java.time.LocalDate.parse("2024-06-30"), all::get))
                    .isEqualTo(Timeline.every(repo, "HEAD", Timeline.Period.QUARTER, null,
                            java.time.LocalDate.parse("2024-06-30")));
            assertThat(walked.get(7).date()).isEqualTo(Instant.parse("2024-08-15T12:00:00Z"));
        }
    }
}
