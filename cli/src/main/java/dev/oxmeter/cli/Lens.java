package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Revision;
import java.util.List;

/** Revision choice of the kernel-lens commands: one revision unless timeline options are given. */
final class Lens {
    private Lens() {
    }

    /**
     * One revision ({@code rev}, or HEAD) unless timeline options were given. The one revision is labelled by its
     * tag when {@code rev} names a tag, else by its abbreviated commit id: results must not say "HEAD", which names
     * another commit tomorrow.
     */
    static List<Revision> revisions(Session s, TimelineOptions timeline, String rev) {
        if (rev != null && timeline.any()) {
            throw new OxmeterException("--rev and timeline options (--tags, --every, --revs) exclude each other");
        }
        if (!timeline.any()) {
            return List.of(s.ox().revision(rev == null ? "HEAD" : rev));
        }
        return timeline.select(s.ox());
    }
}
