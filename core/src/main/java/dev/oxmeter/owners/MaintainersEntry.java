package dev.oxmeter.owners;

import java.util.List;
import java.util.Objects;

/**
 * One entry (section) of a MAINTAINERS file. Field lists keep file order and the values as written (trimmed).
 *
 * @param title       the title line ({@code RUST}, {@code HPET:	High Precision Event Timers driver}); may be empty
 *                    when field lines come first in the file
 * @param status      the {@code S:} value, or empty when the entry has none
 * @param maintainers {@code M:} values; in old files a bare address that follows a {@code P:} (Person) line is
 *                    combined into {@code Name <address>}, as get_maintainer.pl does
 * @param reviewers   {@code R:} values
 * @param lists       {@code L:} values
 * @param files       {@code F:} patterns
 * @param excludes    {@code X:} patterns
 * @param regexes     {@code N:} path regexes
 * @param keywords    {@code K:} content regexes (not used to attribute files)
 * @param line        1-based line of the title (or of the first field when there is no title)
 */
public record MaintainersEntry(String title, String status, List<String> maintainers, List<String> reviewers,
        List<String> lists, List<String> files, List<String> excludes, List<String> regexes, List<String> keywords,
        int line) {
    public MaintainersEntry {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        maintainers = List.copyOf(maintainers);
        reviewers = List.copyOf(reviewers);
        lists = List.copyOf(lists);
        files = List.copyOf(files);
        excludes = List.copyOf(excludes);
        regexes = List.copyOf(regexes);
        keywords = List.copyOf(keywords);
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    /** This entry as a format-neutral {@link Owner}: its title and maintainers. */
    public Owner toOwner() {
        return new Owner(title, maintainers);
    }
}
