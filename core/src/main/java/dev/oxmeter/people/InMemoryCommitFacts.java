package dev.oxmeter.people;

import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Commit facts kept in memory only (for {@code --no-store} runs and tests). Not thread-safe. */
public final class InMemoryCommitFacts implements CommitFactsCache {
    private final Map<Oid, CommitFacts> facts = new HashMap<>();
    private final Map<Oid, List<Oid>> parents = new HashMap<>();

    @Override
    public Map<Oid, List<Oid>> parents() {
        return parents;
    }

    @Override
    public void saveParents(Map<Oid, List<Oid>> batch) {
        batch.forEach(parents::putIfAbsent);
    }

    @Override
    public boolean isKnown(Oid id) {
        return facts.containsKey(id);
    }

    @Override
    public void save(List<CommitFacts> batch) {
        for (CommitFacts f : batch) {
            facts.putIfAbsent(f.id(), f);
        }
    }

    @Override
    public List<CommitFacts> touching(String language) {
        List<CommitFacts> out = new ArrayList<>();
        for (CommitFacts c : facts.values()) {
            if (c.isMerge()) {
                continue;
            }
            List<CommitFacts.FileFact> mine = c.files().stream().filter(f -> f.language().equals(language)).toList();
            if (!mine.isEmpty()) {
                out.add(new CommitFacts(c.id(), c.parents(), c.author(), c.authorTime(), c.commitTime(), c.subject(),
                        c.trailers(), mine));
            }
        }
        return out;
    }

    /** Number of commits held. */
    public int size() {
        return facts.size();
    }
}
