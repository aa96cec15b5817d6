package io.ember.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run that does not end is thread-dumped and killed at its timeout instead of hanging the harness. */
class ProcessRunTimeoutTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** A child JVM that never ends: its main thread waits forever. */
  public static final class Forever {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("started");
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** A child JVM that prints a line and exits with status 3. */
  public static final class Quick {
    public static void main(String[] args) {
      System.out.println("done");
      System.exit(3);
    }
  }

  /** The command running {@code main}, with {@code marker} as its argument to find the process by. */
  private static List<String> java(Class<?> main, String marker) {
    return List.of(JAVA, "-cp", System.getProperty("java.class.path"), main.getName(), marker);
  }

  private static boolean alive(String marker) {
    return ProcessHandle.allProcesses().anyMatch(h -> h.isAlive() && h.info().commandLine().orElse("").contains(marker));
  }

  @Test
  @Timeout(300) // without the run's own timeout the harness would wait forever
  void aRunPastItsTimeoutIsThreadDumpedAndKilled(@TempDir Path dir) throws Exception {
    Path dump = dir.resolve("threads.txt");
    ProcessRun run = ProcessRun.run(java(Forever.class, dir.toString()), Map.of(), Duration.ofSeconds(5), dump);
    assertEquals(ProcessRun.TIMED_OUT, run.exitCode());
    assertTrue(run.stderrTail().get(run.stderrTail().size() - 1).contains(dump.toString()), run.stderrTail().toString());
    String dumped = Files.readString(dump, StandardCharsets.UTF_8);
    assertTrue(dumped.contains("== pid ") && dumped.contains(Forever.class.getName()), dumped);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (alive(dir.toString()) && System.nanoTime() < deadline) {
      Thread.sleep(100); // a forcibly destroyed process may take a moment to go
    }
    assertTrue(!alive(dir.toString()), "the child was killed");
  }

  @Test
  void aRunWithinItsTimeoutReportsItsOwnExitStatusAndOutput(@TempDir Path dir) throws Exception {
    Path dump = dir.resolve("threads.txt");
    ProcessRun run = ProcessRun.run(java(Quick.class, dir.toString()), Map.of(), Duration.ofSeconds(300), dump);
    assertEquals(3, run.exitCode());
    assertEquals(List.of("done"), run.stdout());
    assertTrue(Files.notExists(dump));
  }
}
