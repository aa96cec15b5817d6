package io.ember.runtime.cluster.cli;

import io.ember.runtime.cluster.HostPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory where {@code bin/ember cluster start} keeps what {@code status} and {@code stop} need: per node
 * {@code node-<i>.pid}, {@code node-<i>.address} ({@code host:port}) and {@code node-<i>.log}, the cluster's
 * {@code master} URL, and a generated {@code secret} (mode 600) when the user gave none.
 *
 * <p>It is {@code $EMBER_CLUSTER_DIR}, else {@code dist/target/cluster} under Ember's home.
 */
public final class ClusterStateDir {
  /** The environment variable naming the directory. */
  public static final String ENV = "EMBER_CLUSTER_DIR";
  private static final Pattern PID_FILE = Pattern.compile("node-(\\d+)\\.pid");

  /**
   * A node started from this directory.
   *
   * @param index its number, from 1
   * @param pid its process id
   * @param address where it listens
   */
  public record Node(int index, long pid, HostPort address) {}

  private final Path dir;

  public ClusterStateDir(Path dir) {
    this.dir = dir;
  }

  /** {@code $EMBER_CLUSTER_DIR}, else {@code <ember.home>/dist/target/cluster}, else {@code ./ember-cluster}. */
  public static ClusterStateDir resolve(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      return new ClusterStateDir(Path.of(explicit).toAbsolutePath());
    }
    String home = System.getProperty("ember.home");
    Path base = home != null ? Path.of(home, "dist", "target", "cluster") : Path.of("ember-cluster");
    return new ClusterStateDir(base.toAbsolutePath());
  }

  public Path dir() {
    return dir;
  }

  public Path log(int index) {
    return dir.resolve("node-" + index + ".log");
  }

  public Path secretFile() {
    return dir.resolve("secret");
  }

  /** Records a started node. */
  public void record(Node node) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("node-" + node.index() + ".address"), node.address() + "\n");
    Files.writeString(dir.resolve("node-" + node.index() + ".pid"), node.pid() + "\n");
  }

  /** Records the master URL. */
  public void recordMaster(String url) throws IOException {
    Files.writeString(dir.resolve("master"), url + "\n");
  }

  /** The nodes recorded here, by index; none when the directory does not exist. */
  public List<Node> nodes() throws IOException {
    List<Node> nodes = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return nodes;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Matcher m = PID_FILE.matcher(p.getFileName().toString());
        if (m.matches()) {
          int index = Integer.parseInt(m.group(1));
          Path address = dir.resolve("node-" + index + ".address");
          try {
            long pid = Long.parseLong(Files.readString(p).strip());
            nodes.add(new Node(index, pid, HostPort.parse(Files.readString(address).strip())));
          } catch (IOException | IllegalArgumentException e) {
            // a half-written or foreign file: not a node this directory knows
          }
        }
      }
    }
    nodes.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return nodes;
  }

  /** Forgets every node and the master URL; keeps logs and the secret. */
  public void clear() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".pid") || name.endsWith(".address") || name.equals("master")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The generated secret file, created (mode 600, 32 random bytes in base64) when missing. */
  public Path generatedSecret() throws IOException {
    Path file = secretFile();
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      Path tmp = Files.createTempFile(dir, "secret", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }
}
