package dev.oxmeter.owners;

import java.util.List;
import java.util.Objects;

/**
 * One rule of a CODEOWNERS file.
 *
 * @param pattern the pattern as written (escapes resolved)
 * @param owners  its owners ({@code @user}, {@code @org/team}, e-mail addresses); empty means explicitly unowned
 *                (GitHub) unless a GitLab section supplied defaults
 * @param line    1-based line number in the file
 * @param section the GitLab section name, or empty outside sections
 */
public record CodeOwnersRule(String pattern, List<String> owners, int line, String section) {
    public CodeOwnersRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(section, "section");
        owners = List.copyOf(owners);
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }
}
