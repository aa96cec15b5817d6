package io.ember.kafka.devbroker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in KRaft mode (one process is broker and controller), listening on the loopback
 * address only, with replication factors of 1 for its internal topics. For tests, examples and
 * {@code bin/ember kafka start}: it is not a production set-up, and it is never on Ember's run class path.
 *
 * <p>{@link #start} formats the data directory (a fresh cluster id) when it is empty, starts the broker and
 * returns once a client can reach it. {@link #close} stops it; the data directory stays (delete it to start
 * afresh).
 */
public final class DevKafkaBroker implements AutoCloseable {
  private static final String CONTROLLER = "CONTROLLER";
  private static final long READY_TIMEOUT_MS = 60_000;

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final int port;
  private boolean closed;

  private DevKafkaBroker(KafkaRaftServer server, Path dataDir, int port) {
    this.server = server;
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Starts a broker keeping its log in {@code dataDir} (made when missing), its clients' listener on
   * {@code 127.0.0.1:port} (0: a free port).
   *
   * @throws IllegalStateException when the broker does not come up within a minute
   */
  public static DevKafkaBroker start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      int clientPort = port > 0 ? port : freePort();
      int controllerPort = freePort();
      Properties props = new Properties();
      props.putAll(Map.ofEntries(
          Map.entry("process.roles", "broker,controller"),
          Map.entry("node.id", "1"),
          Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort),
          Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort),
          Map.entry("controller.listener.names", CONTROLLER),
          Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
          Map.entry("inter.broker.listener.name", "PLAINTEXT"),
          Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
          Map.entry("log.dirs", dataDir.toString()),
          Map.entry("num.partitions", "1"),
          Map.entry("auto.create.topics.enable", "true"),
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("offsets.topic.num.partitions", "1"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          Map.entry("log.retention.check.interval.ms", "1000")));
      KafkaConfig config = new KafkaConfig(props);
      if (!Files.exists(dataDir.resolve("meta.properties"))) {
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(1)
            .setClusterId(Uuid.randomUuid().toString())
            .setControllerListenerName(CONTROLLER)
            .setMetadataLogDirectory(dataDir.toString())
            .setDirectories(List.of(dataDir.toString()))
            .setReleaseVersion(MetadataVersion.latestProduction())
            .setIgnoreFormatted(true)
            .run();
      }
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      DevKafkaBroker broker = new DevKafkaBroker(server, dataDir, clientPort);
      try {
        broker.awaitReady();
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Could not format the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** A broker in a fresh temporary directory, deleted again by {@link #close}. */
  public static DevKafkaBroker startTemporary() {
    try {
      Path dir = Files.createTempDirectory("ember-kafka-");
      DevKafkaBroker broker = start(dir, 0);
      broker.deleteOnClose = true;
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean deleteOnClose;

  private void awaitReady() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT_MS))) {
      admin.describeCluster().nodes().get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The Kafka broker on " + bootstrapServers() + " did not come up within "
          + READY_TIMEOUT_MS / 1000 + " s: " + e, e);
    }
  }

  /** {@code 127.0.0.1:port}: the value for {@code kafka.bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** Stops the broker and waits for it; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * {@code DevKafkaBroker [--port P] [--dir D]}: runs a broker until the process is stopped (SIGTERM), printing
   * {@code bootstrap.servers=127.0.0.1:P} once it is up. Defaults: port 9092, directory {@code ./kafka-data}.
   */
  public static void main(String[] args) {
    int port = 9092;
    Path dir = Path.of("kafka-data");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default -> {
          System.err.println("usage: DevKafkaBroker [--port P] [--dir D]");
          System.exit(2);
        }
      }
    }
    DevKafkaBroker broker = start(dir, port);
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "dev-kafka-broker-stop"));
    System.out.println("bootstrap.servers=" + broker.bootstrapServers());
    System.out.flush();
    broker.server.awaitShutdown();
  }
}
