package io.ember.runtime.cluster.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.cluster.AdminClient;
import io.ember.runtime.cluster.ClusterSecret;
import io.ember.runtime.cluster.ClusterStatusFormat;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.NodeOptions;
import io.ember.runtime.cluster.StatusReply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/ember cluster start|status|stop}: a cluster of node processes on one machine, for trying cluster
 * mode and for scripts.
 *
 * <ul>
 *   <li>{@code start --nodes N [--host H] [--cores C] [--memory M] [--secret-file F] [--timeout T]
 *       [--conf key=value]...}: starts N nodes in the background on free ports (the first starts the cluster,
 *       the others join it), records them in the {@link ClusterStateDir}, waits until all N are Up members and
 *       prints the master URL {@code ember://host:port}. Without a secret (flag or {@link ClusterSecret#ENV}) it
 *       generates one in the state directory.</li>
 *   <li>{@code status [--json] [--master ember://host:port] [--secret-file F] [--config node.conf] [--timeout T]}:
 *       the members as a node sees them; without {@code --master}, asks the nodes recorded in the state directory;
 *       {@code --config} takes the {@code pekko.*} settings of the nodes' file (Artery TLS).</li>
 *   <li>{@code stop [--timeout T]}: SIGTERM to each recorded node (it leaves the cluster), SIGKILL to those still
 *       running after the timeout; forgets them.</li>
 * </ul>
 * Exit codes: 0 done, 1 failure while running, 2 bad usage or configuration.
 */
public final class ClusterCommand {
  private final Map<String, String> env;
  private final ClusterStateDir state;
  private final PrintStream out;

  public ClusterCommand(Map<String, String> env, ClusterStateDir state, PrintStream out) {
    this.env = env;
    this.state = state;
    this.out = out;
  }

  public static void main(String[] args) {
    int code = run(List.of(args), System.getenv(), System.out, System.err);
    System.exit(code);
  }

  /** Runs one command; returns the exit code, having printed errors to {@code err}. */
  public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    ClusterCommand command = new ClusterCommand(env, ClusterStateDir.resolve(env), out);
    try {
      if (args.isEmpty()) {
        throw usage("a command is needed");
      }
      Args rest = new Args(args.subList(1, args.size()));
      switch (args.get(0)) {
        case "start" -> command.start(rest);
        case "status" -> command.status(rest);
        case "stop" -> command.stop(rest);
        case "help", "--help", "-h" -> out.println(USAGE);
        default -> throw usage("unknown command '" + args.get(0) + "'");
      }
      return 0;
    } catch (EmberIllegalArgumentException e) {
      err.println("ember cluster: " + e.getMessage());
      return 2;
    } catch (EmberException e) {
      err.println("ember cluster: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("ember cluster: " + e);
      return 1;
    }
  }

  static final String USAGE = String.join("\n",
      "Usage: bin/ember cluster start --nodes N [--host H] [--cores C] [--memory M] [--secret-file F]",
      "                               [--timeout 60s] [--conf key=value]...",
      "       bin/ember cluster status [--json] [--master ember://host:port] [--secret-file F] [--config node.conf]",
      "                                [--timeout 10s]",
      "       bin/ember cluster stop [--timeout 30s]",
      "The secret: --secret-file, else $" + ClusterSecret.ENV
          + ", else the one start generated in the state directory.",
      "State (pid files, logs, master URL, generated secret): $" + ClusterStateDir.ENV
          + ", default dist/target/cluster.");

  private void start(Args args) throws IOException {
    int nodes = args.positiveInt("--nodes", -1);
    if (nodes <= 0 || nodes > 64) {
      throw usage("start needs --nodes N with N in 1..64");
    }
    String host = args.value("--host", "127.0.0.1");
    int cores = args.positiveInt("--cores", Math.max(1, Runtime.getRuntime().availableProcessors() / nodes));
    String memory = args.value("--memory", "512m");
    Duration timeout = args.duration("--timeout", Duration.ofSeconds(60));
    String secretFlag = args.value("--secret-file", null);
    List<String> confs = args.values("--conf");
    args.requireConsumed();
    List<ClusterStateDir.Node> running = liveNodes();
    if (!running.isEmpty()) {
      throw new EmberIllegalArgumentException("CLUSTER_ALREADY_RUNNING", "A cluster started from " + state.dir()
          + " is running (" + running.size() + " nodes); stop it with bin/ember cluster stop, or set "
          + ClusterStateDir.ENV + " to another directory.");
    }
    state.clear();
    ClusterSecret secret;
    List<String> secretArgs = new ArrayList<>();
    if (secretFlag != null || env.get(ClusterSecret.ENV) == null) {
      Path file = secretFlag != null ? Path.of(secretFlag).toAbsolutePath() : state.generatedSecret();
      secret = ClusterSecret.fromFile(file);
      secretArgs = List.of("--secret-file", file.toString());
    } else {
      secret = ClusterSecret.resolve(null, env);
    }
    long heap = memoryBytes(memory) + (256L << 20);
    List<String> nodeArgs = new ArrayList<>(secretArgs);
    for (String conf : confs) {
      nodeArgs.add("--conf");
      nodeArgs.add(conf);
    }
    LocalCluster cluster = LocalCluster.start(NodeProcess.likeThisJvm(jvmFlagsFile(), Map.of(), true), state,
        new LocalCluster.Spec(host, nodes, cores, memory, heap, nodeArgs));
    StatusReply.ClusterStatus status;
    try {
      status = cluster.awaitUp(secret, timeout);
    } catch (RuntimeException e) {
      cluster.destroyAll();
      state.clear();
      throw e;
    }
    out.println("Ember cluster of " + nodes + " nodes is up (state and logs in " + state.dir() + ")");
    out.println(ClusterStatusFormat.table(status));
    out.println("Master URL: " + cluster.masterUrl());
  }

  private void status(Args args) throws IOException {
    boolean json = args.flag("--json");
    String master = args.value("--master", null);
    String secretFlag = args.value("--secret-file", null);
    String configFile = args.value("--config", null);
    Duration timeout = args.duration("--timeout", Duration.ofSeconds(10));
    args.requireConsumed();
    Config pekko = configFile == null ? ConfigFactory.empty() : pekkoSettings(Path.of(configFile));
    List<HostPort> targets = new ArrayList<>();
    if (master != null) {
      targets.add(parseMaster(master));
    } else {
      for (ClusterStateDir.Node n : state.nodes()) {
        targets.add(n.address());
      }
      if (targets.isEmpty()) {
        throw new EmberIllegalArgumentException("NO_CLUSTER", "No cluster is recorded in " + state.dir() + ": start "
            + "one with bin/ember cluster start --nodes 3, or name a node with --master ember://host:port.");
      }
    }
    ClusterSecret secret = secretFlag != null ? ClusterSecret.fromFile(Path.of(secretFlag))
        : env.get(ClusterSecret.ENV) == null && Files.exists(state.secretFile())
            ? ClusterSecret.fromFile(state.secretFile()) : ClusterSecret.resolve(null, env);
    EmberRuntimeException last = null;
    try (AdminClient client = AdminClient.connect(targets.get(0), secret, pekko)) {
      for (HostPort target : targets) {
        try {
          StatusReply.ClusterStatus status = client.status(target, timeout);
          out.println(json ? ClusterStatusFormat.json(status) : ClusterStatusFormat.table(status));
          return;
        } catch (EmberRuntimeException e) {
          last = e;
        }
      }
    }
    throw last;
  }

  private void stop(Args args) throws IOException {
    Duration timeout = args.duration("--timeout", Duration.ofSeconds(30));
    args.requireConsumed();
    List<ClusterStateDir.Node> nodes = liveNodes();
    int killed = LocalCluster.stop(nodes, timeout);
    state.clear();
    if (nodes.isEmpty()) {
      out.println("No cluster is running from " + state.dir());
    } else {
      out.println("Stopped " + nodes.size() + " nodes"
          + (killed > 0 ? " (" + killed + " killed after " + timeout.toSeconds() + "s)" : ""));
    }
  }

  /** The {@code pekko.*} part of a node's configuration file (for a cluster on Artery TLS). */
  private static Config pekkoSettings(Path file) {
    if (!Files.isRegularFile(file)) {
      throw usage("--config " + file + ": no such file");
    }
    try {
      Config c = ConfigFactory.parseFile(file.toFile()).resolve();
      return c.hasPath("pekko") ? c.withOnlyPath("pekko") : ConfigFactory.empty();
    } catch (ConfigException e) {
      throw usage("--config " + file + " cannot be read: " + e.getMessage());
    }
  }

  private List<ClusterStateDir.Node> liveNodes() throws IOException {
    return state.nodes().stream().filter(n -> NodeProcess.isNode(n.pid())).toList();
  }

  private static Path jvmFlagsFile() {
    String home = System.getProperty("ember.home");
    return home == null ? Path.of("bin", "jvm-flags") : Path.of(home, "bin", "jvm-flags");
  }

  /** {@code ember://host:port} to the node's address. */
  public static HostPort parseMaster(String url) {
    if (!url.startsWith("ember://")) {
      throw usage("--master must look like ember://host:port, got '" + url + "'");
    }
    try {
      return HostPort.parse(url.substring("ember://".length()));
    } catch (IllegalArgumentException e) {
      throw usage("--master " + url + ": " + e.getMessage());
    }
  }

  static EmberIllegalArgumentException usage(String message) {
    return new EmberIllegalArgumentException("INVALID_CLUSTER_COMMAND", message + "\n" + USAGE);
  }

  /** --memory parsed as a node parses it. */
  private static long memoryBytes(String text) {
    try {
      return NodeOptions.MEMORY.parse(text);
    } catch (IllegalArgumentException e) {
      throw usage("--memory '" + text + "': " + e.getMessage());
    }
  }
}
