package io.ember.benchmarks.remote;

import static io.ember.api.functions.avg;
import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;

import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.benchmarks.Args;
import io.ember.benchmarks.data.CategoryTotals;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.EventsSpec;
import io.ember.core.data.Row;
import io.ember.runtime.cluster.cli.ClusterCommand;
import io.ember.runtime.cluster.cli.ClusterStateDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The same jobs on a cluster of 1 node and on a cluster of 3 nodes of this machine (issue 6: "the same job on 1
 * node vs 3 nodes"). Each cluster is started as {@code bin/ember cluster start --nodes N} does it
 * ({@link ClusterCommand}, with its defaults: {@code --cores} = this machine's processors / N, at least 1, and
 * {@code --memory 512m}, or {@code --cores} = {@code --total-cores} / N so that both clusters offer the same slots,
 * hence run the same number of tasks per stage; node JVMs with {@code bin/jvm-flags} and this JVM's class path),
 * both clusters stay up, and each round runs the jobs on one cluster, then on the other, the order alternating between rounds. The driver
 * is this JVM: every run is a new session with {@code master("ember://...")}, whose connect time is reported apart.
 *
 * <ul>
 *   <li><b>b1</b>: B1's group-by over the generated events CSV ({@code count(*), sum(price), avg(price)} by
 *       category), collected; the answer is checked against the generator's exact totals.</li>
 *   <li><b>stream</b>: a stateless stream over a directory of events CSV files (a projection, {@code price * 0.908})
 *       into CSV files with a checkpoint location, until every file is processed
 *       ({@code processAllAvailable}); the output's row count is checked (not timed).</li>
 * </ul>
 *
 * <p>Warm-up rounds (numbered 0 and below, {@code --warmup}, default 1) run first on fresh node JVMs and count in no
 * median. Per run: wall time of the job alone, rows/s, and CPU seconds of the node JVMs (from the operating system's
 * process accounting, {@link ProcessHandle.Info#totalCpuDuration}) plus the driver JVM's, with the 1-minute load
 * average before the run. All nodes share this machine's cores: 3 nodes bring more JVMs and exchanges between them,
 * no cores, so on an otherwise idle machine they cannot be faster; on a machine busy with other work they can look
 * faster, as more processes and task threads get a larger share of the CPU (compare the CPU seconds).
 *
 * <p>Arguments: {@code --nodes 1,3 --warmup 1 --rounds 3 --total-cores 0 --rows 10000000 --stream-files 4
 * --stream-rows 1000000} (rows per stream file) {@code --data-dir benchmarks/data
 * --work-dir benchmarks/target/cluster-scaling --report benchmarks/target/cluster-scaling.md --timeout 180s}.
 */
public final class ClusterScaling {
  private static final Pattern MASTER = Pattern.compile("ember://[^\\s]+");

  private ClusterScaling() {}

  /** A running cluster of {@code nodes} nodes, started with its state in {@code env}'s state directory. */
  private record Cluster(int nodes, Map<String, String> env, String masterUrl, Path secret, List<Long> pids) {}

  /** One measured run. */
  private record Run(int round, String job, int nodes, double connectSeconds, double wallSeconds, long rows,
      double nodeCpuSeconds, double driverCpuSeconds, double loadBefore) {
    double rowsPerSecond() {
      return rows / wallSeconds;
    }

    double cpuSeconds() {
      return nodeCpuSeconds + driverCpuSeconds;
    }
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    List<Integer> sizes = Stream.of(args.get("nodes", "1,3").split(",")).map(String::trim).map(Integer::parseInt)
        .toList();
    int rounds = args.getInt("rounds", 3);
    int warmup = args.getInt("warmup", 1);
    Path dataDir = Path.of(args.get("data-dir", "benchmarks/data"));
    Path work = Path.of(args.get("work-dir", "benchmarks/target/cluster-scaling")).toAbsolutePath();
    Path report = Path.of(args.get("report", "benchmarks/target/cluster-scaling.md"));
    String timeout = args.get("timeout", "180s");
    int totalCores = args.getInt("total-cores", 0);

    EventsSpec b1Spec = EventsSpec.ofRows(args.getLong("rows", 10_000_000L), 20, EventsSpec.DEFAULT_SEED);
    Path b1File = dataDir.resolve("events-" + b1Spec.rows() + "-rows-20-keys.csv");
    System.out.println("B1 data: " + b1File + " (generating if missing) ...");
    CategoryTotals b1Totals = EventsGenerator.ensure(b1Spec, b1File);
    int streamFiles = args.getInt("stream-files", 4);
    long streamRowsPerFile = args.getLong("stream-rows", 1_000_000L);
    Path generated = dataDir.resolve("stream-events-" + streamFiles + "x" + streamRowsPerFile);
    Path streamDir = generated.resolve("input"); // the CSV files alone: the generator's totals files stay outside
    Files.createDirectories(streamDir);
    long streamRows = 0;
    for (int f = 0; f < streamFiles; f++) {
      Path file = generated.resolve("part-" + f + ".csv");
      streamRows += EventsGenerator.ensure(EventsSpec.ofRows(streamRowsPerFile, 20, EventsSpec.DEFAULT_SEED + f), file)
          .rows();
      Path link = streamDir.resolve(file.getFileName());
      Files.deleteIfExists(link);
      Files.createLink(link, file);
    }

    List<Cluster> clusters = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    Thread stopper = new Thread(() -> clusters.forEach(ClusterScaling::stop), "cluster-scaling-stop");
    Runtime.getRuntime().addShutdownHook(stopper); // the nodes run detached: stop them if this JVM is interrupted
    try {
      for (int n : sizes) {
        clusters.add(start(n, work.resolve("nodes-" + n), timeout, totalCores));
      }
      for (int round = 1 - warmup; round <= rounds; round++) {
        List<Cluster> order = new ArrayList<>(clusters);
        if (Math.floorMod(round, 2) == 0) {
          Collections.reverse(order);
        }
        for (Cluster c : order) {
          runs.add(measure(round, "b1", c, session -> runB1(session, b1File, b1Totals), session -> {}));
          System.out.println(format(runs.get(runs.size() - 1)));
          Path out = work.resolve("stream-out-" + c.nodes() + "-round-" + round);
          long expected = streamRows;
          runs.add(measure(round, "stream", c, session -> runStream(session, streamDir, out, expected),
              session -> checkStreamOutput(session, out, expected)));
          System.out.println(format(runs.get(runs.size() - 1)));
          deleteTree(out);
          deleteTree(out.resolveSibling(out.getFileName() + "-checkpoint"));
        }
      }
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopper);
      for (Cluster c : clusters) {
        stop(c);
      }
    }
    String table = table(runs, sizes, b1Totals, streamRows, streamFiles);
    System.out.println(table);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, table);
    System.out.println("Report: " + report);
  }

  /** Connects a session, then times the job alone with the CPU of every node JVM and of this JVM. */
  private static Run measure(int round, String job, Cluster c, ConnectedJob body, Check check) throws Exception {
    double load = loadAverage();
    long connectStart = System.nanoTime();
    try (Session s = connect(c)) {
      double connect = (System.nanoTime() - connectStart) / 1e9;
      Map<Long, Long> nodesBefore = cpuNanos(c.pids());
      long driverBefore = driverCpuNanos();
      long start = System.nanoTime();
      long rows = body.run(s);
      double wall = (System.nanoTime() - start) / 1e9;
      long driverCpu = driverCpuNanos() - driverBefore;
      Map<Long, Long> nodesAfter = cpuNanos(c.pids());
      long nodeCpu = 0;
      for (long pid : c.pids()) {
        nodeCpu += nodesAfter.get(pid) - nodesBefore.get(pid);
      }
      check.after(s);
      return new Run(round, job, c.nodes(), connect, wall, rows, nodeCpu / 1e9, driverCpu / 1e9, load);
    }
  }

  /** A job over a connected session; returns the rows it processed. */
  private interface ConnectedJob {
    long run(Session s) throws Exception;
  }

  /** A check of a job's output, after its timing. */
  private interface Check {
    void after(Session s) throws Exception;
  }

  private static Session connect(Cluster c) {
    return Session.builder().master(c.masterUrl()).appName("cluster-scaling-" + c.nodes())
        .config("spark.ember.cluster.secretFile", c.secret().toString()).getOrCreate();
  }

  /** B1 on the cluster; checks the answer. */
  private static long runB1(Session s, Path file, CategoryTotals totals) {
    List<Row> rows = s.read().option("header", true).schema(EventsGenerator.SCHEMA_DDL).csv(file.toString())
        .groupBy("category").agg(count("*").alias("count"), sum("price").alias("sum"), avg("price").alias("avg"))
        .collectAsList();
    List<String> problems = totals.check(rows.stream()
        .map(r -> new CategoryTotals.EngineRow(r.getString(0), r.getLong(1), r.getDouble(2), r.getDouble(3)))
        .sorted(Comparator.comparing(CategoryTotals.EngineRow::category)).toList());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("B1's answer on the cluster is wrong: " + problems);
    }
    return totals.rows();
  }

  /** The stateless stream on the cluster, until every file is processed; checks the output's row count after. */
  private static long runStream(Session s, Path in, Path out, long expectedRows) {
    StreamingQuery q = s.readStream().option("header", true).schema(EventsGenerator.SCHEMA_DDL).csv(in.toString())
        .select(col("ts_ms"), col("user_id"), col("category"), col("price").multiply(0.908).as("price_eur"))
        .writeStream().format("csv").option("path", out.toString())
        .option("checkpointLocation", out.resolveSibling(out.getFileName() + "-checkpoint").toString()).start();
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    return expectedRows;
  }

  /** Reads the stream's output files back and compares their row count with the input's. */
  private static void checkStreamOutput(Session s, Path out, long expectedRows) {
    long written = s.read().schema("ts_ms BIGINT, user_id BIGINT, category STRING, price_eur DOUBLE")
        .csv(out.toString()).count();
    if (written != expectedRows) {
      throw new IllegalStateException("The stream wrote " + written + " rows, not the " + expectedRows + " it read");
    }
  }

  /** {@code bin/ember cluster start --nodes n} with its state in {@code dir}; waits until all nodes are Up. */
  private static Cluster start(int nodes, Path dir, String timeout, int totalCores) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("EMBER_CLUSTER_SECRET");
    env.put(ClusterStateDir.ENV, dir.toString());
    ClusterStateDir state = new ClusterStateDir(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.out.println("Starting a cluster of " + nodes + " node(s) in " + dir + " ...");
    List<String> command = new ArrayList<>(List.of("start", "--nodes", Integer.toString(nodes), "--timeout", timeout));
    if (totalCores > 0) {
      command.addAll(List.of("--cores", Integer.toString(Math.max(1, totalCores / nodes))));
    }
    int code = ClusterCommand.run(command, env, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    Matcher m = MASTER.matcher(printed);
    if (code != 0 || !m.find()) {
      throw new IllegalStateException("bin/ember cluster start --nodes " + nodes + " failed (exit " + code + ")");
    }
    List<Long> pids = state.nodes().stream().map(ClusterStateDir.Node::pid).toList();
    return new Cluster(nodes, env, m.group(), state.generatedSecret(), pids);
  }

  private static void stop(Cluster c) {
    int code = ClusterCommand.run(List.of("stop"), c.env(), System.out, System.err);
    if (code != 0) {
      System.err.println("bin/ember cluster stop of the " + c.nodes() + "-node cluster exited with " + code);
    }
  }

  private static Map<Long, Long> cpuNanos(List<Long> pids) {
    Map<Long, Long> out = new HashMap<>();
    for (long pid : pids) {
      Duration cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration())
          .orElseThrow(() -> new IllegalStateException("node process " + pid + " is gone or reports no CPU time"));
      out.put(pid, cpu.toNanos());
    }
    return out;
  }

  private static long driverCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String format(Run r) {
    return String.format(Locale.ROOT, "round %d %-6s %d node(s): %.2f s, %,.0f rows/s, CPU %.1f s (nodes %.1f,"
            + " driver %.1f), connect %.2f s, load %.1f", r.round(), r.job(), r.nodes(), r.wallSeconds(),
        r.rowsPerSecond(), r.cpuSeconds(), r.nodeCpuSeconds(), r.driverCpuSeconds(), r.connectSeconds(),
        r.loadBefore());
  }

  /** Every run, then per job the medians per cluster size and their ratio to the first size. */
  private static String table(List<Run> runs, List<Integer> sizes, CategoryTotals b1, long streamRows,
      int streamFiles) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "B1: %,d rows (%,d bytes) group by category; stream: %,d rows in %d CSV"
        + " files, projection into CSV files%n%n", b1.rows(), b1.bytes(), streamRows, streamFiles));
    sb.append("| round | job | nodes | wall s | rows/s | CPU s (nodes + driver) | connect s | load before |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Run r : runs) {
      sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f | %,.0f | %.1f (%.1f + %.1f) | %.2f | %.1f |%n",
          r.round(), r.job(), r.nodes(), r.wallSeconds(), r.rowsPerSecond(), r.cpuSeconds(), r.nodeCpuSeconds(),
          r.driverCpuSeconds(), r.connectSeconds(), r.loadBefore()));
    }
    sb.append("\nRounds 0 and below are warm-up, in no median.\n");
    sb.append("\n| job | nodes | median wall s | median rows/s | median CPU s | wall vs ").append(sizes.get(0))
        .append(" node(s) | CPU vs ").append(sizes.get(0)).append(" node(s) |\n|---|---|---|---|---|---|---|\n");
    for (String job : List.of("b1", "stream")) {
      double baseWall = median(runs, job, sizes.get(0), Run::wallSeconds);
      double baseCpu = median(runs, job, sizes.get(0), Run::cpuSeconds);
      for (int n : sizes) {
        double wall = median(runs, job, n, Run::wallSeconds);
        double cpu = median(runs, job, n, Run::cpuSeconds);
        sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %,.0f | %.1f | %.2f | %.2f |%n", job, n, wall,
            median(runs, job, n, Run::rowsPerSecond), cpu, wall / baseWall, cpu / baseCpu));
      }
    }
    return sb.toString();
  }

  private static double median(List<Run> runs, String job, int nodes, ToDoubleFunction<Run> f) {
    double[] v = runs.stream().filter(r -> r.round() > 0 && r.job().equals(job) && r.nodes() == nodes).mapToDouble(f)
        .sorted()
        .toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
