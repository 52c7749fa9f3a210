package dev.oxmeter.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.TagRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReleaseTagsTest {
    private static int next;

    /** A tag on its own commit, dated {@code date} (YYYY-MM-DD). */
    private static TagRef tag(String name, String date) {
        next++;
        return new TagRef(name, new Oid(next, 0, 0), "commit",
                LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static List<String> names(ReleaseTags.Selection s) {
        return s.releases().stream().map(TagRef::name).toList();
    }

    private static List<TagRef> shuffled(TagRef... tags) {
        List<TagRef> l = new ArrayList<>(List.of(tags));
        Collections.shuffle(l, new Random(7));
        return l;
    }

    @Test
    void versionNamesAndTheirPrefixes() {
        assertThat(ReleaseTags.versionPrefix("v2.45.0")).isEqualTo("v");
        assertThat(ReleaseTags.versionPrefix("4.1.2")).isEqualTo("");
        assertThat(ReleaseTags.versionPrefix("LIBRSVG_2_10_0")).isEqualTo("LIBRSVG_");
        assertThat(ReleaseTags.versionPrefix("curl-7_9")).isEqualTo("curl-");
        assertThat(ReleaseTags.versionPrefix("gitgui-0.6.0")).isEqualTo("gitgui-");
        assertThat(ReleaseTags.versionPrefix("v2024.01")).isEqualTo("v");
        for (String no : List.of("v6.1-rc1", "v1.0rc1", "3.0b1", "v0.99.9a", "0.14.0-beta1", "v0.26.0-pre",
                "v0.21.0-pre-release-1", "nightly", "gzip", "target/tree-sitter-linux-arm.gz", "v2.6.11-tree",
                "release/1.0", "v1..2", "v1.", "junio-gpg-pub", "1.0-dev", "v3.0.0-alpha.1")) {
            assertThat(ReleaseTags.versionPrefix(no)).as(no).isNull();
        }
        assertThat(ReleaseTags.series("v")).isEqualTo("");
        assertThat(ReleaseTags.series("")).isEqualTo("");
        assertThat(ReleaseTags.series("gitgui-")).isEqualTo("gitgui");
        assertThat(ReleaseTags.series("Release-V")).isEqualTo("release");
        assertThat(ReleaseTags.series("dev")).isEqualTo("dev");
    }

    @Test
    void gitLikeTagsKeepTheMainSeriesWithoutRcsOtherProductsAndLateMaintenance() {
        List<TagRef> tags = shuffled(
                tag("v1.0rc1", "2005-12-01"), tag("v1.0.0", "2005-12-21"), tag("v1.0.0a", "2005-12-22"),
                tag("v2.39.0", "2022-12-12"), tag("v2.39.1", "2023-01-17"), tag("v2.39.2", "2023-02-14"),
                tag("v2.40.0-rc0", "2023-02-24"), tag("v2.40.0", "2023-03-13"), tag("v2.39.3", "2023-04-17"),
                tag("v2.40.1", "2023-04-25"), tag("v2.41.0", "2023-06-01"), tag("v2.39.5", "2024-05-31"),
                tag("v2.5.0", "2015-07-27"), tag("v2.50.0", "2025-06-16"),
                tag("gitgui-0.6.0", "2007-01-21"), tag("gitgui-0.7.0", "2007-04-06"), tag("gitgui-0.7.0-rc1", "2007-03-27"),
                new TagRef("junio-gpg-pub", null, "blob", null));
        ReleaseTags.Selection s = ReleaseTags.select(tags);
        assertThat(names(s)).containsExactly("v1.0.0", "v2.5.0", "v2.39.0", "v2.39.1", "v2.39.2", "v2.40.0",
                "v2.40.1", "v2.41.0", "v2.50.0");
        assertThat(s.series()).isEqualTo("v*");
        assertThat(s.maintenance()).isEqualTo(2);
        assertThat(s.preReleases()).isEqualTo(4);
        assertThat(s.otherSeries()).containsExactly(java.util.Map.entry("gitgui-*", 2));
        assertThat(s.notVersions()).isEqualTo(1);
        assertThat(s.describe()).isEqualTo("default timeline: 9 releases (tags 'v*' that are plain version numbers);"
                + " left out: 4 with a suffix (rc, beta, ...), 2 maintenance releases dated after a higher version,"
                + " 2 'gitgui-*', 1 not a version; --tags GLOB chooses");
        List<Instant> dates = s.releases().stream().map(TagRef::date).toList();
        assertThat(dates).isSorted();
    }

    @Test
    void treeSitterLikeTagsJoinBareAndVPrefixedNumbersAndSkipNightlyAndPaths() {
        ReleaseTags.Selection s = ReleaseTags.select(shuffled(
                tag("0.14.0-beta1", "2019-01-01"), tag("0.14.0", "2019-02-01"), tag("0.15.0", "2019-05-01"),
                tag("0.18.0", "2020-12-01"), tag("v0.18.1", "2021-02-01"), tag("v0.20.0", "2021-06-01"),
                tag("v0.21.0-pre-release-1", "2023-10-01"), tag("v0.26.0-pre", "2025-09-01"), tag("v0.26.0", "2025-10-01"),
                tag("nightly", "2025-11-01"), tag("gzip", "2024-01-01"), tag("target/tree-sitter-linux-arm.gz",
                        "2024-01-01")));
        assertThat(names(s)).containsExactly("0.14.0", "0.15.0", "0.18.0", "v0.18.1", "v0.20.0", "v0.26.0");
        assertThat(s.series()).isEqualTo("[0-9]*' or 'v*");
        assertThat(s.preReleases()).isEqualTo(3);
        assertThat(s.notVersions()).isEqualTo(3);
        assertThat(s.otherSeries()).isEmpty();
    }

    @Test
    void kernelStyleTagsDropRcsAndTheTreeTag() {
        ReleaseTags.Selection s = ReleaseTags.select(shuffled(
                tag("v2.6.11-tree", "2005-03-02"), tag("v2.6.11", "2005-03-02"), tag("v6.0-rc1", "2022-08-14"),
                tag("v6.0", "2022-10-02"), tag("v6.1-rc1", "2022-10-16"), tag("v6.1-rc8", "2022-12-04"),
                tag("v6.1", "2022-12-11"), tag("v6.9", "2024-05-12"), tag("v6.10-rc7", "2024-07-07"),
                tag("v6.10", "2024-07-14")));
        assertThat(names(s)).containsExactly("v2.6.11", "v6.0", "v6.1", "v6.9", "v6.10");
        assertThat(s.preReleases()).isEqualTo(5);
    }

    @Test
    void fishLikeTagsKeepNumbersAndLeaveNamedSeriesOut() {
        ReleaseTags.Selection s = ReleaseTags.select(shuffled(
                tag("OpenBeta_r1", "2005-09-01"), tag("OpenBeta_r2", "2005-10-01"), tag("LastC++11", "2023-02-19"),
                tag("last_autotools", "2012-01-01"), tag("1.23.1", "2008-01-01"), tag("2.2b1", "2015-01-01"),
                tag("2.2.0", "2015-07-01"), tag("3.7.1", "2024-03-19"), tag("4.0b1", "2024-12-17"),
                tag("4.0.0", "2025-02-27")));
        assertThat(names(s)).containsExactly("1.23.1", "2.2.0", "3.7.1", "4.0.0");
        assertThat(s.series()).isEqualTo("[0-9]*");
        assertThat(s.otherSeries()).containsExactly(java.util.Map.entry("OpenBeta_r*", 2),
                java.util.Map.entry("LastC++*", 1));
    }

    @Test
    void tiesGoToTheSeriesWithTheNewestTagAndNoVersionsGiveNothing() {
        ReleaseTags.Selection s = ReleaseTags.select(List.of(tag("foo-1.0", "2020-01-01"),
                tag("bar-1.0", "2021-01-01")));
        assertThat(names(s)).containsExactly("bar-1.0");
        assertThat(ReleaseTags.select(List.of(tag("nightly", "2020-01-01"), tag("v1.0-rc1", "2020-01-01")))
                .releases()).isEmpty();
        assertThat(ReleaseTags.select(List.of()).releases()).isEmpty();
    }

    @Test
    void aGlobMatchingALongerNumberGetsANotice() {
        List<String> matched = List.of("v2.5.0", "v2.5.6", "v2.50.0", "v2.55.0", "v2.51.0");
        assertThat(Timeline.longerSeries("v2.5*", matched)).isEqualTo("--tags 'v2.5*' also matches 3 tags with a "
                + "longer number (v2.50.0 ... v2.55.0); --exclude-tags 'v2.5[0-9]*' leaves them out");
        assertThat(Timeline.longerSeries("v6.1*", List.of("v6.1", "v6.10"))).contains("1 tag with a longer number "
                + "(v6.10)");
        assertThat(Timeline.longerSeries("v2.5.*", matched)).isNull();
        assertThat(Timeline.longerSeries("v2.5*", List.of("v2.5.0", "v2.5.1"))).isNull();
        assertThat(Timeline.longerSeries("v2.5*", List.of("v2.50.0"))).isNull();
        assertThat(Timeline.longerSeries("v*", matched)).isNull();
        assertThat(Timeline.longerSeries("v2.[5]*", matched)).isNull();
        assertThat(Timeline.longerSeries("v2.5", List.of("v2.5"))).isNull();
    }

    @Test
    void consecutiveRevisionsOfOneCommitAreFolded() {
        Oid a = new Oid(1, 1, 1);
        Oid b = new Oid(2, 2, 2);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        List<String> notes = new ArrayList<>();
        List<Revision> out = Timeline.fold(List.of(new Revision("v1.0-rc3", a, a, t), new Revision("v1.0", a, a, t),
                new Revision("v1.1", b, b, t), new Revision("v1.1.0", b, b, t), new Revision("v1.2", a, a, t)),
                notes::add);
        assertThat(out).extracting(Revision::label).containsExactly("v1.0", "v1.1.0", "v1.2");
        assertThat(notes).containsExactly("2 tags point to the same commit as the next one, folded into it "
                + "(empty window): v1.0-rc3 = v1.0, v1.1 = v1.1.0");
        List<String> none = new ArrayList<>();
        assertThat(Timeline.fold(List.of(new Revision("a", a, a, t), new Revision("b", b, b, t)), none::add))
                .hasSize(2);
        assertThat(none).isEmpty();
    }
}
