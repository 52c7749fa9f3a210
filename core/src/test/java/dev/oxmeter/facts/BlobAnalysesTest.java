package dev.oxmeter.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.language.Category;
import dev.oxmeter.language.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlobAnalysesTest {

    @Test
    void namesAreUniqueAndSnakeCase() {
        List<String> names = BlobAnalyses.all().stream().map(BlobAnalysis::name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[a-z][a-z0-9_]*"));
        assertThat(names).contains("rust_safety", "rust_boundary", "c_helpers");
    }

    @Test
    void versionsArePositive() {
        assertThat(BlobAnalyses.all()).allSatisfy(a -> assertThat(a.version()).isPositive());
    }

    @Test
    void everyAnalysisSurvivesEmptyAndBinaryInput() {
        byte[] junk = new byte[256];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) i;
        }
        for (BlobAnalysis a : BlobAnalyses.all()) {
            assertThat(a.analyze(new byte[0], 0, 0).values()).allSatisfy((k, v) -> assertThat(v).isZero());
            assertThat(a.analyze(junk, 0, junk.length)).isNotNull();
        }
    }

    @Test
    void languagesAreRoutedByName() {
        Language rust = new Language("Rust", Category.PROGRAMMING, List.of("//"));
        Language c = new Language("C", Category.PROGRAMMING, List.of());
        assertThat(BlobAnalyses.all().stream().filter(a -> a.appliesTo(rust)).map(BlobAnalysis::name))
                .containsExactly("rust_safety", "rust_boundary");
        assertThat(BlobAnalyses.all().stream().filter(a -> a.appliesTo(c)).map(BlobAnalysis::name))
                .containsExactly("c_helpers");
    }
}
