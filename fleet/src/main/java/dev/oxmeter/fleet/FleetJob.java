package dev.oxmeter.fleet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.sort_array;

import dev.oxmeter.aggregate.CompositionEngine;
import dev.oxmeter.aggregate.ExclusionReason;
import dev.oxmeter.count.LineCounts;
import dev.oxmeter.facts.BlobAnalyses;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.BlobKind;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsLookup;
import dev.oxmeter.model.Metric;
import dev.oxmeter.facts.Metrics;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.people.PeopleReport;
import dev.oxmeter.render.HistoryTables;
import dev.oxmeter.render.LensTables;
import dev.oxmeter.render.PeopleTables;
import dev.oxmeter.render.Table;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.ObjectSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The fleet job: many repositories measured as one Spark plan of oxmeter's content-addressing idea. Per repository
 * the release trees are walked to (repo, revision, path, blob, detection) entries; the distinct (blob, detection)
 * pairs across the whole fleet are measured once each, on any repository that holds them; the facts are joined back
 * and folded per (repo, revision) by the same rules as {@code oxmeter history}; the single-repository tables are
 * then built per repository on executors. The driver holds only per-repository plans and summaries.
 *
 * <p>Not thread-safe; one job per instance. Failures of one repository (missing, corrupt, unreadable) become its
 * {@code repos} row; the job completes for the others.
 */
