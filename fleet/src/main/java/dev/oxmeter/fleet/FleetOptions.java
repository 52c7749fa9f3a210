package dev.oxmeter.fleet;

import dev.oxmeter.aggregate.ScanOptions;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.timeline.Timeline;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a fleet job measures, the same for every repository: the timeline (release tags unless given), the
 * language whose contributors are counted, and the scan rules that change numbers. Immutable and serializable, so
 * it travels to executors.
 *
 * @param tags          tag globs ({@code --tags}); empty: the releases, as {@code oxmeter history} takes by default
 * @param excludeTags   tag globs left out
 * @param order         tag order
 * @param language      the language of the {@code people} dataset (e.g. {@code Rust})
 * @param excludes      {@code --exclude} patterns
 * @param includeVendored count vendored and generated files too
 * @param maxBlobBytes  blobs above this size are {@code (too large)}
 */
public record FleetOptions(List<String> tags, List<String> excludeTags, Timeline.Order order, String language,
                           List<String> excludes, boolean includeVendored, long maxBlobBytes) implements Serializable {
    public FleetOptions {
        tags = List.copyOf(tags);
        excludeTags = List.copyOf(excludeTags);
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(language, "language");
    }

    /** Release tags, Rust contributors, default scan rules. */
    public static FleetOptions defaults() {
        return new FleetOptions(List.of(), List.of(), Timeline.Order.VERSION, "Rust", List.of(), false,
                ScanOptions.DEFAULT_MAX_BLOB_BYTES);
    }

    ScanOptions scanOptions() {
        return new ScanOptions(maxBlobBytes, excludes, includeVendored, false);
    }

    /**
     * The revisions of {@code repo} this job measures, oldest first, by the rule {@code oxmeter history} applies
     * without {@code --revs} or {@code --every}: the selected tags, else the releases, else a monthly sample of HEAD.
     */
    List<Revision> select(GitRepo repo, Consumer<String> warn) {
        return Timeline.tagsOrReleases(repo, tags, excludeTags, order, "HEAD", null, null, warn, kind -> { });
    }
}
