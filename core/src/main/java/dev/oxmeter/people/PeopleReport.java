package dev.oxmeter.people;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who contributed to one language, window by window ({@link Contributions#analyze}). Immutable.
 *
 * @param language the language (catalog name)
 * @param windows  the windows, in timeline order
 */
public record PeopleReport(String language, List<Window> windows) {
    public PeopleReport {
        windows = List.copyOf(windows);
    }

    /**
     * One window {@code start..end} (git's commit set; no start means all history up to {@code end}).
     *
     * @param label           {@code start..end}, or {@code ..end}
     * @param start           label of the start revision, or null
     * @param end             label of the end revision
     * @param endDate         committer date of the end revision
     * @param contributors    distinct people who contributed in the window
     * @param newContributors those of them who never contributed in a commit reachable from {@code start}
     * @param cumulative      distinct people who contributed in any commit reachable from {@code end}
     * @param commits         commits of the window that count
     * @param added           lines added in the language by those commits
     * @param removed         lines removed in the language by those commits
     * @param people          the contributors, most commits first
     * @param credits         people named in role trailers of those commits, most mentions first
     * @param employers       contributors and commits per employer, most commits first
     */
    public record Window(String label, String start, String end, Instant endDate, int contributors,
                         int newContributors, int cumulative, int commits, long added, long removed,
                         List<Person> people, List<Credit> credits, List<Employer> employers) {
        public Window {
            people = List.copyOf(people);
            credits = List.copyOf(credits);
            employers = List.copyOf(employers);
        }
    }

    /**
     * A contributor in a window.
     *
     * @param name        display name (after the mailmap; the newest in the window)
     * @param email       address after the mailmap (as written in the newest commit)
     * @param commits     commits of the window the person authored or co-authored
     * @param added       lines added in the language by those commits (each co-author gets the whole commit)
     * @param removed     lines removed, likewise
     * @param roles       role trailers naming the person in the window's commits, by key (commits counted once)
     * @param firstWindow label of the window in which the person first contributed, or {@code (before X)}
     * @param isNew       whether the person is a new contributor in this window
     * @param employer    employer (or address domain) at the person's newest commit of the window
     */
    public record Person(String name, String email, int commits, long added, long removed, Map<String, Integer> roles,
                         String firstWindow, boolean isNew, String employer) {
        public Person {
            roles = Map.copyOf(roles);
        }
    }

    /** A person named in role trailers of a window's commits: commits per role key, and all of them. */
    public record Credit(String name, String email, Map<String, Integer> roles, int total) {
        public Credit {
            roles = Map.copyOf(roles);
        }
    }

    /** An employer (or address domain) in a window: distinct contributors and distinct commits. */
    public record Employer(String name, int contributors, int commits) {
    }
}
