package dev.oxmeter.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContributionsTest {
    private static Oid oid(int n) {
        return Oid.fromHex(String.format("%040x", n));
    }

    private static Revision rev(int n) {
        return new Revision("r" + n, oid(n), oid(100 + n), Instant.ofEpochSecond(1_600_000_000L + n));
    }

    private static CommitFacts commit(int n, String name, String email, List<CommitFacts.PersonTrailer> trailers) {
        return new CommitFacts(oid(n), 1, new Identity(name, email), Instant.ofEpochSecond(1_600_000_000L + n),
                Instant.ofEpochSecond(1_600_000_000L + n), "s", trailers,
                List.of(new CommitFacts.FileFact("a.rs", null, "MODIFY", "Rust", n, 1)));
    }

    @Test
    void windowsBeforeTheLanguageArrivedNeedNoMailmapAndLaterOnesMapEachPersonOnce() {
        // a line of commits 1 <- 2 <- 3 <- 4 <- 5; Rust arrives with 3 (Bob, co-developed by Carol) and 5 (bob again)
        CommitGraph.Builder b = new CommitGraph.Builder();
        b.add(oid(1), List.of());
        for (int i = 2; i <= 5; i++) {
            b.add(oid(i), List.of(oid(i - 1)));
        }
        CommitGraph graph = b.build();
        List<CommitFacts> counted = List.of(
                commit(3, "Bob", "bob@old.example", List.of(new CommitFacts.PersonTrailer("Co-developed-by",
                        new Identity("Carol", "carol@x.org"), "Carol <carol@x.org>"), new CommitFacts.PersonTrailer(
                        "Reviewed-by", new Identity("Dave", "dave@x.org"), "Dave <dave@x.org>"))),
                commit(5, "bob", "BOB@old.example", List.of()));
        List<Revision> revs = List.of(rev(1), rev(2), rev(4), rev(5));
        Mailmap mm = Mailmap.parse("Robert <bob@x.org> <bob@old.example>\n");
        List<String> asked = new ArrayList<>();
        List<Contributions.Contribution> rows = new ArrayList<>();
        PeopleReport r = Contributions.analyze("Rust", PeopleRun.consecutive(revs), counted, graph, w -> {
            asked.add(w.label());
            return mm;
        }, Affiliations.EMPTY, TrailerKeys.DEFAULT, rows::add);

        assertThat(asked).containsExactly("r2..r4", "r4..r5");
        assertThat(r.windows()).extracting(PeopleReport.Window::contributors).containsExactly(0, 0, 2, 1);
        assertThat(r.windows()).extracting(PeopleReport.Window::newContributors).containsExactly(0, 0, 2, 0);
        assertThat(r.windows()).extracting(PeopleReport.Window::cumulative).containsExactly(0, 0, 2, 2);
        PeopleReport.Window w = r.windows().get(2);
        assertThat(w.people()).extracting(PeopleReport.Person::name, PeopleReport.Person::email,
                PeopleReport.Person::added).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Carol", "carol@x.org", 3L),
                org.assertj.core.groups.Tuple.tuple("Robert", "bob@x.org", 3L));
        assertThat(w.credits()).singleElement().satisfies(c -> assertThat(c.roles()).containsEntry("Reviewed-by", 1));
        PeopleReport.Person robert = r.windows().get(3).people().get(0);
        assertThat(robert.email()).isEqualTo("bob@x.org");
        assertThat(robert.firstWindow()).isEqualTo("r2..r4");
        assertThat(rows).extracting(Contributions.Contribution::person, Contributions.Contribution::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@x.org", "author"),
                        org.assertj.core.groups.Tuple.tuple("carol@x.org", "co-author"),
                        org.assertj.core.groups.Tuple.tuple("bob@x.org", "author"));
    }
}
