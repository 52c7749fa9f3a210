package dev.oxmeter.people;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Counts who contributed to a language, window by window.
 *
 * <p><b>Definition.</b> A person contributed to language L in window W when they are the author, or are named in a
 * co-authorship trailer ({@link TrailerKeys#isCoAuthor}), of a non-merge commit in W that adds, modifies, deletes or
 * renames at least one file of L that is not excluded. A window {@code A..B} is git's {@code A..B} commit set. A
 * person is the email address after the mailmap, compared ignoring case ({@link Identity#key()}).
 *
 * <p>A contributor is new in {@code A..B} when they contributed in no commit reachable from A. The cumulative count
 * at B is the number of people who contributed in any commit reachable from B. Everything in a window is counted
 * with that window's mailmap.
 *
 * <p>Cost: window membership comes from the commit graph ({@link CommitGraph}), no repository read: one traversal
 * of each window's commit set (consecutive windows share no commits, so a timeline costs about one traversal of its
 * history), plus a full traversal from B when A is not an ancestor of B; the counting itself is linear in the
 * commits that touch L.
 */
public final class Contributions {
    private Contributions() {
    }

    /**
     * A window: the commits reachable from {@code end} and not from {@code start} (all history up to {@code end}
     * when {@code start} is null). With {@code mustHaveCommits}, an empty commit set is an error (a range the user
     * typed); in a timeline, two tags on one commit just give an empty window.
     */
    public record WindowSpec(Oid start, String startLabel, Revision end, boolean mustHaveCommits) {
        /** A timeline window (may be empty). */
        public WindowSpec(Oid start, String startLabel, Revision end) {
            this(start, startLabel, end, false);
        }

        public WindowSpec {
            Objects.requireNonNull(end, "end");
            if (end.commit() == null) {
                throw new OxmeterException("revision '" + end.label() + "' is a tree, not a commit: it has no history");
            }
            if (start != null && startLabel == null) {
                startLabel = start.abbrev(12);
            }
        }

        /** {@code start..end}, or {@code ..end}. */
        public String label() {
            return (start == null ? "" : startLabel) + ".." + end.label();
        }
    }

    /**
     * One contributor of one counted commit in one window, exactly as {@link #analyze} counts it: the window's
     * mailmap applied, the author first ({@code role} {@code author}), then each further co-author
     * ({@code co-author}); the commit's added and removed lines in counted files of the language.
     *
     * @param person the identity key ({@link Identity#key()}): the address in lower case
     */
    public record Contribution(WindowSpec window, Oid commit, String person, String name, String email, String role,
                               long linesAdded, long linesRemoved) {
    }

    /** {@link #analyze(String, List, List, CommitGraph, Function, Affiliations, TrailerKeys, Consumer)}, no sink. */
    public static PeopleReport analyze(String language, List<WindowSpec> windows, List<CommitFacts> counted,
                                       CommitGraph graph, Function<WindowSpec, Mailmap> mailmaps,
                                       Affiliations employers, TrailerKeys keys) {
        return analyze(language, windows, counted, graph, mailmaps, employers, keys, c -> { });
    }

    /**
     * Counts contributions in each window.
     *
     * @param language the language, for the report
     * @param windows  the windows in timeline order
     * @param counted  the non-merge commits that change at least one counted file of the language (merges and
     *                 commits without such files must be left out by the caller), with only those files
     * @param graph    the commit graph holding every window's ends and starts; answers which commits each holds
     * @param mailmaps the mailmap to use for each window; not asked for windows where no counted commit is reachable
     * @param employers employer map (use {@link Affiliations#EMPTY} for address domains only)
     * @param keys     which trailers are co-authorship and which are roles
     * @param sink     receives every (window, commit, contributor) counted, for keeping them in the store
     */
    public static PeopleReport analyze(String language, List<WindowSpec> windows, List<CommitFacts> counted,
                                       CommitGraph graph, Function<WindowSpec, Mailmap> mailmaps,
                                       Affiliations employers, TrailerKeys keys, Consumer<Contribution> sink) {
        Counted all = new Counted(counted, graph, keys);
        Map<Oid, BitSet> reachCache = new HashMap<>();
        Map<String, String> firstWindowByKey = new HashMap<>();
        Map<Mailmap, Mapped> mappedBy = new java.util.IdentityHashMap<>();
        Map<String, String> domains = new HashMap<>();
        String before = windows.isEmpty() || windows.get(0).start() == null ? null
                : "(before " + windows.get(0).startLabel() + ")";
        List<PeopleReport.Window> out = new ArrayList<>();
        for (WindowSpec w : windows) {
            Oid end = w.end().commit();
            CommitGraph.WindowIndices window = graph.windowIndices(end, w.start());
            if (window.commits().isEmpty() && w.mustHaveCommits()) {
                throw new OxmeterException("window " + w.label() + " is empty: every commit reachable from "
                        + w.end().label() + " is reachable from " + w.startLabel());
            }
            BitSet inBits = all.toCounted(window.commits());
            BitSet earlier = w.start() == null ? new BitSet() : reachable(w.start(), graph, all, reachCache);
            BitSet atEnd = reachCache.get(end);
            boolean atEndIsEarlierPlusWindow = false;
            if (atEnd == null) {
                if (w.start() == null || window.startIsAncestor()) {
                    atEnd = (BitSet) earlier.clone();
                    atEnd.or(inBits);
                    atEndIsEarlierPlusWindow = true;
                } else {
                    atEnd = reachable(end, graph, all, reachCache);
                }
                reachCache.put(end, atEnd);
            }
            if (atEnd.isEmpty()) {
                // no commit that counts is reachable from the end (a release before the language arrived): nothing
                // to map, so the window's mailmap is not even read
                out.add(window(w, all, inBits, null, employers, domains, new BitSet(), 0, firstWindowByKey, before,
                        sink));
                continue;
            }
            Mapped mm = mappedBy.computeIfAbsent(mailmaps.apply(w), m -> new Mapped(m, all.raws));
            BitSet earlierKeys = mm.keysOf(earlier, all.rawOf);
            BitSet atEndKeys;
            if (atEndIsEarlierPlusWindow) {
                atEndKeys = (BitSet) earlierKeys.clone();
                atEndKeys.or(mm.keysOf(inBits, all.rawOf));
            } else {
                atEndKeys = mm.keysOf(atEnd, all.rawOf);
            }
            out.add(window(w, all, inBits, mm, employers, domains, earlierKeys, atEndKeys.cardinality(),
                    firstWindowByKey, before, sink));
        }
        return new PeopleReport(language, out);
    }

    /** The counted commits that are in the graph, in graph order, with their people as small ints. */
    private static final class Counted {
        /** Counted index of each graph index, -1 for commits that do not count. */
        final int[] slot;
        final CommitFacts[] facts;
        final long[] added;
        final long[] removed;
        /** Raw (unmapped) contributors of each commit: the author, then each co-author trailer, in order. */
        final int[][] rawOf;
        /** Role trailers of each commit: raw identity and role, as pairs. */
        final int[][] rolesOf;
        final List<Identity> raws = new ArrayList<>();
        final List<String> roleNames = new ArrayList<>();

        Counted(List<CommitFacts> counted, CommitGraph graph, TrailerKeys keys) {
            slot = new int[graph.size()];
            java.util.Arrays.fill(slot, -1);
            CommitFacts[] byGraph = new CommitFacts[graph.size()];
            int n = 0;
            for (CommitFacts c : counted) {
                if (c.isMerge() || c.files().isEmpty()) {
                    continue;
                }
                int g = graph.index(c.id());
                if (g >= 0) {
                    if (byGraph[g] == null) {
                        n++;
                    }
                    byGraph[g] = c;
                }
            }
            facts = new CommitFacts[n];
            added = new long[n];
            removed = new long[n];
            rawOf = new int[n][];
            rolesOf = new int[n][];
            Map<Identity, Integer> rawIndex = new HashMap<>();
            Map<String, Integer> roleIndex = new HashMap<>();
            Map<String, Boolean> coAuthorKey = new HashMap<>();
            Map<String, Boolean> roleKey = new HashMap<>();
            int k = 0;
            int[] who = new int[8];
            int[] roles = new int[8];
            for (int g = 0; g < byGraph.length; g++) {
                CommitFacts c = byGraph[g];
                if (c == null) {
                    continue;
                }
                slot[g] = k;
                facts[k] = c;
                long a = 0;
                long r = 0;
                for (CommitFacts.FileFact f : c.files()) {
                    a += f.added();
                    r += f.removed();
                }
                added[k] = a;
                removed[k] = r;
                int nw = 0;
                int nr = 0;
                who[nw++] = raw(c.author(), rawIndex);
                for (CommitFacts.PersonTrailer t : c.trailers()) {
                    if (coAuthorKey.computeIfAbsent(t.key(), keys::isCoAuthor)) {
                        if (nw == who.length) {
                            who = java.util.Arrays.copyOf(who, nw * 2);
                        }
                        who[nw++] = raw(t.who(), rawIndex);
                    } else if (roleKey.computeIfAbsent(t.key(), keys::isRole)) {
                        if (nr + 2 > roles.length) {
                            roles = java.util.Arrays.copyOf(roles, roles.length * 2);
                        }
                        roles[nr++] = raw(t.who(), rawIndex);
                        roles[nr++] = roleIndex.computeIfAbsent(Trailer.canonicalKey(t.key()), x -> {
                            roleNames.add(x);
                            return roleNames.size() - 1;
                        });
                    }
                }
                rawOf[k] = java.util.Arrays.copyOf(who, nw);
                rolesOf[k] = nr == 0 ? NONE : java.util.Arrays.copyOf(roles, nr);
                k++;
            }
        }

        private int raw(Identity id, Map<Identity, Integer> rawIndex) {
            Integer i = rawIndex.get(id);
            if (i == null) {
                i = raws.size();
                raws.add(id);
                rawIndex.put(id, i);
            }
            return i;
        }

        /** A set of graph indices as the set of counted indices among them. */
        BitSet toCounted(BitSet graphIndices) {
            BitSet out = new BitSet(facts.length);
            for (int g = graphIndices.nextSetBit(0); g >= 0; g = graphIndices.nextSetBit(g + 1)) {
                int k = slot[g];
                if (k >= 0) {
                    out.set(k);
                }
            }
            return out;
        }
    }

    private static final int[] NONE = new int[0];

    /** The raw identities under one mailmap, mapped on first use, with person keys as small ints. */
    private static final class Mapped {
        final Mailmap mailmap;
        final List<Identity> raws;
        final Identity[] identity;
        final int[] key;
        /** Person keys as small ints, shared by no other mailmap (a key id is only compared within a window). */
        final Map<String, Integer> keyIds = new HashMap<>();
        final List<String> keyNames = new ArrayList<>();

        Mapped(Mailmap mailmap, List<Identity> raws) {
            this.mailmap = mailmap;
            this.raws = raws;
            this.identity = new Identity[raws.size()];
            this.key = new int[raws.size()];
            java.util.Arrays.fill(key, -1);
        }

        int key(int raw) {
            int k = key[raw];
            if (k < 0) {
                Identity id = mailmap.map(raws.get(raw));
                identity[raw] = id;
                String name = id.key();
                Integer known = keyIds.get(name);
                if (known == null) {
                    known = keyNames.size();
                    keyNames.add(name);
                    keyIds.put(name, known);
                }
                k = known;
                key[raw] = k;
            }
            return k;
        }

        Identity identity(int raw) {
            key(raw);
            return identity[raw];
        }

        /** The person keys of the commits in {@code commits} (counted indices). */
        BitSet keysOf(BitSet commits, int[][] rawOf) {
            BitSet out = new BitSet();
            for (int i = commits.nextSetBit(0); i >= 0; i = commits.nextSetBit(i + 1)) {
                for (int r : rawOf[i]) {
                    out.set(key(r));
                }
            }
            return out;
        }
    }

    private static BitSet reachable(Oid tip, CommitGraph graph, Counted all, Map<Oid, BitSet> cache) {
        BitSet s = cache.get(tip);
        if (s == null) {
            s = all.toCounted(graph.reachableIndices(tip));
            cache.put(tip, s);
        }
        return s;
    }

    private static final class PersonAcc {
        String name;
        String email;
        java.time.Instant newest;
        String employer;
        int commits;
        long added;
        long removed;
        Map<String, Integer> roles;
    }

    private static final class EmployerAcc {
        final BitSet people = new BitSet();
        int commits;
        int lastCommit = -1;
    }

    private static PeopleReport.Window window(WindowSpec w, Counted all, BitSet inWindow, Mapped mm,
                                              Affiliations employers, Map<String, String> domains,
                                              BitSet earlierKeys, int cumulative,
                                              Map<String, String> firstWindowByKey, String before,
                                              Consumer<Contribution> sink) {
        Map<Integer, PersonAcc> people = new HashMap<>();
        Map<Integer, PersonAcc> credits = new HashMap<>();
        Map<String, EmployerAcc> employerAcc = new HashMap<>();
        boolean byDomain = employers.size() == 0;
        long added = 0;
        long removed = 0;
        int commits = 0;
        int[] seen = new int[8];
        for (int k = inWindow.nextSetBit(0); k >= 0; k = inWindow.nextSetBit(k + 1)) {
            CommitFacts c = all.facts[k];
            commits++;
            long a = all.added[k];
            long r = all.removed[k];
            added += a;
            removed += r;
            LocalDate day = byDomain ? null : c.authorTime().atZone(ZoneOffset.UTC).toLocalDate();
            int[] raw = all.rawOf[k];
            int distinct = 0;
            for (int raw1 : raw) {
                int key = mm.key(raw1);
                boolean dup = false;
                for (int j = 0; j < distinct; j++) {
                    dup |= seen[j] == key;
                }
                if (dup) {
                    continue;
                }
                if (distinct == seen.length) {
                    seen = java.util.Arrays.copyOf(seen, distinct * 2);
                }
                seen[distinct++] = key;
                Identity who = mm.identity(raw1);
                sink.accept(new Contribution(w, c.id(), mm.keyNames.get(key), who.name(), who.email(),
                        distinct == 1 ? "author" : "co-author", a, r));
                PersonAcc p = people.computeIfAbsent(key, x -> new PersonAcc());
                String employer = byDomain ? domains.computeIfAbsent(who.email(), Affiliations::domainOf)
                        : employers.employerOrDomain(who.email(), day);
                if (p.newest == null || !c.authorTime().isBefore(p.newest)) {
                    p.newest = c.authorTime();
                    p.name = who.name();
                    p.email = who.email();
                    p.employer = employer;
                }
                p.commits++;
                p.added += a;
                p.removed += r;
                EmployerAcc e = employerAcc.computeIfAbsent(employer, x -> new EmployerAcc());
                e.people.set(key);
                if (e.lastCommit != k) {
                    e.lastCommit = k;
                    e.commits++;
                }
            }
            int[] roles = all.rolesOf[k];
            int credited = 0;
            for (int i = 0; i < roles.length; i += 2) {
                int key = mm.key(roles[i]);
                int role = roles[i + 1];
                boolean dup = false;
                for (int j = 0; j < credited; j += 2) {
                    dup |= seen[j] == key && seen[j + 1] == role;
                }
                if (dup) {
                    continue;
                }
                if (credited + 2 > seen.length) {
                    seen = java.util.Arrays.copyOf(seen, seen.length * 2);
                }
                seen[credited++] = key;
                seen[credited++] = role;
                Identity who = mm.identity(roles[i]);
                PersonAcc p = credits.computeIfAbsent(key, x -> new PersonAcc());
                if (p.newest == null || !c.authorTime().isBefore(p.newest)) {
                    p.newest = c.authorTime();
                    p.name = who.name();
                    p.email = who.email();
                }
                if (p.roles == null) {
                    p.roles = new TreeMap<>();
                }
                p.roles.merge(all.roleNames.get(role), 1, Integer::sum);
            }
        }
        String label = w.label();
        List<PeopleReport.Person> rows = new ArrayList<>(people.size());
        int fresh = 0;
        for (Map.Entry<Integer, PersonAcc> e : people.entrySet()) {
            PersonAcc p = e.getValue();
            String key = mm.keyNames.get(e.getKey());
            boolean isNew = !earlierKeys.get(e.getKey());
            if (isNew) {
                fresh++;
                firstWindowByKey.putIfAbsent(key, label);
            }
            String first = firstWindowByKey.getOrDefault(key, before != null ? before : "(earlier)");
            PersonAcc roles = credits.get(e.getKey());
            rows.add(new PeopleReport.Person(p.name, p.email, p.commits, p.added, p.removed,
                    roles == null ? Map.of() : roles.roles, first, isNew, p.employer));
        }
        rows.sort(Comparator.comparingInt(PeopleReport.Person::commits).reversed()
                .thenComparing(PeopleReport.Person::name, Contributions::compareNames)
                .thenComparing(PeopleReport.Person::email));
        List<PeopleReport.Credit> creditRows = new ArrayList<>(credits.size());
        for (PersonAcc p : credits.values()) {
            int total = 0;
            for (int v : p.roles.values()) {
                total += v;
            }
            creditRows.add(new PeopleReport.Credit(p.name, p.email, p.roles, total));
        }
        creditRows.sort(Comparator.comparingInt(PeopleReport.Credit::total).reversed()
                .thenComparing(PeopleReport.Credit::name, Contributions::compareNames)
                .thenComparing(PeopleReport.Credit::email));
        List<PeopleReport.Employer> employerRows = new ArrayList<>(employerAcc.size());
        employerAcc.forEach((name, e) -> employerRows.add(
                new PeopleReport.Employer(name, e.people.cardinality(), e.commits)));
        employerRows.sort(Comparator.comparingInt(PeopleReport.Employer::commits).reversed()
                .thenComparing(Comparator.comparingInt(PeopleReport.Employer::contributors).reversed())
                .thenComparing(PeopleReport.Employer::name, Contributions::compareNames));
        return new PeopleReport.Window(label, w.start() == null ? null : w.startLabel(), w.end().label(),
                w.end().date(), people.size(), fresh, cumulative, commits, added, removed, rows, creditRows,
                employerRows);
    }

    /** Case-insensitive name order, ties broken by the exact spelling, so output order is stable. */
    public static int compareNames(String a, String b) {
        int c = a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
        return c != 0 ? c : a.compareTo(b);
    }
}
