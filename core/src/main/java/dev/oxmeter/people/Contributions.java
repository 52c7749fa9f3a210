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
import java.util.HashSet;
import java.util.LinkedHashMap;
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
     * @param mailmaps the mailmap to use for each window
     * @param employers employer map (use {@link Affiliations#EMPTY} for address domains only)
     * @param keys     which trailers are co-authorship and which are roles
     * @param sink     receives every (window, commit, contributor) counted, for keeping them in the store
     */
    public static PeopleReport analyze(String language, List<WindowSpec> windows, List<CommitFacts> counted,
                                       CommitGraph graph, Function<WindowSpec, Mailmap> mailmaps,
                                       Affiliations employers, TrailerKeys keys, Consumer<Contribution> sink) {
        Map<Oid, CommitFacts> byId = new HashMap<>();
        for (CommitFacts c : counted) {
            if (!c.isMerge() && !c.files().isEmpty()) {
                byId.put(c.id(), c);
            }
        }
        // Counted commits and their raw contributors (author, co-authors) as small ints, so that each window's
        // new and cumulative counts are bit-set unions: a window maps each distinct raw identity once.
        List<CommitFacts> all = new ArrayList<>(byId.values());
        Map<Oid, Integer> commitIndex = new HashMap<>(all.size() * 2);
        Map<Identity, Integer> rawIndex = new HashMap<>();
        List<Identity> raws = new ArrayList<>();
        int[][] rawOf = new int[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            CommitFacts c = all.get(i);
            commitIndex.put(c.id(), i);
            List<Identity> who = new ArrayList<>();
            who.add(c.author());
            for (CommitFacts.PersonTrailer t : c.trailers()) {
                if (keys.isCoAuthor(t.key())) {
                    who.add(t.who());
                }
            }
            int[] ids = new int[who.size()];
            for (int k = 0; k < ids.length; k++) {
                Identity id = who.get(k);
                ids[k] = rawIndex.computeIfAbsent(id, x -> {
                    raws.add(x);
                    return raws.size() - 1;
                });
            }
            rawOf[i] = ids;
        }
        Map<String, Integer> keyIds = new HashMap<>();
        Map<Mailmap, int[]> keyOfRawByMailmap = new java.util.IdentityHashMap<>();
        Map<Oid, BitSet> reachCache = new HashMap<>();
        Map<String, String> firstWindowByKey = new HashMap<>();
        String before = windows.isEmpty() || windows.get(0).start() == null ? null
                : "(before " + windows.get(0).startLabel() + ")";
        List<PeopleReport.Window> out = new ArrayList<>();
        for (WindowSpec w : windows) {
            Oid end = w.end().commit();
            CommitGraph.Window window = graph.window(end, w.start());
            List<Oid> range = window.commits();
            if (range.isEmpty() && w.mustHaveCommits()) {
                throw new OxmeterException("window " + w.label() + " is empty: every commit reachable from "
                        + w.end().label() + " is reachable from " + w.startLabel());
            }
            List<CommitFacts> inWindow = new ArrayList<>();
            BitSet inBits = new BitSet(all.size());
            for (Oid id : range) {
                Integer i = commitIndex.get(id);
                if (i != null) {
                    inWindow.add(all.get(i));
                    inBits.set(i);
                }
            }
            BitSet earlier = w.start() == null ? new BitSet() : reachable(w.start(), graph, commitIndex, reachCache);
            BitSet atEnd = reachCache.get(end);
            if (atEnd == null) {
                if (w.start() == null || window.startIsAncestor()) {
                    atEnd = (BitSet) earlier.clone();
                    atEnd.or(inBits);
                } else {
                    atEnd = reachable(end, graph, commitIndex, reachCache);
                }
                reachCache.put(end, atEnd);
            }
            Mailmap mm = mailmaps.apply(w);
            for (CommitFacts c : inWindow) {
                long a = 0;
                long r = 0;
                for (CommitFacts.FileFact f : c.files()) {
                    a += f.added();
                    r += f.removed();
                }
                boolean first = true;
                for (Identity who : contributors(c, mm, keys)) {
                    sink.accept(new Contribution(w, c.id(), who.key(), who.name(), who.email(),
                            first ? "author" : "co-author", a, r));
                    first = false;
                }
            }
            int[] keyOfRaw = keyOfRawByMailmap.computeIfAbsent(mm, m -> {
                int[] k = new int[raws.size()];
                for (int r = 0; r < k.length; r++) {
                    k[r] = keyIds.computeIfAbsent(m.map(raws.get(r)).key(), x -> keyIds.size());
                }
                return k;
            });
            BitSet earlierKeys = keysOf(earlier, rawOf, keyOfRaw);
            int cumulative = keysOf(atEnd, rawOf, keyOfRaw).cardinality();
            out.add(window(w, inWindow, mm, keys, employers, key -> {
                Integer k = keyIds.get(key);
                return k != null && earlierKeys.get(k);
            }, cumulative, firstWindowByKey, before));
        }
        return new PeopleReport(language, out);
    }

    private static BitSet reachable(Oid tip, CommitGraph graph, Map<Oid, Integer> commitIndex,
                                    Map<Oid, BitSet> cache) {
        BitSet s = cache.get(tip);
        if (s == null) {
            s = new BitSet(commitIndex.size());
            for (Oid id : graph.reachable(tip)) {
                Integer i = commitIndex.get(id);
                if (i != null) {
                    s.set(i);
                }
            }
            cache.put(tip, s);
        }
        return s;
    }

    /** The person keys (as key ids) of the commits in {@code commits} under a window's mapping. */
    private static BitSet keysOf(BitSet commits, int[][] rawOf, int[] keyOfRaw) {
        BitSet out = new BitSet();
        for (int i = commits.nextSetBit(0); i >= 0; i = commits.nextSetBit(i + 1)) {
            for (int r : rawOf[i]) {
                out.set(keyOfRaw[r]);
            }
        }
        return out;
    }

    /** The distinct contributors of a commit under {@code mm}: the author, then co-authors in message order. */
    static List<Identity> contributors(CommitFacts c, Mailmap mm, TrailerKeys keys) {
        Map<String, Identity> out = new LinkedHashMap<>();
        Identity author = mm.map(c.author());
        out.put(author.key(), author);
        for (CommitFacts.PersonTrailer t : c.trailers()) {
            if (keys.isCoAuthor(t.key())) {
                Identity who = mm.map(t.who());
                out.putIfAbsent(who.key(), who);
            }
        }
        return List.copyOf(out.values());
    }

    private static final class PersonAcc {
        String name;
        String email;
        java.time.Instant newest;
        String employer;
        final Set<Oid> commits = new HashSet<>();
        long added;
        long removed;
        final Map<String, Integer> roles = new TreeMap<>();
    }

    private static PeopleReport.Window window(WindowSpec w, List<CommitFacts> inWindow, Mailmap mm, TrailerKeys keys,
                                              Affiliations employers,
                                              java.util.function.Predicate<String> isEarlier, int cumulative,
                                              Map<String, String> firstWindowByKey, String before) {
        Map<String, PersonAcc> people = new HashMap<>();
        Map<String, PersonAcc> credits = new HashMap<>();
        Map<String, Set<String>> employerPeople = new HashMap<>();
        Map<String, Set<Oid>> employerCommits = new HashMap<>();
        long added = 0;
        long removed = 0;
        for (CommitFacts c : inWindow) {
            long a = 0;
            long r = 0;
            for (CommitFacts.FileFact f : c.files()) {
                a += f.added();
                r += f.removed();
            }
            added += a;
            removed += r;
            LocalDate day = c.authorTime().atZone(ZoneOffset.UTC).toLocalDate();
            for (Identity who : contributors(c, mm, keys)) {
                PersonAcc p = people.computeIfAbsent(who.key(), k -> new PersonAcc());
                String employer = employers.employerOrDomain(who.email(), day);
                if (p.newest == null || !c.authorTime().isBefore(p.newest)) {
                    p.newest = c.authorTime();
                    p.name = who.name();
                    p.email = who.email();
                    p.employer = employer;
                }
                if (p.commits.add(c.id())) {
                    p.added += a;
                    p.removed += r;
                }
                employerPeople.computeIfAbsent(employer, k -> new HashSet<>()).add(who.key());
                employerCommits.computeIfAbsent(employer, k -> new HashSet<>()).add(c.id());
            }
            Set<String> seen = new HashSet<>();
            for (CommitFacts.PersonTrailer t : c.trailers()) {
                if (!keys.isRole(t.key())) {
                    continue;
                }
                Identity who = mm.map(t.who());
                String role = Trailer.canonicalKey(t.key());
                if (!seen.add(who.key() + "\u0000" + role)) {
                    continue;
                }
                PersonAcc p = credits.computeIfAbsent(who.key(), k -> new PersonAcc());
                if (p.newest == null || !c.authorTime().isBefore(p.newest)) {
                    p.newest = c.authorTime();
                    p.name = who.name();
                    p.email = who.email();
                }
                p.commits.add(c.id());
                p.roles.merge(role, 1, Integer::sum);
            }
        }
        String label = w.label();
        List<PeopleReport.Person> rows = new ArrayList<>();
        int fresh = 0;
        for (Map.Entry<String, PersonAcc> e : people.entrySet()) {
            PersonAcc p = e.getValue();
            boolean isNew = !isEarlier.test(e.getKey());
            if (isNew) {
                fresh++;
                firstWindowByKey.putIfAbsent(e.getKey(), label);
            }
            String first = firstWindowByKey.getOrDefault(e.getKey(), before != null ? before : "(earlier)");
            PersonAcc roles = credits.get(e.getKey());
            rows.add(new PeopleReport.Person(p.name, p.email, p.commits.size(), p.added, p.removed,
                    roles == null ? Map.of() : roles.roles, first, isNew, p.employer));
        }
        rows.sort(Comparator.comparingInt(PeopleReport.Person::commits).reversed()
                .thenComparing(PeopleReport.Person::name, Contributions::compareNames)
                .thenComparing(PeopleReport.Person::email));
        List<PeopleReport.Credit> creditRows = new ArrayList<>();
        for (PersonAcc p : credits.values()) {
            int total = p.roles.values().stream().mapToInt(Integer::intValue).sum();
            creditRows.add(new PeopleReport.Credit(p.name, p.email, p.roles, total));
        }
        creditRows.sort(Comparator.comparingInt(PeopleReport.Credit::total).reversed()
                .thenComparing(PeopleReport.Credit::name, Contributions::compareNames)
                .thenComparing(PeopleReport.Credit::email));
        List<PeopleReport.Employer> employerRows = new ArrayList<>();
        employerPeople.forEach((name, who) -> employerRows.add(
                new PeopleReport.Employer(name, who.size(), employerCommits.get(name).size())));
        employerRows.sort(Comparator.comparingInt(PeopleReport.Employer::commits).reversed()
                .thenComparing(Comparator.comparingInt(PeopleReport.Employer::contributors).reversed())
                .thenComparing(PeopleReport.Employer::name, Contributions::compareNames));
        return new PeopleReport.Window(label, w.start() == null ? null : w.startLabel(), w.end().label(),
                w.end().date(), people.size(), fresh, cumulative, inWindow.size(), added, removed, rows, creditRows,
                employerRows);
    }

    /** Case-insensitive name order, ties broken by the exact spelling, so output order is stable. */
    public static int compareNames(String a, String b) {
        int c = a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
        return c != 0 ? c : a.compareTo(b);
    }
}
