package dev.oxmeter.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.OxmeterException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ToolchainParsersTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void versionsCompareNumericallyAndPrintAsWritten() {
        assertThat(RustVersion.parse("1.70")).isEqualByComparingTo(RustVersion.parse("1.70.0"));
        assertThat(RustVersion.parse("1.9.0").compareTo(RustVersion.parse("1.10"))).isNegative();
        assertThat(RustVersion.parse(" 1.49.0 ")).hasToString("1.49.0");
        assertThat(RustVersion.parse("stable")).isNull();
        assertThat(RustVersion.parse("@RUST_VERSION@")).isNull();
    }

    @Test
    void lockFormatTwoHasInlineChecksumsAndNoVersionKey() {
        CargoLock l = CargoLock.parse(b("""
                [[package]]
                name = "x"
                version = "0.1.0"
                dependencies = ["y"]

                [[package]]
                name = "y"
                version = "1.0.0"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                checksum = "abcd"
                """));
        assertThat(l.format()).isEqualTo(2);
        assertThat(l.count(CargoLock.Source.LOCAL)).isEqualTo(1);
        assertThat(l.count(CargoLock.Source.REGISTRY)).isEqualTo(1);
        assertThat(CargoLock.parse(b("not = [toml")).parsed()).isFalse();
    }

    @Test
    void minToolVersionBeforeRustHasNoRustArm() {
        MinToolVersion m = MinToolVersion.parse(b("""
                case "$1" in
                binutils)
                \techo 2.23.0
                \t;;
                gcc)
                \techo 5.1.0
                \t;;
                llvm)
                \techo 10.0.1
                \t;;
                esac
                """));
        assertThat(m.hasRust()).isFalse();
        assertThat(m.rustc()).isNull();
    }

    @Test
    void legacyToolchainFileMayBeToml() {
        assertThat(ToolchainFile.parse(b("[toolchain]\nchannel = \"1.80.1\"\n")).version()).hasToString("1.80.1");
        assertThat(ToolchainFile.parse(b("\n# pinned\nnightly\n")).channel()).isEqualTo("nightly");
    }

    @Test
    void stableReleasesFollowTheSixWeekSchedule() {
        Distributions d = Distributions.standard();
        assertThat(d.stableAt(LocalDate.parse("2023-06-01"))).hasToString("1.70.0"); // 1.70.0 came out that day
        assertThat(d.stableAt(LocalDate.parse("2023-05-31"))).hasToString("1.69.0");
        assertThat(d.stableAt(LocalDate.parse("2025-02-20"))).hasToString("1.85.0");
        assertThat(d.stableAt(LocalDate.parse("2015-05-20"))).hasToString("1.0.0");
    }

    @Test
    void shippedDataIsSourcedAndBookwormHas163() {
        Distributions d = Distributions.standard();
        assertThat(d.lines()).allSatisfy(l -> {
            assertThat(l.source()).startsWith("https://");
            assertThat(l.rustc()).allSatisfy(r -> assertThat(r.source()).startsWith("https://"));
        });
        assertThat(d.lines()).extracting(Distributions.Line::family).contains("Debian", "Ubuntu", "Fedora", "RHEL");
        Distributions.Builder bookworm = d.at(LocalDate.parse("2024-01-01"), RustVersion.parse("1.63")).stream()
                .filter(b -> b.line().line().equals("Debian 12 (bookworm)")).findFirst().orElseThrow();
        assertThat(bookworm.rustc()).hasToString("1.63.0");
        assertThat(bookworm.canBuild()).isTrue();
        assertThat(d.at(LocalDate.parse("2026-06-10"), null)).noneMatch(b -> b.line().line().contains("bookworm"));
    }

    @Test
    void aRowWithoutSourceIsRefused() {
        assertThatThrownBy(() -> Distributions.parse(b("""
                {"rust_stable": {"first": "1.1.0", "date": "2015-06-25", "every_days": 42, "source": "https://x"},
                 "lines": [{"line": "D 1", "family": "D", "dates_source": "https://y",
                            "rustc": [{"version": "1.2.0", "since": "2016-01-01"}]}]}
                """))).isInstanceOf(OxmeterException.class).hasMessageContaining("source");
    }
}
