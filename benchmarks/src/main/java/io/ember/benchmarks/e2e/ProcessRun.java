package io.ember.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one command as a child process, under {@code /usr/bin/time -v} when the machine has it (for the peak
 * RSS the kernel accounted), and returns its output, wall time and peak RSS.
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

  /** Starts {@code command} with {@code env} added to this process's environment, waits, collects its output. */
  public static ProcessRun run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
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
      int code = p.waitFor();
      long wall = System.nanoTime() - start;
      List<String> stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
      List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
      long rss = timed ? (long) figure(stderr, RSS_LINE) : -1;
      double cpu = timed ? figure(stderr, USER_LINE) + figure(stderr, SYS_LINE) : -1;
      List<String> own = timed ? withoutTimeReport(stderr) : stderr;
      return new ProcessRun(stdout, own.subList(Math.max(0, own.size() - TAIL), own.size()), code, wall, rss, cpu);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
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
