package io.ember.runtime.cluster.cli;

import io.ember.runtime.cluster.EmberNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@link EmberNode} in a JVM of its own, as {@code bin/ember cluster start} and the test kit's cluster
 * extension do: the given java, JVM flags and class path, the node's arguments, stdout and stderr appended to a
 * log file, stdin closed.
 *
 * @param java the java executable
 * @param jvmFlags flags before the main class (those of {@code bin/jvm-flags}, a heap size)
 * @param classPath the class path holding Ember's runtime and its dependencies
 * @param env variables added to the inherited environment (for {@code EMBER_CLUSTER_SECRET})
 * @param detach start the node in a session of its own ({@code setsid}, when the machine has it), so that it
 *     outlives the terminal that started it
 */
public record NodeProcess(String java, List<String> jvmFlags, String classPath, Map<String, String> env,
    boolean detach) {

  /**
   * The first JVM flag of every node started here: {@link #isNode} looks for it, because the command line the
   * system reports may be cut short before the main class when the class path is long.
   */
  static final String MARKER = "-Dember.process=node";

  public NodeProcess {
    jvmFlags = List.copyOf(jvmFlags);
    env = Map.copyOf(env);
  }

  /** The java, class path and JVM flags of this JVM, with {@code bin/jvm-flags} of {@code emberHome} when found. */
  public static NodeProcess likeThisJvm(Path jvmFlagsFile, Map<String, String> env, boolean detach) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new NodeProcess(java, JvmFlags.read(jvmFlagsFile), System.getProperty("java.class.path"), env, detach);
  }

  /** Starts a node with {@code nodeArgs} and {@code extraJvmFlags}, its output appended to {@code log}. */
  public Process start(List<String> extraJvmFlags, List<String> nodeArgs, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (detach) {
      for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
        if (Files.isExecutable(Path.of(setsid))) {
          cmd.add(setsid);
          break;
        }
      }
    }
    cmd.add(java);
    cmd.add(MARKER);
    cmd.addAll(jvmFlags);
    cmd.addAll(extraJvmFlags);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(EmberNode.class.getName());
    cmd.addAll(nodeArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Whether {@code pid} is a live process running an Ember node (so that a reused pid is never signalled). */
  public static boolean isNode(long pid) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .flatMap(h -> h.info().commandLine())
        .map(c -> c.contains(" " + MARKER + " ") || c.contains(EmberNode.class.getName()))
        .orElse(false);
  }
}
