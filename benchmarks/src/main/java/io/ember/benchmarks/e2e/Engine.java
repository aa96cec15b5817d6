package io.ember.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How to start an engine's job in a fresh JVM: with {@code java} directly, or through a launcher script that
 * takes {@code run --class <main> -- <args>} and reads extra JVM options from {@code EMBER_JAVA_OPTS} (as
 * {@code bin/ember} does, with its own flags and class path).
 *
 * @param name the engine's name in reports ({@code ember}, {@code spark})
 * @param version the engine's version
 * @param jvmFlags the flags the engine needs, space-separated (unused with a launcher)
 * @param classpath the class path (unused with a launcher)
 * @param launcher the launcher script, or null to start java directly
 */
public record Engine(String name, String version, String jvmFlags, String classpath, String launcher) {
  /** An engine started with java directly. */
  public Engine(String name, String version, String jvmFlags, String classpath) {
    this(name, version, jvmFlags, classpath, null);
  }

  /**
   * The command line. Without a launcher: java, the engine's flags, the heap option (if any), {@code extraFlags},
   * class path, main class, master, the job's arguments. With one: the launcher, {@code run --class <main> --},
   * master and the job's arguments; the heap and extra flags go to {@link #environment}.
   */
  public List<String> command(String java, String heap, List<String> extraFlags, String mainClass, String master,
      List<String> jobArgs) {
    List<String> cmd = new ArrayList<>();
    if (launcher != null) {
      cmd.addAll(List.of(launcher, "run", "--class", mainClass, "--"));
    } else {
      cmd.add(java);
      cmd.addAll(Arrays.asList(jvmFlags.trim().split("\\s+")));
      cmd.addAll(heapAndExtra(heap, extraFlags));
      cmd.add("-cp");
      cmd.add(classpath);
      cmd.add(mainClass);
    }
    cmd.add(master);
    cmd.addAll(jobArgs);
    return cmd;
  }

  /** Environment variables for the process: {@code EMBER_JAVA_OPTS} with a launcher, none otherwise. */
  public Map<String, String> environment(String heap, List<String> extraFlags) {
    List<String> opts = heapAndExtra(heap, extraFlags);
    return launcher == null || opts.isEmpty() ? Map.of() : Map.of("EMBER_JAVA_OPTS", String.join(" ", opts));
  }

  private static List<String> heapAndExtra(String heap, List<String> extraFlags) {
    List<String> out = new ArrayList<>();
    if (heap != null && !heap.isBlank()) {
      out.add("-Xmx" + heap);
    }
    out.addAll(extraFlags);
    return out;
  }
}
