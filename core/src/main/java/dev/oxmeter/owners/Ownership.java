package dev.oxmeter.owners;

import java.util.List;

/**
 * A source of path ownership (MAINTAINERS via {@link OwnershipMatcher}, or {@link CodeOwners}), so callers can
 * aggregate "code per owner" without caring which file format it came from. Implementations are immutable and
 * thread-safe.
 */
public interface Ownership {
    /**
     * The owners of a repository-relative path ({@code drivers/net/phy/qt2025.rs}, no leading slash), most
     * specific first; empty when nobody claims it.
     */
    List<Owner> owners(String path);

    /** Rules of the ownership file that could not be applied and were skipped, one line each; empty when none. */
    default List<String> problems() {
        return List.of();
    }
}
