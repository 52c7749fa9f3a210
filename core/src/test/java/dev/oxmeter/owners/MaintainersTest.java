package dev.oxmeter.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintainersTest {

    private static final Maintainers FIXTURE = Maintainers.parse(KernelData.resource("MAINTAINERS.fixture"));

    private static MaintainersEntry entry(Maintainers m, String title) {
        return m.entries().stream().filter(e -> e.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void headerIsSkippedAndEntriesStartAtTheFirstFieldRun() {
        assertThat(FIXTURE.entries()).extracting(MaintainersEntry::title).containsExactly(
                "NETWORKING DRIVERS", "NETWORKING DRIVERS (TOP LEVEL ONLY)", "PHY DRIVERS", "RUST", "RUST [ALLOC]",
                "QT2025 PHY DRIVER [RUST]", "ARM SUB-ARCHITECTURES", "TEGRA ARCHITECTURE SUPPORT", "BROKEN REGEX",
                "MA901 MASTERKIT USB FM RADIO DRIVER", "HPET:\tHigh Precision Event Timers driver",
                "NO STATUS DRIVER", "THE REST");
        assertThat(FIXTURE.entries().get(0).line()).isEqualTo(14);
    }

    @Test
    void fieldsOfAnEntry() {
        MaintainersEntry net = entry(FIXTURE, "NETWORKING DRIVERS");
        assertThat(net.maintainers()).containsExactly("Net Maintainer <net@example.org>");
        assertThat(net.lists()).containsExactly("netdev@example.org");
        assertThat(net.status()).isEqualTo("Odd Fixes");
        assertThat(net.files()).containsExactly("drivers/net/");
        assertThat(net.excludes()).containsExactly("drivers/net/wireless/");
        assertThat(entry(FIXTURE, "PHY DRIVERS").reviewers()).containsExactly("Phy Reviewer <phyr@example.org>");
        assertThat(entry(FIXTURE, "RUST").keywords()).containsExactly("\\b(?i:rust)\\b");
        assertThat(entry(FIXTURE, "TEGRA ARCHITECTURE SUPPORT").regexes()).containsExactly("[^a-z]tegra");
    }

    @Test
    void quirksOfRealFiles() {
        // fields separated by spaces instead of a tab
        MaintainersEntry spaced = entry(FIXTURE, "MA901 MASTERKIT USB FM RADIO DRIVER");
        assertThat(spaced.maintainers()).containsExactly("Spaced Person <spaced@example.org>");
        assertThat(spaced.files()).containsExactly("drivers/media/radio/radio-ma901.c");
        // title with a colon and a tab, P: as Person, "L: <TAB>", no S:
        MaintainersEntry hpet = entry(FIXTURE, "HPET:\tHigh Precision Event Timers driver");
        assertThat(hpet.maintainers()).containsExactly("Old Person <old@example.org>");
        assertThat(hpet.lists()).containsExactly("lkml@example.org");
        assertThat(hpet.status()).isEmpty();
        assertThat(entry(FIXTURE, "NO STATUS DRIVER").status()).isEmpty();
    }

    @Test
    void crlfAndFieldsWithoutTitle() {
        Maintainers m = Maintainers.parse("F:\tfirst/\r\n\r\nTITLE\r\nM:\ta <a@b>\r\nF:\tx/\r\n");
        assertThat(m.entries()).extracting(MaintainersEntry::title).containsExactly("", "TITLE");
        assertThat(m.entries().get(1).files()).containsExactly("x/");
        assertThat(Maintainers.parse("").entries()).isEmpty();
    }

    @Test
    void blankLinesInsideAnEntryDoNotSplitIt() {
        // get_maintainer.pl drops blank lines before grouping, so this is one entry
        Maintainers m = Maintainers.parse("A\nF:\ta/\n\nF:\tb/\n\nB\nF:\tc/\n");
        assertThat(m.entries()).extracting(MaintainersEntry::title).containsExactly("A", "B");
        assertThat(m.entries().get(0).files()).containsExactly("a/", "b/");
    }

    @Test
    void realKernelMaintainers() {
        Optional<String> text = KernelData.realMaintainers();
        assumeTrue(text.isPresent(), "shared/data/linux/MAINTAINERS not found above the working directory");
        List<MaintainersEntry> entries = Maintainers.parse(text.get()).entries();
        assertThat(entries).hasSize(1153);
        assertThat(entries.get(0).title()).isEqualTo("3C59X NETWORK DRIVER");
        assertThat(entries.get(entries.size() - 1).title()).isEqualTo("THE REST");
        assertThat(entries.stream().mapToInt(e -> e.files().size()).sum()).isEqualTo(2317);
        assertThat(entries.stream().mapToInt(e -> e.excludes().size()).sum()).isEqualTo(4);
        assertThat(entries.stream().mapToInt(e -> e.regexes().size()).sum()).isEqualTo(1);
        assertThat(entries.stream().mapToInt(e -> e.keywords().size()).sum()).isEqualTo(4);
        assertThat(entries.stream().filter(e -> e.status().isEmpty()).map(MaintainersEntry::title))
                .containsExactly("I2C/SMBUS ISMT DRIVER");
        assertThat(entries.stream().filter(e -> e.title().contains(":"))).hasSize(12);
        assertThat(entries.stream().filter(e -> e.title().contains("\t"))).hasSize(3);
    }
}
