package dev.oxmeter.fleet;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.ScanOptions;
import dev.oxmeter.timeline.Timeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code oxmeter fleet}: many repositories in one Spark job (local mode by default, or any master), written as
 * Parquet datasets and a summary page. The entry point of both {@code ./oxmeter fleet} and {@code spark-submit}.
 */
@Command(name = "oxmeter fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures many repositories as one Apache Spark job: each unique blob of the whole fleet is "
                + "measured once (forks share most of theirs). Writes Parquet datasets history, people, safety, "
                + "boundary and repos, plus fleet.md and fleet.html, into DIR, replacing an earlier fleet output "
                + "there atomically.",
                "Each repository is measured at its releases (tags that are plain version numbers; a monthly sample"
                + " when it has none; --tags to choose), like `oxmeter history`."})
public final class FleetCommand implements Callable<Integer> {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)]");

    @Option(names = "--repos", required = true, paramLabel = "FILE",
            description = "One repository a line: LOCATION [NAME]. LOCATION is a path every executor can read or a "
                    + "clone URL (file://, https://, ssh://), cloned to each executor's local disk.")
    Path repos;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE}, in-process, with task retries). Under "
                    + "spark-submit the submitted master wins.")
    String master;

    @Option(names = "--tags", paramLabel = "GLOB", description = "Release tags, `git tag -l` syntax (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--exclude-tags", paramLabel = "GLOB", description = "Tags to leave out (repeatable).")
    List<String> excludeTags = new ArrayList<>();

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "version",
            description = "version (default) or date.")
    String order;

    @Option(names = "--lang", paramLabel = "LANGUAGE", defaultValue = "Rust",
            description = "Language of the people dataset (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Exclude paths (repeatable), as in `scan`.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include-vendored", description = "Count vendored and generated files too.")
    boolean includeVendored;

    @Option(names = {"-v", "--verbose"}, description = "Say what was measured: unique blobs across the fleet "
            + "against the sum over repositories, and Spark's start-up time.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command; returns the exit code (0 done, 2 bad input, 70 internal error). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new FleetCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof OxmeterException || e instanceof IllegalArgumentException) {
                err.println("oxmeter: " + e.getMessage());
                return 2;
            }
            err.println("oxmeter: internal error: " + Failures.oneLine(e)
                    + " (this is a bug; OXMETER_DEBUG=1 shows the stack trace)");
            if (System.getenv("OXMETER_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 70;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("oxmeter: " + e.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Timeline.Order ord = switch (order.toLowerCase(Locale.ROOT)) {
            case "version" -> Timeline.Order.VERSION;
            case "date" -> Timeline.Order.DATE;
            default -> throw new IllegalArgumentException("--order takes version or date, not '" + order + "'");
        };
        List<RepoSpec> list = RepoSpec.read(repos);
        FleetOptions options = new FleetOptions(tags, excludeTags, ord, language, excludes, includeVendored,
                ScanOptions.DEFAULT_MAX_BLOB_BYTES);
        long t0 = System.nanoTime();
        SparkSession spark = session(master, list.size());
        double startup = (System.nanoTime() - t0) / 1e9;
        try {
            long t1 = System.nanoTime();
            FleetJob.Summary s = new FleetJob(spark, options, m -> {
                if (verbose) {
                    err.println("oxmeter: " + m);
                }
            }).run(list, out);
            double seconds = (System.nanoTime() - t1) / 1e9;
            for (RepoRow r : s.repos()) {
                if (!r.ok()) {
                    err.println("oxmeter: " + r.repo() + ": " + r.message());
                }
            }
            err.printf(Locale.ROOT, "oxmeter: %d of %d repositories measured into %s%n",
                    s.repositories() - s.failed(), s.repositories(), out);
            if (verbose) {
                err.printf(Locale.ROOT, "oxmeter: %,d file entries; %,d unique blobs measured across the fleet, "
                                + "%,d summed over repositories (%.1f× saved); %,d facts computations%n", s.entries(),
                        s.uniqueBlobs(), s.blobsPerRepoSum(),
                        s.uniqueBlobs() == 0 ? 1.0 : (double) s.blobsPerRepoSum() / s.uniqueBlobs(),
                        s.factsComputed());
                err.printf(Locale.ROOT, "oxmeter: Spark start-up %.1f s, job %.1f s%n", startup, seconds);
            }
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * A Spark session for the job. In local mode {@code local[N]} becomes {@code local[N,4]} so that a failed task
     * is retried as it would be on a cluster; the UI is off and shuffles are sized for the fleet.
     */
    static SparkSession session(String master, int repositories) {
        Matcher m = LOCAL.matcher(master);
        String effective = m.matches() ? "local[" + m.group(1) + ",4]" : master;
        SparkSession.Builder b = SparkSession.builder().appName("oxmeter fleet")
                .config("spark.ui.enabled", "false")
                .config("spark.task.maxFailures", "4")
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.sql.debug.maxToStringFields", "200")
                .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, Math.min(200, repositories))));
        if (System.getProperty("spark.master") == null) {
            b = b.master(effective);
        }
        return b.getOrCreate();
    }
}
