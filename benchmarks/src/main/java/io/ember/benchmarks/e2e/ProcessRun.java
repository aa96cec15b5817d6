package io.ember.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a child process, under {@code /usr/bin/time -v} when the machine has it (for the peak
 * RSS the kernel accounted), and returns its output, wall time and peak RSS.
 *
 * <p>A run that outlives its timeout is not waited for forever: the JVMs among the command's processes are asked
 * for a thread dump ({@code jcmd PID Thread.print}), which goes to a file, then the command and its descendants are
 * killed and the run reports {@link #TIMED_OUT} as its exit status, with the dump's path in its stderr tail.
 *
 * @param stdout the lines the command printed on stdout
 * @param stderrTail the last lines of its stderr, for error reports
 * @param exitCode the command's exit status
 * @param wallNanos process start to exit
 * @param peakRssKb the peak resident set size in KiB, or -1 when {@code /usr/bin/time} is not available
 * @param cpuSeconds user plus system CPU seconds of the process, or -1 when {@code /usr/bin/time} is not available
 */
public record ProcessRun(List<String> stdout, List<String> stderrTail, int exitCode, long wallNanos, long peakRssKb,
    double cpuSeconds) {
  private static final Path TIME = Path.of("/usr/bin/time");
  private static final String RSS_LINE = "Maximum resident set size (kbytes):";
  private static final String USER_LINE = "User time (seconds):";
  private static final String SYS_LINE = "System time (seconds):";
  private static final int TAIL = 40;
  /** The exit status of a run killed at its timeout. */
  public static final int TIMED_OUT = -2;

  /**
   * Starts {@code command} with {@code env} added to this process's environment, waits at most {@code timeout},
   * collects its output. At the timeout the JVMs of the command are thread-dumped into {@code dumpFile} and killed.
   */
  public static ProcessRun run(List<String> command, Map<String, String> env, Duration timeout, Path dumpFile)
      throws IOException, InterruptedException {
    boolean timed = Files.isExecutable(TIME);
    List<String> cmd = new ArrayList<>();
    if (timed) {
      cmd.add(TIME.toString());
      cmd.add("-v");
    }
    cmd.addAll(command);
    Path out = Files.createTempFile("ember-bench-out", ".txt");
    Path err = Files.createTempFile("ember-bench-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        dumpAndKill(p, dumpFile);
      }
      int code = ended ? p.exitValue() : TIMED_OUT;
      long wall = System.nanoTime() - start;
      List<String> stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
      List<String> stderr = new ArrayList<>(Files.readAllLines(err, StandardCharsets.UTF_8));
      if (!ended) {
        stderr.add("killed after " + timeout.toSeconds() + " s; thread dumps of its JVMs in " + dumpFile);
        return new ProcessRun(stdout, stderr.subList(Math.max(0, stderr.size() - TAIL), stderr.size()), code, wall,
            -1, -1);
      }
      long rss = timed ? (long) figure(stderr, RSS_LINE) : -1;
      double cpu = timed ? figure(stderr, USER_LINE) + figure(stderr, SYS_LINE) : -1;
      List<String> own = timed ? withoutTimeReport(stderr) : stderr;
      return new ProcessRun(stdout, own.subList(Math.max(0, own.size() - TAIL), own.size()), code, wall, rss, cpu);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Thread-dumps every JVM among {@code p} and its descendants into {@code dumpFile}, then kills them all. */
  private static void dumpAndKill(Process p, Path dumpFile) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<ProcessHandle> all = new ArrayList<>();
    all.add(p.toHandle());
    p.toHandle().descendants().forEach(all::add);
    Files.createDirectories(dumpFile.toAbsolutePath().getParent());
    Files.writeString(dumpFile, "");
    for (ProcessHandle h : all) {
      String cmd = h.info().command().orElse("");
      if (cmd.endsWith("/java") && Files.isExecutable(jcmd)) {
        Files.writeString(dumpFile, "== pid " + h.pid() + ": " + h.info().commandLine().orElse(cmd) + "\n",
            StandardOpenOption.APPEND);
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(h.pid()), "Thread.print")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dumpFile.toFile())).start();
        if (!dump.waitFor(60, TimeUnit.SECONDS)) {
          dump.destroyForcibly();
        }
      }
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).destroyForcibly();
    }
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** The command's own stderr: {@code time -v} appends its report, starting with the "Command being timed" line. */
  private static List<String> withoutTimeReport(List<String> stderr) {
    for (int i = stderr.size() - 1; i >= 0; i--) {
      if (stderr.get(i).trim().startsWith("Command being timed:")) {
        int end = i > 0 && stderr.get(i - 1).startsWith("Command exited with non-zero status") ? i - 1 : i;
        return stderr.subList(0, end);
      }
    }
    return stderr;
  }

  /** The number after {@code label} in {@code time -v}'s report, or -1. */
  private static double figure(List<String> stderr, String label) {
    for (String line : stderr) {
      String t = line.trim();
      if (t.startsWith(label)) {
        return Double.parseDouble(t.substring(label.length()).trim());
      }
    }
    return -1;
  }
}