public final class FleetJob {
    static final StructType ENTRY = new StructType()
            .add("repo", DataTypes.StringType, false).add("location", DataTypes.StringType, false)
            .add("rev", DataTypes.IntegerType, false).add("path", DataTypes.StringType, true)
            .add("kind", DataTypes.StringType, true).add("blob", DataTypes.StringType, true)
            .add("detection", DataTypes.StringType, true).add("exclusion", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);
    static final StructType FACTS = new StructType()
            .add("blob", DataTypes.StringType, false).add("detection", DataTypes.StringType, false)
            .add("language", DataTypes.StringType, true).add("fact_kind", DataTypes.StringType, true)
            .add("bytes", DataTypes.LongType, true).add("lines", DataTypes.LongType, true)
            .add("code", DataTypes.LongType, true).add("comment", DataTypes.LongType, true)
            .add("blank", DataTypes.LongType, true)
            .add("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true)
            .add("fact_error", DataTypes.StringType, true);

    /** The datasets written besides {@code repos}, in the order they are written. */
    static final List<String> DATASETS = List.of("history", "safety", "boundary", "people");

    /**
     * What a run did.
     *
     * @param uniqueBlobs     distinct (blob, detection) pairs across the fleet: blobs measured
     * @param blobsPerRepoSum the same counted per repository and summed: what separate runs would measure
     * @param factsComputed   facts computations executed (equals {@code uniqueBlobs} unless tasks were retried)
     */
    public record Summary(int repositories, int failed, long entries, long uniqueBlobs, long blobsPerRepoSum,
                          long factsComputed, List<RepoRow> repos) {
    }

    private final SparkSession spark;
    private final FleetOptions options;
    private final Consumer<String> log;

    public FleetJob(SparkSession spark, FleetOptions options, Consumer<String> log) {
        this.spark = spark;
        this.options = options;
        this.log = log;
    }

    /** Runs the job over {@code repos} and writes its datasets into {@code out}, replacing an earlier fleet output. */
    public Summary run(List<RepoSpec> repos, Path out) {
        FleetOutput output = FleetOutput.prepare(out);
        try {
            Summary s = compute(repos, output);
            output.commit();
            return s;
        } catch (RuntimeException | Error e) {
            output.abandon();
            throw e;
        }
    }

    private Summary compute(List<RepoSpec> repos, FleetOutput output) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        FleetOptions opt = options;

        // 1. per repository: open it (cloning URLs on the executor) and select its timeline
        List<RepoPlan> plans = jsc.parallelize(repos, repos.size()).map(s -> RepoPlan.of(s, opt)).collect();
        Map<String, String> errors = new LinkedHashMap<>();
        List<RepoPlan> ok = new ArrayList<>();
        for (RepoPlan p : plans) {
            if (p.ok()) {
                ok.add(p);
            } else {
                errors.put(p.spec().name(), p.error());
            }
            p.notices().forEach(n -> log.accept(p.spec().name() + ": " + n));
        }
        log.accept(ok.size() + " of " + plans.size() + " repositories opened; "
                + ok.stream().mapToInt(p -> p.revisions().size()).sum() + " revisions to measure");
        Map<String, RepoPlan> byName = new LinkedHashMap<>();
        ok.forEach(p -> byName.put(p.spec().name(), p));
        Broadcast<Map<String, RepoPlan>> planB = jsc.broadcast(byName);
        JavaRDD<RepoPlan> okRdd = jsc.parallelize(ok, Math.max(1, ok.size()));

        // 2. the tree walks: one entry per file of every revision, no blob read
        Dataset<Row> entries = spark.createDataFrame(okRdd.flatMap(p -> new EntryIterator(p, opt)), ENTRY)
                .persist(StorageLevel.MEMORY_AND_DISK());
        for (Row r : entries.filter(col("error").isNotNull()).select("repo", "error").collectAsList()) {
            errors.putIfAbsent(r.getString(0), r.getString(1));
        }
        Dataset<Row> files = entries.filter(col("error").isNull().and(col("detection").isNotNull()));
        long entryCount = entries.count();

        // 3. each distinct (blob, detection) of the fleet measured once, on a repository that holds it
        long perRepo = files.select("repo", "blob", "detection").distinct().count();
        LongAccumulator computed = jsc.sc().longAccumulator("oxmeter.factsComputed");
        Dataset<Row> unique = files.groupBy("blob", "detection")
                .agg(sort_array(collect_set(col("location"))).as("locations"));
        JavaRDD<Row> factRows = unique.javaRDD().mapPartitions(it -> FactsTask.compute(it, opt, computed));
        Dataset<Row> facts = spark.createDataFrame(factRows, FACTS).persist(StorageLevel.MEMORY_AND_DISK());
        long uniqueCount = facts.count();
        Dataset<Row> badFacts = facts.filter(col("fact_error").isNotNull()).select("blob", "detection", "fact_error");
        for (Row r : files.join(badFacts, new String[] {"blob", "detection"}).select("repo", "fact_error").distinct().collectAsList()) {
            errors.putIfAbsent(r.getString(0), r.getString(1));
        }
        log.accept("measured " + uniqueCount + " unique blobs across the fleet (" + perRepo
                + " summed over repositories)");

        // 4. join back and fold per (repo, revision), summing partial compositions before the shuffle
        Dataset<Row> joined = entries.filter(col("error").isNull()
                        .and(functions.not(col("repo").isin(errors.keySet().toArray())))).drop("error")
                .join(facts, new String[] {"blob", "detection"}, "left");
        JavaPairRDD<Tuple2<String, Integer>, Partial> partials = joined.javaRDD()
                .mapPartitionsToPair(FleetJob::fold).reduceByKey(Partial::merge);
        Broadcast<java.util.Set<String>> failedB = jsc.broadcast(new java.util.HashSet<>(errors.keySet()));
        JavaRDD<Tuple2<String, String>> tables = partials
                .mapToPair(t -> new Tuple2<>(t._1()._1(), new Tuple2<>(t._1()._2(), t._2())))
                .groupByKey()
                .flatMap(g -> repoTables(planB.value().get(g._1()), g._2()).iterator());
        JavaRDD<Tuple2<String, String>> people = okRdd.filter(p -> !failedB.value().contains(p.spec().name()))
                .flatMap(p -> PeopleTask.lines(p, opt).iterator());
        JavaRDD<Tuple2<String, String>> all = tables.union(people).persist(StorageLevel.MEMORY_AND_DISK());

        // 5. the datasets, each with the single-repository columns plus repo
        LanguageCatalog catalog = LanguageCatalog.standard();
        Map<String, List<String>> columns = Map.of(
                "history", TableLines.columns(HistoryTables.longFormat("", Map.of(), catalog, Map.of())),
                "safety", TableLines.columns(LensTables.safetyTotals(Map.of(), "")),
                "boundary", TableLines.columns(LensTables.boundaryTotals(Map.of(), "")),
                "people", TableLines.columns(PeopleTables.longFormat(new PeopleReport(opt.language(),
                        List.of()))));
        for (String name : DATASETS) {
            JavaRDD<String> lines = all.filter(t -> t._1().equals(name)).map(Tuple2::_2);
            write(lines, columns.get(name), output.dataset(name));
        }
        Map<String, RepoRow.Measured> measured = new HashMap<>();
        for (Tuple2<String, String> t : all.filter(t -> t._1().equals(RepoRow.KIND)).collect()) {
            RepoRow.Measured m = RepoRow.Measured.parse(t._2());
            measured.merge(m.repo(), m, RepoRow.Measured::plus);
        }
        List<RepoRow> rows = new ArrayList<>();
        for (RepoPlan p : plans) {
            String name = p.spec().name();
            rows.add(RepoRow.of(p, errors.get(name), measured.get(name)));
        }
        spark.createDataFrame(rows.stream().map(RepoRow::row).toList(), RepoRow.SCHEMA).coalesce(1).write()
                .parquet(output.dataset("repos").toString());
        output.summaries(rows);
        all.unpersist();
        facts.unpersist();
        entries.unpersist();
        int failed = (int) rows.stream().filter(r -> !r.ok()).count();
        return new Summary(plans.size(), failed, entryCount, uniqueCount, perRepo, computed.value(), rows);
    }

