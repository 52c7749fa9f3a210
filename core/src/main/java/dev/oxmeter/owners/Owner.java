package dev.oxmeter.owners;

import java.util.List;
import java.util.Objects;

/**
 * Who owns a path, independent of the file format that said so.
 *
 * @param name   display name: a MAINTAINERS entry title ({@code RUST [ALLOC]}) or a CODEOWNERS pattern
 *               ({@code /drivers/gpu/})
 * @param people the responsible people or teams: a MAINTAINERS entry's {@code M:} maintainers, or a CODEOWNERS
 *               rule's owners ({@code @org/team}, {@code user@example.com}); may be empty (orphaned code)
 */
public record Owner(String name, List<String> people) {
    public Owner {
        Objects.requireNonNull(name, "name");
        people = List.copyOf(people);
    }
}
