package dev.oxmeter.people;

import dev.oxmeter.OxmeterException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AffiliationsTest {
    private static final LocalDate DAY = LocalDate.of(2024, 6, 1);

    private static Affiliations sample() throws IOException {
        try (InputStream in = AffiliationsTest.class.getResourceAsStream("/people/email-map.txt")) {
            return Affiliations.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "email-map.txt");
        }
    }

    @Test
    void parsesTheSampleFile() throws IOException {
        Affiliations a = sample();
        assertThat(a.size()).isEqualTo(10);
        assertThat(a.mappings().get(3)).isEqualTo(new Affiliations.Mapping("kernel.org", "(kernel.org)", null, 7));
    }

    @Test
    void exactEmailThenDomainThenParentDomains() throws IOException {
        Affiliations a = sample();
        assertThat(a.employerOf("someone@intel.com", DAY)).contains("Intel Corporation");
        assertThat(a.employerOf("someone@linux.intel.com", DAY)).contains("Intel Open Source Technology Center");
        // Most specific first, then parents down to two labels.
        assertThat(a.employerOf("someone@dev.linux.intel.com", DAY)).contains("Intel Open Source Technology Center");
        assertThat(a.employerOf("someone@lab.intel.com", DAY)).contains("Intel Corporation");
        assertThat(a.employerOf("Someone@RedHat.COM", DAY)).contains("Red Hat");
        assertThat(a.employerOf("someone@gmail.com", DAY)).isEmpty();
        assertThat(a.employerOf("someone@com", DAY)).isEmpty();
        assertThat(a.employerOf("no-at-sign", DAY)).isEmpty();
        assertThat(a.employerOf("", DAY)).isEmpty();
        assertThat(a.employerOf(null, DAY)).isEmpty();
        assertThat(a.employerOf("bob@example.org", DAY)).contains("Example Org");
    }

    @Test
    void datedHistoryEndDatesAreExclusive() throws IOException {
        Affiliations a = sample();
        assertThat(a.employerOf("jane@example.com", LocalDate.of(2019, 1, 1))).contains("Intel Corporation");
        assertThat(a.employerOf("jane@example.com", LocalDate.of(2020, 2, 29))).contains("Intel Corporation");
        assertThat(a.employerOf("jane@example.com", LocalDate.of(2020, 3, 1))).contains("Red Hat");
        assertThat(a.employerOf("jane@example.com", LocalDate.of(2023, 1, 14))).contains("Red Hat");
        assertThat(a.employerOf("jane@example.com", LocalDate.of(2023, 1, 15))).contains("Google LLC");
        assertThat(a.employerOf("JANE@example.com", DAY)).contains("Google LLC");
    }

    @Test
    void endedHistoryFallsBackToTheDomain() throws IOException {
        Affiliations a = sample();
        assertThat(a.employerOf("old@contractor.example", LocalDate.of(2009, 12, 31))).contains("Contracting Ltd");
        assertThat(a.employerOf("old@contractor.example", DAY)).contains("Contractor Pool");
    }

    @Test
    void laterLineWinsOnExactDuplicates() {
        Affiliations a = Affiliations.parse("""
                x@example.com  First
                x@example.com  Second
                x@example.com  Old One < 2000-01-01
                x@example.com  Old Two < 2000-01-01
                """, "dup");
        assertThat(a.employerOf("x@example.com", DAY)).contains("Second");
        assertThat(a.employerOf("x@example.com", LocalDate.of(1999, 1, 1))).contains("Old Two");
        assertThat(a.size()).isEqualTo(4);
    }

    @Test
    void formatDetails() {
        Affiliations a = Affiliations.parse("\uFEFFa.example\tTabbed   Employer  Inc.\t<\t2020-1-2 \r\n"
                + "b.example Hash#Inside\n", "fmt");
        assertThat(a.mappings().get(0)).isEqualTo(
                new Affiliations.Mapping("a.example", "Tabbed   Employer  Inc.", LocalDate.of(2020, 1, 2), 1));
        // As in gitdm, '#' starts a comment anywhere.
        assertThat(a.employerOf("x@b.example", DAY)).contains("Hash");
    }

    @Test
    void malformedLinesNameFileAndLine() {
        assertThatThrownBy(() -> Affiliations.parse("ok.example  Fine\n\nlonely-key\n", "map.txt"))
                .isInstanceOf(OxmeterException.class)
                .hasMessageStartingWith("map.txt:3: ")
                .hasMessageContaining("lonely-key");
        assertThatThrownBy(() -> Affiliations.parse("a.example  Acme < 2020-13-01", "m"))
                .hasMessageStartingWith("m:1: ").hasMessageContaining("invalid date");
        assertThatThrownBy(() -> Affiliations.parse("a.example  Acme < soon", "m"))
                .hasMessageStartingWith("m:1: ");
        assertThatThrownBy(() -> Affiliations.parse("a.example  < 2020-01-01", "m"))
                .hasMessageStartingWith("m:1: ");
        assertThatThrownBy(() -> Affiliations.parse("a@b@c.example  Acme", "m"))
                .hasMessageStartingWith("m:1: ");
    }

    @Test
    void domainFallback() {
        assertThat(Affiliations.domainOf("Jane@Intel.COM")).isEqualTo("intel.com");
        assertThat(Affiliations.domainOf("jane@example.org.")).isEqualTo("example.org");
        assertThat(Affiliations.domainOf("")).isEqualTo(Affiliations.UNKNOWN);
        assertThat(Affiliations.domainOf(null)).isEqualTo(Affiliations.UNKNOWN);
        assertThat(Affiliations.domainOf("syzbot")).isEqualTo(Affiliations.UNKNOWN);
        assertThat(Affiliations.EMPTY.employerOrDomain("a@b.example", DAY)).isEqualTo("b.example");
    }

    @Test
    void employerOrDomain() throws IOException {
        Affiliations a = sample();
        assertThat(a.employerOrDomain("x@intel.com", DAY)).isEqualTo("Intel Corporation");
        assertThat(a.employerOrDomain("x@Gmail.com", DAY)).isEqualTo("gmail.com");
        assertThat(a.employerOrDomain("", DAY)).isEqualTo("(unknown)");
    }
}