    private void write(JavaRDD<String> lines, List<String> columns, Path dir) {
        Dataset<String> ds = spark.createDataset(lines.rdd(), Encoders.STRING());
        Dataset<Row> df;
        if (ds.isEmpty()) {
            StructType empty = new StructType();
            for (String c : columns) {
                empty = empty.add(c, DataTypes.StringType, true);
            }
            df = spark.createDataFrame(Collections.emptyList(), empty);
        } else {
            df = spark.read().option("allowNonNumericNumbers", "true").json(ds);
            for (String c : columns) {
                if (!List.of(df.columns()).contains(c)) {
                    df = df.withColumn(c, org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType));
                }
            }
        }
        df.select(columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new)).write()
                .parquet(dir.toString());
    }

    // ---- executor side ------------------------------------------------------------------------------------------

    /** Folds joined entry rows into partial compositions per (repo, revision), by {@link CompositionEngine#fold}. */
    private static Iterator<Tuple2<Tuple2<String, Integer>, Partial>> fold(Iterator<Row> rows) {
        Map<Tuple2<String, Integer>, Composition.Builder> builders = new HashMap<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            Tuple2<String, Integer> key = new Tuple2<>(r.getAs("repo"), r.getAs("rev"));
            EntryKind kind = EntryKind.valueOf(r.getAs("kind"));
            String blob = r.getAs("blob");
            CompositionEngine.Entry e = new CompositionEngine.Entry(r.getAs("path"), kind,
                    blob == null ? null : Oid.fromHex(blob), r.getAs("detection"),
                    ExclusionReason.valueOf(r.getAs("exclusion")));
            BlobFacts facts = null;
            if (e.detection() != null) {
                facts = factsOf(r);
                if (facts == null) {
                    throw new IllegalStateException("no facts for " + e.path() + " (" + blob + ")");
                }
            }
            CompositionEngine.fold(e, facts, builders.computeIfAbsent(key, k -> new Composition.Builder()));
        }
        List<Tuple2<Tuple2<String, Integer>, Partial>> out = new ArrayList<>(builders.size());
        builders.forEach((k, b) -> out.add(new Tuple2<>(k, Partial.of(b.build()))));
        return out.iterator();
    }

    private static BlobFacts factsOf(Row r) {
        String kind = r.getAs("fact_kind");
        if (kind == null) {
            return null;
        }
        Map<String, Map<String, Long>> byAnalysis = new HashMap<>();
        scala.collection.Map<String, Object> m = r.getAs("metrics");
        if (m != null) {
            scala.jdk.javaapi.CollectionConverters.asJava(m).forEach((k, v) -> {
                Metric declared = BlobAnalyses.metric(k); // a key no analysis declares is an error, not a 0
                byAnalysis.computeIfAbsent(declared.analysis(), a -> new HashMap<>())
                        .put(declared.name(), ((Number) v).longValue());
            });
        }
        Map<String, Metrics> metrics = new HashMap<>();
        byAnalysis.forEach((a, v) -> metrics.put(a, Metrics.of(v)));
        return new BlobFacts(r.getAs("language"), BlobKind.valueOf(kind), r.<Long>getAs("bytes"),
                new LineCounts(r.<Long>getAs("lines"), r.<Long>getAs("code"), r.<Long>getAs("comment"),
                        r.<Long>getAs("blank")), metrics);
    }

    /** The single-repository tables of one repository from its per-revision compositions, as tagged JSON lines. */
    private static List<Tuple2<String, String>> repoTables(RepoPlan plan, Iterable<Tuple2<Integer, Partial>> parts) {
        Map<Integer, Composition> byRev = new HashMap<>();
        for (Tuple2<Integer, Partial> p : parts) {
            byRev.put(p._1(), p._2().composition());
        }
        List<Revision> timeline = plan.timeline();
        Map<Revision, Composition> history = new LinkedHashMap<>();
        for (int i = 0; i < timeline.size(); i++) {
            history.put(timeline.get(i), byRev.getOrDefault(i, Composition.EMPTY));
        }
        LanguageCatalog catalog = LanguageCatalog.standard();
        String repo = plan.spec().name();
        List<Tuple2<String, String>> out = new ArrayList<>();
        tag(out, "history", TableLines.lines(repo, HistoryTables.longFormat("", history, catalog, Map.of())));
        tag(out, "safety", TableLines.lines(repo, LensTables.safetyTotals(history, "")));
        tag(out, "boundary", TableLines.lines(repo, LensTables.boundaryTotals(history, "")));
        out.add(new Tuple2<>(RepoRow.KIND, RepoRow.Measured.of(repo, history, catalog).json()));
        return out;
    }

    static void tag(List<Tuple2<String, String>> out, String kind, List<String> lines) {
        for (String l : lines) {
            out.add(new Tuple2<>(kind, l));
        }
    }

    /** Walks a repository's revisions lazily, one revision's entries at a time; a failure ends in an error row. */
    private static final class EntryIterator implements Iterator<Row> {
        private final RepoPlan plan;
        private final FleetOptions options;
        private final List<Revision> timeline;
        private GitRepo repo;
        private CompositionEngine engine;
        private int next;
        private Iterator<Row> current = Collections.emptyIterator();
        private boolean done;

        EntryIterator(RepoPlan plan, FleetOptions options) {
            this.plan = plan;
            this.options = options;
            this.timeline = plan.timeline();
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !done) {
                advance();
            }
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private void advance() {
            String name = plan.spec().name();
            String location = plan.spec().location();
            if (next >= timeline.size()) {
                finish();
                return;
            }
            try {
                if (repo == null) {
                    repo = RepoAccess.open(plan.spec());
                    FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
                    engine = new CompositionEngine(repo, computer, new FactsCache(), options.scanOptions(), 1,
                            Progress.NONE, added -> { }, FactsLookup.NONE);
                }
                int rev = next++;
                List<Row> rows = new ArrayList<>();
                engine.entries(timeline.get(rev), e -> rows.add(RowFactory.create(name, location, rev, e.path(),
                        e.kind().name(), e.blob().hex(), e.detection(), e.exclusion().name(), null)));
                current = rows.iterator();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                current = List.of(RowFactory.create(name, location, -1, null, null, null, null, null,
                        Failures.oneLine(e))).iterator();
                finish();
            }
        }

        private void finish() {
            done = true;
            if (repo != null) {
                repo.close();
                repo = null;
            }
        }
    }

    /** Measures distinct blobs, grouped by the repository they are read from, in that repository's pack order. */
    static final class FactsTask {
        private FactsTask() {
        }

        static Iterator<Row> compute(Iterator<Row> it, FleetOptions options, LongAccumulator computed) {
            Map<String, List<Row>> byLocation = new LinkedHashMap<>();
            while (it.hasNext()) {
                Row r = it.next();
                List<String> locations = r.getList(2);
                byLocation.computeIfAbsent(locations.get(0), k -> new ArrayList<>()).add(r);
            }
            FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
            List<Row> out = new ArrayList<>();
            for (Map.Entry<String, List<Row>> group : byLocation.entrySet()) {
                Map<Row, String> failed = new LinkedHashMap<>();
                measure(group.getKey(), group.getValue(), computer, options, computed, out, failed);
                // a blob its first holder could not give (corrupt or absent there) is tried on the others
                failed.forEach((r, error) -> {
                    List<String> locations = r.getList(2);
                    String last = error;
                    for (int i = 1; i < locations.size() && last != null; i++) {
                        Map<Row, String> again = new HashMap<>();
                        measure(locations.get(i), List.of(r), computer, options, computed, out, again);
                        last = again.get(r);
                    }
                    if (last != null) {
                        out.add(RowFactory.create(r.getString(0), r.getString(1), null, null, null, null, null, null,
                                null, null, last));
                    }
                });
            }
            return out.iterator();
        }

        /** Measures {@code rows} from {@code location} into {@code out}; what cannot be read goes to {@code failed}. */
        private static void measure(String location, List<Row> rows, FactsComputer computer, FleetOptions options,
                                    LongAccumulator computed, List<Row> out, Map<Row, String> failed) {
            List<Row> sorted = new ArrayList<>(rows);
            try (GitRepo repo = RepoAccess.open(new RepoSpec("x", location));
                 ObjectSource src = repo.newObjectSource()) {
                repo.sortByStorageOrder(sorted, r -> Oid.fromHex(r.getString(0)));
                for (Row r : sorted) {
                    Oid blob = Oid.fromHex(r.getString(0));
                    String detection = r.getString(1);
                    try {
                        BlobFacts f = CompositionEngine.measure(src, computer, options.scanOptions(), blob,
                                computer.catalog().detection(detection), corrupt -> { });
                        computed.add(1);
                        out.add(row(blob.hex(), detection, f));
                    } catch (RuntimeException e) {
                        failed.put(r, Failures.oneLine(e));
                    }
                }
            } catch (RuntimeException e) {
                for (Row r : rows) {
                    failed.putIfAbsent(r, Failures.oneLine(e));
                }
            }
        }

        private static Row row(String blob, String detection, BlobFacts f) {
            Map<String, Long> flat = new HashMap<>();
            f.metrics().forEach((a, m) -> m.values().forEach((k, v) -> flat.put(Metric.key(a, k), v)));
            return RowFactory.create(blob, detection, f.language(), f.kind().name(), f.bytes(), f.counts().lines(),
                    f.counts().code(), f.counts().comment(), f.counts().blank(),
                    scala.jdk.javaapi.CollectionConverters.asScala(flat), null);
        }
    }
}
