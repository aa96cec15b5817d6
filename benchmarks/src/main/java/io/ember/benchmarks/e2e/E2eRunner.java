package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.data.CategoryTotals;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.EventsSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The end-to-end harness for workload B1 (group an events CSV by category: count, sum, avg): generates the
 * seeded data if needed, runs every engine in its own JVM, alternating engines round by round (A B A B ...)
 * with warm-up rounds first, checks each run's answer against the generator's exact totals (a wrong answer or
 * a failed run stops the harness with exit status 1), and prints min/median/max per engine and the median
 * ratios Ember/peer as a Markdown table (also written to {@code --report}).
 *
 * <p>Options (defaults in brackets): {@code --build-dir} the benchmarks module's {@code target} [required];
 * {@code --data-dir} [benchmarks/data]; {@code --rows N} [10000000] or {@code --bytes SIZE}; {@code --categories}
 * [20]; {@code --seed}; {@code --engines ember,spark} [ember]; {@code --warmup} [1]; {@code --runs} [3];
 * {@code --master} [local[2]]; {@code --heap} (-Xmx for every engine) [JVM default]; {@code --report FILE};
 * {@code --label} the workload's name in the report; {@code --profile DIR} a JFR recording of every run (the
 * recording costs time: do not quote times from profiled runs).
 */
public final class E2eRunner {
  private static final String EMBER_JOB = "io.ember.benchmarks.e2e.GroupByCategoryJob";
  private static final String SPARK_JOB = "io.ember.benchmarks.peers.SparkGroupByCategoryJob";

  private final Args args;
  private final Path buildDir;
  private final Properties props;

  private E2eRunner(Args args) throws IOException {
    this.args = args;
    this.buildDir = Path.of(args.require("build-dir"));
    this.props = new Properties();
    try (InputStream in = Files.newInputStream(buildDir.resolve("bench.properties"))) {
      props.load(in);
    }
  }

  public static void main(String[] argv) throws Exception {
    int status = new E2eRunner(Args.parse(argv)).run();
    System.exit(status);
  }

  private int run() throws IOException, InterruptedException {
    EventsSpec spec = spec();
    Path data = Path.of(args.get("data-dir", "benchmarks/data"))
        .resolve(spec.rows() > 0 ? "events-" + spec.rows() + "-rows-" + spec.categories() + "-keys.csv"
            : "events-" + spec.minBytes() + "-bytes-" + spec.categories() + "-keys.csv");
    System.out.println("Data: " + data + " (" + spec.describe() + "), generating if missing ...");
    CategoryTotals totals = EventsGenerator.ensure(spec, data);
    List<Engine> engines = engines();
    int warmup = args.getInt("warmup", 1);
    int runs = args.getInt("runs", 3);
    String master = args.get("master", "local[2]");
    String heap = args.get("heap");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Measurement> measured = new ArrayList<>();
    for (int round = 0; round < warmup + runs; round++) {
      for (Engine e : engines) {
        Measurement m = runOnce(e, e.command(java, heap, profileFlags(e, round), data.toString(), master), round,
            totals);
        if (m == null) {
          return 1;
        }
        System.out.printf("%-6s round %d%s: wall %.2f s, startup %d ms, query %d ms, peak RSS %s%n", e.name(), round,
            round < warmup ? " (warm-up)" : "", m.wallSeconds(), m.startupMillis(), m.queryMillis(),
            m.peakRssKb() < 0 ? "n/a" : (m.peakRssKb() / 1024) + " MiB");
        if (round >= warmup) {
          measured.add(m);
        }
      }
    }
    String title = String.format("%s: %,d rows, %,d bytes, %d groups; %s%s;"
        + " %d warm-up + %d measured runs per engine, alternating, each in its own JVM; answers checked.",
        args.get("label", "B1 group by category (count, sum, avg)"), totals.rows(), totals.bytes(),
        totals.groups().size(), master, heap == null ? "" : ", -Xmx" + heap, warmup, runs);
    String report = Report.render(title, totals, engines, measured);
    System.out.println();
    System.out.println(report);
    if (args.has("report")) {
      Files.writeString(Path.of(args.get("report")), report, StandardCharsets.UTF_8);
    }
    return 0;
  }

  /** Runs one engine once; null (after printing why) when it failed or answered wrongly. */
  private static Measurement runOnce(Engine e, List<String> cmd, int round, CategoryTotals totals)
      throws IOException, InterruptedException {
    ProcessRun run = ProcessRun.run(cmd);
    if (run.exitCode() != 0) {
      System.out.println(e.name() + " failed with exit status " + run.exitCode() + " (main class " + e.mainClass()
          + "); the end of its stderr:");
      run.stderrTail().forEach(l -> System.out.println("  " + l));
      return null;
    }
    List<String> problems = totals.check(JobOutput.parseRows(run.stdout()));
    if (!problems.isEmpty()) {
      System.out.println(e.name() + " gave a wrong answer in round " + round + ":");
      problems.forEach(p -> System.out.println("  " + p));
      return null;
    }
    return new Measurement(e.name(), round, run.wallNanos(), JobOutput.parseTime(run.stdout(), "startup_ms"),
        JobOutput.parseTime(run.stdout(), "query_ms"), run.peakRssKb());
  }

  /** With {@code --profile DIR}: a JFR recording per run, {@code DIR/<engine>-round<k>.jfr} (read with JfrTopFrames). */
  private List<String> profileFlags(Engine e, int round) throws IOException {
    if (!args.has("profile")) {
      return List.of();
    }
    Path dir = Files.createDirectories(Path.of(args.get("profile")));
    Path file = dir.resolve(e.name() + "-round" + round + ".jfr").toAbsolutePath();
    return List.of("-XX:StartFlightRecording=filename=" + file + ",settings=profile");
  }

  private EventsSpec spec() {
    int categories = args.getInt("categories", 20);
    long seed = args.getLong("seed", EventsSpec.DEFAULT_SEED);
    return args.has("bytes")
        ? EventsSpec.ofBytes(EventsGenerator.parseSize(args.get("bytes")), categories, seed)
        : EventsSpec.ofRows(args.getLong("rows", 10_000_000L), categories, seed);
  }

  private List<Engine> engines() throws IOException {
    List<Engine> out = new ArrayList<>();
    String classes = buildDir.resolve("classes").toAbsolutePath().toString();
    for (String name : args.get("engines", "ember").split(",")) {
      switch (name.trim()) {
        case "ember" -> out.add(new Engine("ember", props.getProperty("ember.version"), EMBER_JOB,
            props.getProperty("ember.jvm.flags"), classes + ":" + classpath("classpath.txt", "")));
        case "spark" -> out.add(new Engine("spark", props.getProperty("spark.version"), SPARK_JOB,
            props.getProperty("spark.jvm.flags"), classes + ":" + classpath("classpath-peers.txt", " -Ppeers")));
        default -> throw new IllegalArgumentException("Unknown engine '" + name + "'; known: ember, spark");
      }
    }
    if (!out.get(0).name().equals("ember")) {
      throw new IllegalArgumentException("List ember first in --engines: ratios are Ember/peer");
    }
    return out;
  }

  private String classpath(String file, String profile) throws IOException {
    Path p = buildDir.resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("Missing " + p + ": build it with mvn -o -pl benchmarks" + profile
          + " package -DskipTests");
    }
    return Files.readString(p, StandardCharsets.UTF_8).trim();
  }
}
