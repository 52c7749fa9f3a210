package dev.oxmeter.toolchain;

import dev.oxmeter.model.Oid;
import java.util.Collection;
import java.util.Map;

/**
 * Where {@link ToolchainScanner} keeps the listings of root trees between runs: a tree id fixes which relevant
 * files lie below it, so a listing is computed once and served forever. Listings travel as text (one line per
 * entry: kind, id and path, tab-separated). Called from the scanning thread only.
 */
public interface ListingStore {
    /** Keeps nothing: every run lists the trees it meets. */
    ListingStore NONE = new ListingStore() {
        @Override
        public Map<Oid, String> find(Collection<Oid> trees) {
            return Map.of();
        }

        @Override
        public void save(Map<Oid, String> listings) {
        }
    };

    /** The kept listings of those of {@code trees} that have one. */
    Map<Oid, String> find(Collection<Oid> trees);

    /** Keeps {@code listings} (root tree → text). */
    void save(Map<Oid, String> listings);
}
