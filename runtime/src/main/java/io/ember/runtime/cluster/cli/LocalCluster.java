package io.ember.runtime.cluster.cli;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.cluster.AdminClient;
import io.ember.runtime.cluster.ClusterSecret;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.StatusReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Node processes on one machine, started by {@code bin/ember cluster start} and by the test kit's cluster
 * extension: the first node starts the cluster, the others join through it; each listens on a free port and
 * logs to the state directory.
 */
public final class LocalCluster {
  private static final Duration POLL = Duration.ofMillis(300);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  /**
   * What to start.
   *
   * @param host the address every node listens on
   * @param nodes how many nodes
   * @param cores the cores each node offers
   * @param memory the memory each node offers, as {@code --memory} takes it
   * @param heapBytes each node JVM's maximum heap
   * @param nodeArgs further arguments of every node ({@code --secret-file}, {@code --conf ...})
   */
  public record Spec(String host, int nodes, int cores, String memory, long heapBytes, List<String> nodeArgs) {
    public Spec {
      nodeArgs = List.copyOf(nodeArgs);
    }
  }

  /**
   * One started node.
   *
   * @param index its number, from 1
   * @param process its JVM
   * @param address where it listens
   * @param log its log file
   */
  public record Member(int index, Process process, HostPort address, Path log) {
    public long pid() {
      return process.pid();
    }
  }

  private final NodeProcess launcher;
  private final ClusterStateDir state;
  private final Spec spec;
  private final List<Member> members = new ArrayList<>();

  private LocalCluster(NodeProcess launcher, ClusterStateDir state, Spec spec) {
    this.launcher = launcher;
    this.state = state;
    this.spec = spec;
  }

  /** Starts {@code spec.nodes()} nodes and records them in {@code state}; does not wait for them. */
  public static LocalCluster start(NodeProcess launcher, ClusterStateDir state, Spec spec) throws IOException {
    LocalCluster cluster = new LocalCluster(launcher, state, spec);
    List<Integer> ports = freePorts(spec.host(), spec.nodes());
    try {
      for (int i = 0; i < spec.nodes(); i++) {
        cluster.startNode(ports.get(i), spec.nodeArgs());
      }
      state.recordMaster(cluster.masterUrl());
    } catch (IOException | RuntimeException e) {
      cluster.destroyAll();
      throw e;
    }
    return cluster;
  }

  /**
   * Starts one more node on a free port that joins through the first node, with {@code nodeArgs} instead of the
   * spec's (a test gives another secret here).
   */
  public Member startNode(List<String> nodeArgs) throws IOException {
    return startNode(freePorts(spec.host(), 1).get(0), nodeArgs);
  }

  private Member startNode(int port, List<String> nodeArgs) throws IOException {
    int index = members.size() + 1;
    List<String> args = new ArrayList<>(List.of("--host", spec.host(), "--port", Integer.toString(port),
        "--cores", Integer.toString(spec.cores()), "--memory", spec.memory()));
    if (!members.isEmpty()) {
      args.add("--seed");
      args.add(members.get(0).address().toString());
    }
    args.addAll(nodeArgs);
    Path log = state.log(index);
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log);
    Process p = launcher.start(List.of("-Xmx" + (spec.heapBytes() >> 20) + "m"), args, log);
    Member m = new Member(index, p, new HostPort(spec.host(), port), log);
    members.add(m);
    state.record(new ClusterStateDir.Node(index, p.pid(), m.address()));
    return m;
  }

  /** The nodes started so far, by index. */
  public List<Member> members() {
    return List.copyOf(members);
  }

  /** {@code ember://host:port} of the first node. */
  public String masterUrl() {
    return members.get(0).address().masterUrl();
  }

  /** Waits until every started node that is still running is an Up member with its resources reported. */
  public StatusReply.ClusterStatus awaitUp(ClusterSecret secret, Duration timeout) {
    int expected = members.size();
    return await(secret, timeout, s -> s.up().size() == expected && s.up().stream().allMatch(m -> m.info() != null),
        true, "all " + expected + " nodes up");
  }

  /**
   * Polls the status (asking the first live node) until {@code done} holds.
   *
   * @param failOnExit fail as soon as a node process has exited (while starting a cluster)
   * @throws EmberRuntimeException {@code CLUSTER_START_TIMEOUT} when it does not hold within {@code timeout}, or
   *     {@code NODE_EXITED} when a node exited and {@code failOnExit}; the message carries the node's log's end
   */
  public StatusReply.ClusterStatus await(ClusterSecret secret, Duration timeout,
      Predicate<StatusReply.ClusterStatus> done, boolean failOnExit, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    StatusReply.ClusterStatus last = null;
    RuntimeException lastError = null;
    try (AdminClient client = AdminClient.connect(members.get(0).address(), secret)) {
      while (System.nanoTime() < deadline) {
        Member asked = null;
        for (Member m : members) {
          if (m.process().isAlive()) {
            asked = asked == null ? m : asked;
          } else if (failOnExit) {
            throw new EmberRuntimeException("NODE_EXITED", "Node " + m.index() + " (" + m.address() + ") exited with "
                + "code " + m.process().exitValue() + " before the cluster was up. The end of " + m.log() + ":\n"
                + tail(m.log()));
          }
        }
        if (asked != null) {
          try {
            last = client.status(asked.address(), ASK_TIMEOUT);
            if (done.test(last)) {
              return last;
            }
          } catch (EmberRuntimeException e) {
            lastError = e;
          }
        }
        sleep(POLL);
      }
    }
    throw new EmberRuntimeException("CLUSTER_START_TIMEOUT", "Not " + what + " after " + timeout.toSeconds() + "s; "
        + (last != null ? "last status: " + last.up().size() + " of " + last.members().size() + " members up"
            : "no node answered" + (lastError == null ? "" : " (" + lastError.getMessage() + ")"))
        + ". Node logs are in " + state.dir() + "; the end of the first:\n" + tail(members.get(0).log()));
  }

  /** SIGKILL ({@code kill -9}) to every node and waits for them to exit. */
  public void destroyAll() {
    for (Member m : members) {
      m.process().destroyForcibly();
    }
    for (Member m : members) {
      try {
        m.process().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops {@code nodes}: SIGTERM (each leaves the cluster gracefully), then SIGKILL to those still running after
   * {@code timeout}. Returns how many had to be killed.
   */
  public static int stop(List<ClusterStateDir.Node> nodes, Duration timeout) {
    List<ProcessHandle> handles = new ArrayList<>();
    for (ClusterStateDir.Node n : nodes) {
      ProcessHandle.of(n.pid()).ifPresent(h -> {
        h.destroy();
        handles.add(h);
      });
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int killed = 0;
    for (ProcessHandle h : handles) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
        killed++;
      }
    }
    return killed;
  }

  static List<Integer> freePorts(String host, int n) throws IOException {
    Set<Integer> ports = new HashSet<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      while (ports.size() < n) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        ports.add(s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return new ArrayList<>(ports);
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmberRuntimeException("INTERRUPTED", "Interrupted while waiting for the cluster", e);
    }
  }
}
