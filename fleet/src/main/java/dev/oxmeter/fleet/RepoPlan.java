package dev.oxmeter.fleet;

import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.GitRepo;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A repository's place in a fleet job: its spec, whether it could be opened and its timeline selected, and the
 * revisions to measure. Small (one entry per revision), so the driver may hold every plan. Immutable.
 *
 * @param error null when the repository is usable, else the one-line reason
 */
record RepoPlan(RepoSpec spec, String error, List<Rev> revisions, List<String> notices) implements Serializable {
    RepoPlan {
        revisions = List.copyOf(revisions);
        notices = List.copyOf(notices);
    }

    /** A revision in serializable form. */
    record Rev(String label, String commit, String tree, long epochSecond) implements Serializable {
        Revision revision() {
            return new Revision(label, commit == null ? null : Oid.fromHex(commit), Oid.fromHex(tree),
                    epochSecond == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epochSecond));
        }

        static Rev of(Revision r) {
            return new Rev(r.label(), r.commit() == null ? null : r.commit().hex(), r.tree().hex(),
                    r.date() == null ? Long.MIN_VALUE : r.date().getEpochSecond());
        }
    }

    boolean ok() {
        return error == null;
    }

    List<Revision> timeline() {
        return revisions.stream().map(Rev::revision).toList();
    }

    /** Opens the repository and selects its timeline; any failure becomes the plan's error, never an exception. */
    static RepoPlan of(RepoSpec spec, FleetOptions options) {
        List<String> notices = new ArrayList<>();
        try (GitRepo repo = RepoAccess.open(spec)) {
            List<Rev> revs = options.select(repo, notices::add).stream().map(Rev::of).toList();
            return new RepoPlan(spec, null, revs, notices);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new RepoPlan(spec, Failures.oneLine(e), List.of(), notices);
        }
    }
}
