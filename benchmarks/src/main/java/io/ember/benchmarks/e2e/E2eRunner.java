package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The end-to-end harness: prepares a {@link Workload}'s input (generating seeded data if needed), runs its job
 * on every engine, each run in its own JVM, alternating engines round by round (A B A B ...) with warm-up
 * rounds first, checks every run's answer (a wrong answer or a failed run stops the harness with exit status
 * 1), and prints min/median/max per engine and the median ratios Ember/peer as a Markdown table (also written
 * to {@code --report}).
 *
 * <p>Options (defaults in brackets): {@code --build-dir} the benchmarks module's {@code target} (the peer
 * engines' build is its {@code peers} directory) [required];
 * {@code --workload b1|b2|b4|startup|s0|s1|latency} [b1] and its options (see {@link GroupByCategoryWorkload});
 * {@code --engines ember,spark,flink} [ember]; {@code --warmup} [1]; {@code --runs} [3]; {@code --master} [local[2]];
 * {@code --heap} (-Xmx for every engine) [JVM default]; {@code --ember-lib DIR} run Ember from the jars of
 * {@code DIR} (e.g. the distribution's {@code dist/target/lib}) instead of the module's class path (the local
 * Maven repository's jars); {@code --ember-launcher bin/ember} run Ember as users do, through the launcher
 * (its flags, its distribution, its class data sharing archive; heap and profile flags via {@code EMBER_JAVA_OPTS});
 * {@code --report FILE}; {@code --profile DIR} a JFR
 * recording of every run (the recording costs time: do not quote times from profiled runs); {@code --keep-going}
 * measure runs with a wrong answer too, listing them under the report (a failed run still stops the harness);
 * {@code --ember-flags "-Dk=v ..."} more JVM flags for Ember's runs (e.g. a runtime setting under test);
 * {@code --run-timeout SECONDS} [3600] how long one run may take: a run still going then is thread-dumped into
 * {@code <report or build dir>-<engine>-round<k>-threads.txt}, killed, and fails the harness.
 */
public final class E2eRunner {
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
    Workload workload = Workload.named(args.get("workload", "b1"));
    List<Engine> engines = engines();
    for (Engine e : engines) {
      workload.mainClass(e.name());
    }
    Workload.Input input = workload.prepare(args);
    int warmup = args.getInt("warmup", 1);
    int runs = args.getInt("runs", 3);
    String master = args.get("master", "local[2]");
    String heap = args.get("heap");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Measurement> measured = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (int round = 0; round < warmup + runs; round++) {
      for (Engine e : engines) {
        List<String> extra = new ArrayList<>(profileFlags(e, round));
        if (e.name().equals("ember") && args.has("ember-flags")) {
          extra.addAll(List.of(args.get("ember-flags").trim().split("\\s+")));
        }
        List<String> cmd = e.command(java, heap, extra, workload.mainClass(e.name()), master, input.jobArgs());
        Path dump = Path.of(args.get("report", buildDir.resolve("e2e").toString()) + "-" + e.name() + "-round" + round
            + "-threads.txt");
        Measurement m = runOnce(e, cmd, e.environment(heap, extra), round, input.checker(), workload.figures(),
            args.flag("keep-going") ? wrong : null, Duration.ofSeconds(args.getLong("run-timeout", 3600)), dump);
        if (m == null) {
          return 1;
        }
        System.out.printf("%-6s round %d%s: wall %.2f s, cpu %.2f s, startup %d ms, query %d ms, peak RSS %s%s%n",
            e.name(), round, round < warmup ? " (warm-up)" : "", m.wallSeconds(), m.cpuSeconds(), m.startupMillis(),
            m.queryMillis(), m.peakRssKb() < 0 ? "n/a" : (m.peakRssKb() / 1024) + " MiB", m.figures().isEmpty() ? ""
                : ", " + m.figures());
        if (round >= warmup) {
          measured.add(m);
        }
      }
    }
    String title = String.format("%s; %s%s; %d warm-up + %d measured runs per engine, alternating, each in its own"
        + " JVM; answers checked.", input.label(), master, heap == null ? "" : ", -Xmx" + heap, warmup, runs);
    String report = Report.render(title, input, engines, measured, workload.figures());
    if (!wrong.isEmpty()) {
      report += "\nWRONG ANSWERS (measured anyway, --keep-going): " + String.join("; ", wrong) + "\n";
    }
    System.out.println();
    System.out.println(report);
    if (args.has("report")) {
      Files.writeString(Path.of(args.get("report")), report, StandardCharsets.UTF_8);
    }
    return 0;
  }

  /**
   * Runs one engine once; null (after printing why) when it failed, or answered wrongly and {@code wrong} is
   * null; with a {@code wrong} list a wrong answer is noted there and the run measured anyway.
   */
  private static Measurement runOnce(Engine e, List<String> cmd, Map<String, String> env, int round,
      Workload.Checker checker, List<Workload.Figure> figures, List<String> wrong, Duration timeout, Path dump)
      throws IOException, InterruptedException {
    ProcessRun run = ProcessRun.run(cmd, env, timeout, dump);
    if (run.exitCode() != 0) {
      System.out.println(e.name() + (run.exitCode() == ProcessRun.TIMED_OUT ? " did not end within " + timeout.toSeconds()
          + " s (killed)" : " failed with exit status " + run.exitCode()) + "; the end of its stderr:");
      run.stderrTail().forEach(l -> System.out.println("  " + l));
      return null;
    }
    List<String> problems = checker.check(JobOutput.parseRows(run.stdout()));
    if (!problems.isEmpty()) {
      System.out.println(e.name() + " gave a wrong answer in round " + round + ":");
      problems.forEach(p -> System.out.println("  " + p));
      if (wrong == null) {
        return null;
      }
      wrong.add(e.name() + " round " + round + " (" + problems.get(0) + ")");
    }
    Map<String, Long> own = new LinkedHashMap<>();
    for (Workload.Figure f : figures) {
      own.put(f.key(), JobOutput.parseTime(run.stdout(), f.key()));
    }
    return new Measurement(e.name(), round, run.wallNanos(), JobOutput.parseTime(run.stdout(), "startup_ms"),
        JobOutput.parseTime(run.stdout(), "query_ms"), run.peakRssKb(), run.cpuSeconds(), own);
  }

  /** With {@code --profile DIR}: a JFR recording per run, {@code DIR/<engine>-round<k>.jfr} (see JfrTopFrames). */
  private List<String> profileFlags(Engine e, int round) throws IOException {
    if (!args.has("profile")) {
      return List.of();
    }
    Path dir = Files.createDirectories(Path.of(args.get("profile")));
    Path file = dir.resolve(e.name() + "-round" + round + ".jfr").toAbsolutePath();
    return List.of("-XX:StartFlightRecording=filename=" + file + ",settings=profile");
  }

  private List<Engine> engines() throws IOException {
    List<Engine> out = new ArrayList<>();
    Path peers = buildDir.resolve("peers");
    for (String name : args.get("engines", "ember").split(",")) {
      switch (name.trim()) {
        case "ember" -> out.add(emberEngine());
        case "spark" -> out.add(new Engine("spark", props.getProperty("spark.version"),
            props.getProperty("spark.jvm.flags"), classpath(peers, "classpath-peers.txt", " -Ppeers")));
        case "flink" -> out.add(new Engine("flink", props.getProperty("flink.version"),
            props.getProperty("flink.jvm.flags"), classpath(peers, "classpath-peers.txt", " -Ppeers")));
        default -> throw new IllegalArgumentException("Unknown engine '" + name + "'; known: ember, spark, flink");
      }
    }
    if (!out.get(0).name().equals("ember")) {
      throw new IllegalArgumentException("List ember first in --engines: ratios are Ember/peer");
    }
    return out;
  }

  /** Ember from the module's class path, from {@code --ember-lib}'s jars, or through {@code --ember-launcher}. */
  private Engine emberEngine() throws IOException {
    String version = props.getProperty("ember.version");
    String flags = props.getProperty("ember.jvm.flags");
    if (args.has("ember-launcher")) {
      return new Engine("ember", version, flags, "", Path.of(args.get("ember-launcher")).toAbsolutePath().toString());
    }
    String cp = args.has("ember-lib")
        ? buildDir.resolve("classes").toAbsolutePath() + ":" + Path.of(args.get("ember-lib")).toAbsolutePath() + "/*"
        : classpath(buildDir, "classpath.txt", "");
    return new Engine("ember", version, flags, cp);
  }

  /** {@code dir/classes} and the class path Maven wrote to {@code dir/file}. */
  private static String classpath(Path dir, String file, String profile) throws IOException {
    Path p = dir.resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("Missing " + p + ": build it with mvn -o -pl benchmarks" + profile
          + " package -DskipTests");
    }
    return dir.resolve("classes").toAbsolutePath() + ":" + Files.readString(p, StandardCharsets.UTF_8).trim();
  }
}
