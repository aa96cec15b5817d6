package io.ember.runtime.cluster.testkit;

import io.ember.runtime.cluster.AdminClient;
import io.ember.runtime.cluster.ClusterSecret;
import io.ember.runtime.cluster.EmberNode;
import io.ember.runtime.cluster.StatusReply;
import io.ember.runtime.cluster.cli.ClusterStateDir;
import io.ember.runtime.cluster.cli.JvmFlags;
import io.ember.runtime.cluster.cli.LocalCluster;
import io.ember.runtime.cluster.cli.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs an Ember cluster of N node JVMs on loopback for a test class. Register it on a
 * static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(3).stableAfter(Duration.ofSeconds(3)).build();
 * }</pre>
 *
 * <p>Before the class's tests it starts the nodes (each its own JVM: the test class path, the flags of
 * {@code bin/jvm-flags}, a small heap, free ports, a fresh secret) and waits until all are Up members that report
 * their resources; after them it kills every node it started, also when a test failed; a JVM shutdown hook does
 * the same if the test JVM exits first, and a node whose test JVM was killed stops by itself
 * ({@link EmberNode#PARENT_PID_PROPERTY}). Node logs stay in a temporary directory named in failure messages.
 *
 * <p>Tests can read the nodes' addresses and pids, ask for the status, start further nodes (with other
 * arguments, for instance another secret), {@linkplain #kill kill -9} a node, and {@linkplain #pause pause} and
 * {@linkplain #resume resume} one ({@code kill -STOP}/{@code -CONT}).
 */
public final class ClusterExtension implements BeforeAllCallback, AfterAllCallback {
  private final int nodes;
  private final int cores;
  private final Duration stableAfter;
  private final Duration startTimeout;
  private Path dir;
  private ClusterSecret secret;
  private Path secretFile;
  private LocalCluster cluster;
  private Thread reaper;
  /** Nodes paused by {@link #pause} and not resumed since. */
  private final Set<Integer> paused = ConcurrentHashMap.newKeySet();

  private ClusterExtension(Builder b) {
    this.nodes = b.nodes;
    this.cores = b.cores;
    this.stableAfter = b.stableAfter;
    this.startTimeout = b.startTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of the cluster. */
  public static final class Builder {
    private int nodes = 3;
    private int cores = 1;
    private Duration stableAfter = Duration.ofSeconds(5);
    private Duration startTimeout = Duration.ofSeconds(180);

    /** How many node JVMs (default 3). */
    public Builder nodes(int n) {
      this.nodes = n;
      return this;
    }

    /** How many cores each node offers (default 1). */
    public Builder cores(int n) {
      this.cores = n;
      return this;
    }

    /** The split-brain resolver's stable-after: how soon an unreachable node is downed (default 5 s). */
    public Builder stableAfter(Duration d) {
      this.stableAfter = d;
      return this;
    }

    /** How long to wait for all nodes to be up (default 180 s: three node JVMs start slowly on a loaded machine). */
    public Builder startTimeout(Duration d) {
      this.startTimeout = d;
      return this;
    }

    public ClusterExtension build() {
      return new ClusterExtension(this);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("ember-cluster-test");
    secretFile = writeSecret("secret", "cluster-secret-" + System.nanoTime() + "-for-tests");
    secret = ClusterSecret.fromFile(secretFile);
    reaper = new Thread(this::destroyQuietly, "ember-cluster-test-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    NodeProcess launcher = new NodeProcess(NodeProcess.likeThisJvm(jvmFlagsFile(), Map.of(), false).java(),
        jvmFlags(), classPath(), Map.of(), false);
    LocalCluster.Spec spec = new LocalCluster.Spec("127.0.0.1", nodes, cores, "128m", 384L << 20,
        List.of("--secret-file", secretFile.toString(),
            "--conf", "ember.cluster.split-brain.stable-after=" + stableAfter.toMillis() + "ms",
            "--conf", "ember.cluster.join-timeout=" + startTimeout.toSeconds() + "s"));
    cluster = LocalCluster.start(launcher, new ClusterStateDir(dir), spec);
    try {
      cluster.awaitUp(secret, startTimeout);
    } catch (RuntimeException e) {
      destroyQuietly();
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    destroyQuietly();
    if (reaper != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs anyway
      }
    }
    deleteDir();
  }

  /** Every node started so far (the initial ones first), running or not. */
  public List<LocalCluster.Member> members() {
    return cluster.members();
  }

  /** The node with {@code index} (from 1). */
  public LocalCluster.Member member(int index) {
    return cluster.members().get(index - 1);
  }

  /** The cluster's secret, which every initial node holds. */
  public ClusterSecret secret() {
    return secret;
  }

  /** The file holding the cluster's secret. */
  public Path secretFile() {
    return secretFile;
  }

  /** {@code ember://127.0.0.1:port} of the first node. */
  public String masterUrl() {
    return cluster.masterUrl();
  }

  /** Where node logs, pid files and secrets are. */
  public Path dir() {
    return dir;
  }

  /** Writes a secret file named {@code name} in {@link #dir()}. */
  public Path writeSecret(String name, String secretText) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, secretText + "\n");
    return file;
  }

  /** Starts one more node JVM that joins through node 1, with {@code nodeArgs} instead of the cluster's secret. */
  public LocalCluster.Member startNode(List<String> nodeArgs) throws IOException {
    return cluster.startNode(nodeArgs);
  }

  /** {@code kill -9} of node {@code index}; returns once the process is gone. */
  public void kill(int index) throws InterruptedException {
    Process p = member(index).process();
    p.destroyForcibly();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("node " + index + " (pid " + p.pid() + ") did not die within 30s of SIGKILL");
    }
  }

  /**
   * {@code kill -STOP} of node {@code index}: the JVM freezes (no heartbeats, no messages, no timers) as in a very
   * long GC pause, until {@link #resume}. The extension resumes every paused node before it kills them at the end.
   */
  public void pause(int index) throws IOException, InterruptedException {
    signal(index, "STOP");
    paused.add(index);
  }

  /** {@code kill -CONT} of node {@code index}, paused by {@link #pause}: it runs on from where it stopped. */
  public void resume(int index) throws IOException, InterruptedException {
    signal(index, "CONT");
    paused.remove(index);
  }

  private void signal(int index, String signal) throws IOException, InterruptedException {
    long pid = member(index).pid();
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
    String output = new String(kill.getInputStream().readAllBytes()).trim();
    if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + pid + " (node " + index + ") failed: " + output);
    }
  }

  /**
   * Polls the status, asked of the first live node, until {@code done} holds; fails with the last status and the
   * first node's log after {@code timeout}.
   */
  public StatusReply.ClusterStatus awaitStatus(Predicate<StatusReply.ClusterStatus> done, Duration timeout,
      String what) {
    return cluster.await(secret, timeout, done, false, what);
  }

  /** The status as the node at {@code index} sees it now. */
  public StatusReply.ClusterStatus status(int index) {
    try (AdminClient client = AdminClient.connect(member(index).address(), secret)) {
      return client.status(member(index).address(), Duration.ofSeconds(15));
    }
  }

  private void destroyQuietly() {
    for (int index : List.copyOf(paused)) {
      try {
        resume(index); // a stopped JVM takes SIGKILL too, but let it run its exit on a clean state
      } catch (IOException | InterruptedException | AssertionError e) {
        // it is killed below in any case
      }
    }
    if (cluster != null) {
      cluster.destroyAll();
    }
  }

  private void deleteDir() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** The class path of the tests (surefire runs them from a manifest-only jar and names the real one here). */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** {@code bin/jvm-flags} plus flags for a quick start of small JVMs. */
  private static List<String> jvmFlags() {
    List<String> flags = new ArrayList<>(JvmFlags.read(jvmFlagsFile()));
    flags.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-D" + EmberNode.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid()));
    return flags;
  }

  /** {@code bin/jvm-flags} of the source tree the tests run in (searched upwards from the working directory). */
  private static Path jvmFlagsFile() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("bin").resolve("jvm-flags");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    return Path.of("bin", "jvm-flags");
  }
}
