package io.ember.api.internal;

import com.typesafe.config.ConfigFactory;
import io.ember.checkpointing.ReplicaPeers;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.runtime.JobRunner;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.cluster.ClusterRuntime;
import io.ember.runtime.cluster.ClusterSecret;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.cli.ClusterStateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the runtime a session's master asks for: {@code local[N]} in this JVM ({@link MasterUrl}), or
 * {@code ember://host:port}, a connection to the Ember cluster that the node at {@code host:port} belongs to
 * ({@link ClusterRuntime}).
 *
 * <p>A cluster session needs the cluster's secret, from (first found) the option {@value #SECRET_FILE_KEY} (a
 * file), the environment variable {@value ClusterSecret#ENV} (the secret itself), or the {@code secret} file of
 * the directory {@code bin/ember cluster start} keeps its state in ({@code $EMBER_CLUSTER_DIR}, else
 * {@code dist/target/cluster} under Ember's home). {@value #CONNECT_TIMEOUT_KEY} bounds the wait for the cluster
 * (default 30s).
 */
public final class Runtimes {
  /** The option naming the cluster secret's file. */
  public static final String SECRET_FILE_KEY = "spark.ember.cluster.secretFile";
  /** The option bounding how long a session waits to join the cluster. */
  public static final String CONNECT_TIMEOUT_KEY = "spark.ember.cluster.connectTimeout";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|)");

  private Runtimes() {}

  /**
   * The runtime for {@code master}, with the session's {@code options} and the process environment {@code env}.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_MASTER_URL} for a master that is neither,
   *     {@code MISSING_CLUSTER_SECRET}/{@code INVALID_CLUSTER_SECRET} without a usable secret,
   *     {@code CLUSTER_SECRET_MISMATCH} when the cluster refuses the secret
   * @throws io.ember.core.errors.EmberRuntimeException {@code CLUSTER_UNREACHABLE} when no node lets the session
   *     join in time
   */
  public static JobRunner start(String master, Map<String, String> options, Map<String, String> env) {
    String m = master == null ? "" : master.trim();
    if (!m.startsWith(HostPort.MASTER_SCHEME)) {
      return LocalRuntime.start(MasterUrl.parallelism(m, Runtime.getRuntime().availableProcessors()));
    }
    HostPort address;
    try {
      address = HostPort.parseMasterUrl(m);
    } catch (IllegalArgumentException e) {
      throw new EmberIllegalArgumentException("INVALID_MASTER_URL", "Could not parse Master URL: '" + master + "' ("
          + e.getMessage() + "). Supported: local, local[N], local[*], ember://host:port (any node of an Ember "
          + "cluster; bin/ember cluster start prints it).");
    }
    return ClusterRuntime.connect(address, secret(options, env), connectTimeout(options), ConfigFactory.empty(),
        replicas(options));
  }

  /** The copies of each streaming task snapshot a cluster keeps on other nodes ({@value ReplicaPeers#CONFIG_KEY}). */
  static int replicas(Map<String, String> options) {
    String text = options.get(ReplicaPeers.CONFIG_KEY);
    if (text == null) {
      return ReplicaPeers.DEFAULT_REPLICAS;
    }
    try {
      return ReplicaPeers.parse(text);
    } catch (IllegalArgumentException e) {
      throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", "The value '" + text + "' of "
          + ReplicaPeers.CONFIG_KEY + " is not a whole number of at least 1: the nodes other than a task's that keep a"
          + " copy of its snapshots.");
    }
  }

  /** The cluster secret from the session's options, the environment or the cluster state directory. */
  static ClusterSecret secret(Map<String, String> options, Map<String, String> env) {
    String file = options.get(SECRET_FILE_KEY);
    if (file != null && !file.isBlank()) {
      return ClusterSecret.fromFile(Path.of(file.strip()));
    }
    String value = env.get(ClusterSecret.ENV);
    if (value != null && !value.isBlank()) {
      return ClusterSecret.of(value, "environment variable " + ClusterSecret.ENV);
    }
    Path stateSecret = ClusterStateDir.resolve(env).secretFile();
    if (Files.isRegularFile(stateSecret)) {
      return ClusterSecret.fromFile(stateSecret);
    }
    throw new EmberIllegalArgumentException("MISSING_CLUSTER_SECRET", "A session with an ember:// master needs the "
        + "cluster's secret: set " + SECRET_FILE_KEY + " to its file, or " + ClusterSecret.ENV + " to the secret "
        + "(no secret file at " + stateSecret + " either, where bin/ember cluster start keeps one).");
  }

  static Duration connectTimeout(Map<String, String> options) {
    String text = options.get(CONNECT_TIMEOUT_KEY);
    if (text == null) {
      return ClusterRuntime.DEFAULT_CONNECT_TIMEOUT;
    }
    Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", "The value '" + text + "' of "
          + CONNECT_TIMEOUT_KEY + " is not a positive duration such as 500ms, 10s or 1m.");
    }
    long n = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofMillis(n);
    };
  }
}
