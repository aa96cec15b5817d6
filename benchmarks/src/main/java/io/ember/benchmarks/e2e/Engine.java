package io.ember.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to start an engine's job in a fresh JVM.
 *
 * @param name the engine's name in reports ({@code ember}, {@code spark})
 * @param version the engine's version
 * @param jvmFlags the flags the engine needs, space-separated
 * @param classpath the class path
 */
public record Engine(String name, String version, String jvmFlags, String classpath) {
  /**
   * The command line: java, the engine's flags, the heap option (if any), {@code extraFlags}, class path, main
   * class, master, the job's arguments.
   */
  public List<String> command(String java, String heap, List<String> extraFlags, String mainClass, String master,
      List<String> jobArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(Arrays.asList(jvmFlags.trim().split("\\s+")));
    if (heap != null && !heap.isBlank()) {
      cmd.add("-Xmx" + heap);
    }
    cmd.addAll(extraFlags);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.add(master);
    cmd.addAll(jobArgs);
    return cmd;
  }
}
