package dev.oxmeter.timeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VersionOrderTest {
    private static final VersionOrder ORDER = VersionOrder.INSTANCE;

    /** Asserts that the names are in strictly increasing order, pairwise (so transitivity is exercised too). */
    private static void assertAscending(String... names) {
        for (int i = 0; i < names.length; i++) {
            for (int j = 0; j < names.length; j++) {
                int c = Integer.signum(ORDER.compare(names[i], names[j]));
                assertThat(c).as("compare(%s, %s)", names[i], names[j]).isEqualTo(Integer.signum(i - j));
            }
        }
        List<String> shuffled = new ArrayList<>(List.of(names));
        Collections.shuffle(shuffled, new Random(42));
        shuffled.sort(ORDER);
        assertThat(shuffled).containsExactly(names);
    }

    @Test
    void kernelReleases() {
        assertAscending("v2.6.11", "v2.6.12-rc1", "v2.6.12", "v3.0", "v6.1-rc1", "v6.1-rc2", "v6.1-rc10", "v6.1",
                "v6.9", "v6.10", "v7.0");
    }

    @Test
    void numericNotLexicographic() {
        assertAscending("v2.9.0", "v2.10.0", "v2.40.20", "v10.0.0");
        assertAscending("2.9", "2.10", "2.40.20");
    }

    @Test
    void underscoreSeparators() {
        assertAscending("LIBRSVG_2_1_0", "LIBRSVG_2_9_9", "LIBRSVG_2_10_0");
        assertAscending("curl-7_9", "curl-7_9_1", "curl-7_10_1", "curl-8_0_0");
    }

    @Test
    void shorterReleaseBeforeLonger() {
        assertAscending("1.0", "1.0.1", "1.0.1.1", "1.1");
        assertAscending("v6.1", "v6.1.1", "v6.1.10", "v6.2");
    }

    @Test
    void preReleasesSortBeforeTheRelease() {
        assertAscending("3.0b1", "3.0b2", "3.0");
        assertAscending("1.0.dev1", "1.0a1", "1.0alpha2", "1.0-beta", "1.0-beta.2", "1.0b3", "1.0pre1",
                "1.0-rc1", "1.0-RC2", "1.0", "1.0.1");
        assertAscending("1.0rc1", "1.0.0");
        assertThat(ORDER.compare("v6.1-rc1", "v6.0")).isPositive();
    }

    @Test
    void otherSuffixesSortAfterTheRelease() {
        assertAscending("2.6.11", "2.6.11-tree", "2.6.12");
        assertAscending("1.0", "1.0-1", "1.0-2", "1.0-patch1", "1.0-zeta", "1.1");
    }

    @Test
    void leadingZerosAndHugeNumbers() {
        assertThat(ORDER.compare("1.01", "1.1")).isNegative(); // equal versions: string order decides
        assertThat(ORDER.compare("1.1", "1.01")).isPositive();
        assertAscending("1.1", "1.002", "1.10");
        String big = "1." + "9".repeat(40);
        String bigger = "1.1" + "0".repeat(40);
        assertAscending("1.99", big, bigger);
        assertAscending("0.0.1", "00.0.2", "0.1");
    }

    @Test
    void equalVersionsWithDifferentPrefixesAreDeterministic() {
        assertThat(ORDER.compare("v1.0", "release-1.0")).isEqualTo("v1.0".compareTo("release-1.0"));
        assertThat(Integer.signum(ORDER.compare("release-1.0", "v1.0")))
                .isEqualTo(-Integer.signum(ORDER.compare("v1.0", "release-1.0")));
        assertThat(ORDER.compare("v1.0", "v1.0")).isZero();
        assertThat(ORDER.compare("v1.0", "V1.0")).isNotZero();
        assertThat(ORDER.compare("v1.0", "v1_0")).isNotZero();
        // The version decides before the prefix.
        assertAscending("zzz-1.0", "aaa-2.0");
    }

    @Test
    void namesWithoutDigitsComeFirst() {
        assertAscending("latest", "stable", "v0.0.1");
        assertThat(ORDER.compare("", "a")).isNegative();
        assertThat(ORDER.compare("", "")).isZero();
    }

    @Test
    void mixedRealWorldList() {
        List<String> tags = new ArrayList<>(List.of("v6.10", "v6.1", "v6.1-rc3", "v6.9-rc1", "v6.2", "v6.10-rc7",
                "v7.0-rc1", "v6.1.1"));
        tags.sort(ORDER);
        assertThat(tags).containsExactly("v6.1-rc3", "v6.1", "v6.1.1", "v6.2", "v6.9-rc1", "v6.10-rc7", "v6.10",
                "v7.0-rc1");
    }

    @Test
    void comparatorContractOnAGrid() {
        String[] names = {"v1", "v1.0", "v1.0.0", "v1.0-rc1", "v1.0rc1", "v1.0a", "v1.0-alpha", "v1.0-foo",
                "1.0", "x", "", "v01.0", "v1.0.0.0", "v1.0b", "v1.0-1", "curl-1_0", "v1.0-RC1", "v1.0.rc.1"};
        for (String a : names) {
            assertThat(ORDER.compare(a, a)).isZero();
            for (String b : names) {
                int ab = Integer.signum(ORDER.compare(a, b));
                assertThat(ab).as("antisymmetry %s %s", a, b).isEqualTo(-Integer.signum(ORDER.compare(b, a)));
                assertThat(ab == 0).as("consistent with equals %s %s", a, b).isEqualTo(a.equals(b));
                for (String c : names) {
                    if (ab < 0 && ORDER.compare(b, c) < 0) {
                        assertThat(ORDER.compare(a, c)).as("transitivity %s %s %s", a, b, c).isNegative();
                    }
                }
            }
        }
    }

    @Test
    void preReleaseDetection() {
        assertThat(VersionOrder.isPreRelease("v6.1-rc1")).isTrue();
        assertThat(VersionOrder.isPreRelease("3.0b1")).isTrue();
        assertThat(VersionOrder.isPreRelease("v6.1")).isFalse();
        assertThat(VersionOrder.isPreRelease("beta")).isFalse(); // no version: a word in the prefix
        assertThat(VersionOrder.isPreRelease("v2.6.11-tree")).isFalse();
    }

    @Test
    void theCachingComparatorSortsAsTheOrderDoes() {
        String[] parts = {"v", "1", "2", "10", ".", "-", "rc", "rc1", "alpha", "_", "b", "0", "x", "release-", "3.0"};
        Random random = new Random(7);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            names.add(sb.toString());
        }
        List<String> byOrder = new ArrayList<>(names);
        byOrder.sort(ORDER);
        List<StringBuilder> boxed = new ArrayList<>(names.stream().map(StringBuilder::new).toList());
        boxed.sort(VersionOrder.comparing(StringBuilder::toString));
        assertThat(boxed.stream().map(StringBuilder::toString).toList()).isEqualTo(byOrder);
    }
}
