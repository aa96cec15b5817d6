package io.ember.runtime.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every option of an Ember node, declared once. A node reads them from its configuration file
 * ({@code --config}, HOCON or {@code .properties}), then from {@code --conf key=value} and the flags, later
 * ones winning; the secret may also come from {@link ClusterSecret#ENV}. {@link NodeConfigParser} validates
 * them all and reports every problem at once.
 */
public final class NodeOptions {
  private NodeOptions() {}

  /** The port a node listens on when none is given. */
  public static final int DEFAULT_PORT = 7355;

  public static final NodeOption<String> HOST = new NodeOption<>("ember.node.host", "--host", () -> "127.0.0.1",
      NodeOptions::host, "The host name or IP address this node listens on and other nodes reach it by; "
          + "set it to an address the other machines can reach when the cluster spans machines.");

  public static final NodeOption<Integer> PORT = new NodeOption<>("ember.node.port", "--port", () -> DEFAULT_PORT,
      NodeOptions::port, "The TCP port this node listens on (0: a free port).");

  public static final NodeOption<List<HostPort>> SEEDS = new NodeOption<>("ember.cluster.seeds", "--seed", List::of,
      NodeOptions::seeds, "The host:port of nodes to join through (repeat --seed, or a list in the file); "
          + "none: this node starts a new cluster. The first seed starts the cluster when no other seed answers.");

  public static final NodeOption<Integer> CORES = new NodeOption<>("ember.node.cores", "--cores",
      () -> Runtime.getRuntime().availableProcessors(), NodeOptions::positiveInt,
      "How many tasks this node runs at once (default: the machine's processors).");

  public static final NodeOption<Long> MEMORY = new NodeOption<>("ember.node.memory", "--memory",
      () -> Runtime.getRuntime().maxMemory(), NodeOptions::bytes,
      "The memory this node offers to tasks, as 512m or 4g (default: the JVM's maximum heap).");

  public static final NodeOption<Path> SECRET_FILE = new NodeOption<>("ember.cluster.secret-file", "--secret-file",
      () -> null, NodeOptions::path, "A file holding the cluster secret (else the environment variable "
          + ClusterSecret.ENV + " holds it); every node and client of a cluster needs the same secret.");

  public static final NodeOption<Duration> STABLE_AFTER = new NodeOption<>("ember.cluster.split-brain.stable-after",
      null, () -> Duration.ofSeconds(20), NodeOptions::duration,
      "How long membership and reachability must stay unchanged before the split-brain resolver downs "
          + "unreachable nodes (keep-majority); shorter recovers faster, longer tolerates longer pauses.");

  public static final NodeOption<Duration> JOIN_TIMEOUT = new NodeOption<>("ember.cluster.join-timeout", null,
      () -> Duration.ofSeconds(60), NodeOptions::duration,
      "How long a node tries to reach its seed nodes before it gives up and exits.");

  public static final NodeOption<Duration> ADMISSION_TIMEOUT = new NodeOption<>("ember.cluster.admission-timeout",
      null, () -> Duration.ofSeconds(30), NodeOptions::duration,
      "How long a member has to prove it holds the cluster secret once it is up before the other nodes down it.");

  /** All options, in the order the help lists them. */
  public static final List<NodeOption<?>> ALL =
      List.of(HOST, PORT, SEEDS, CORES, MEMORY, SECRET_FILE, STABLE_AFTER, JOIN_TIMEOUT, ADMISSION_TIMEOUT);

  /** The option with {@code key}, or null. */
  public static NodeOption<?> byKey(String key) {
    for (NodeOption<?> o : ALL) {
      if (o.key().equals(key)) {
        return o;
      }
    }
    return null;
  }

  /** The option set by {@code flag}, or null. */
  public static NodeOption<?> byFlag(String flag) {
    for (NodeOption<?> o : ALL) {
      if (flag.equals(o.flag())) {
        return o;
      }
    }
    return null;
  }

  static String host(String s) {
    if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("expected a host name or IP address such as 10.0.0.5");
    }
    return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
  }

  static int port(String s) {
    int v;
    try {
      v = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a port number in 0..65535");
    }
    if (v < 0 || v > 65535) {
      throw new IllegalArgumentException("expected a port number in 0..65535");
    }
    return v;
  }

  static List<HostPort> seeds(String s) {
    List<HostPort> out = new ArrayList<>();
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        HostPort hp = HostPort.parse(part);
        if (hp.port() == 0) {
          throw new IllegalArgumentException("a seed needs its real port, not 0: '" + part.strip() + "'");
        }
        out.add(hp);
      }
    }
    return List.copyOf(out);
  }

  static int positiveInt(String s) {
    try {
      int v = Integer.parseInt(s);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected a positive integer");
  }

  /** {@code 1048576}, {@code 512k}, {@code 512m}, {@code 2g}, {@code 1t} (binary units, optional {@code b}). */
  static long bytes(String s) {
    Matcher m = Pattern.compile("(\\d+)\\s*([kmgt]?)b?").matcher(s.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a size such as 512m or 4g");
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    long v;
    try {
      v = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("the size is too large");
    }
    if (v <= 0) {
      throw new IllegalArgumentException("expected a positive size such as 512m or 4g");
    }
    return v;
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a plain number is seconds. Positive. */
  static Duration duration(String s) {
    Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?").matcher(s.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 20s or 2m");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.isZero()) {
      throw new IllegalArgumentException("expected a positive duration");
    }
    return d;
  }

  static Path path(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("expected a file name");
    }
    return Path.of(s);
  }
}
