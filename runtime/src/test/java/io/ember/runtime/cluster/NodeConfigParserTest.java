package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigParserTest {
  private static final Map<String, String> ENV = Map.of(ClusterSecret.ENV, "a-secret-of-enough-length");

  @TempDir
  Path dir;

  @Test
  void flagsSetEveryOptionAndSeedsRepeat() {
    NodeConfig c = NodeConfigParser.parse(List.of("--host", "10.0.0.5", "--port=7400", "--seed", "10.0.0.1:7355",
        "--seed", "[::1]:7356", "--cores", "6", "--memory", "2g"), ENV);
    assertEquals("10.0.0.5", c.host());
    assertEquals(7400, c.port());
    assertEquals(List.of(new HostPort("10.0.0.1", 7355), new HostPort("::1", 7356)), c.seeds());
    assertEquals(6, c.cores());
    assertEquals(2L << 30, c.memoryBytes());
    assertEquals(ClusterSecret.of("a-secret-of-enough-length", "x").digest(), c.secret().digest());
  }

  @Test
  void defaultsWithoutFlags() {
    NodeConfig c = NodeConfigParser.parse(List.of(), ENV);
    assertEquals("127.0.0.1", c.host());
    assertEquals(NodeOptions.DEFAULT_PORT, c.port());
    assertEquals(List.of(), c.seeds());
    assertEquals(Runtime.getRuntime().availableProcessors(), c.cores());
    assertEquals(Duration.ofSeconds(20), c.stableAfter());
  }

  @Test
  void hoconFileIsReadAndFlagsWinOverConfWhichWinsOverTheFile() throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "file-secret-0123456789\n");
    Path conf = dir.resolve("node.conf");
    Files.writeString(conf, String.join("\n",
        "ember.node { port = 7500, cores = 3 }",
        "ember.cluster.seeds = [\"h1:1\", \"h2:2\"]",
        "ember.cluster.secret-file = \"" + secret + "\"",
        "ember.cluster.split-brain.stable-after = 7s",
        "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s"));
    NodeConfig c = NodeConfigParser.parse(List.of("--config", conf.toString(), "--conf", "ember.node.cores=4",
        "--port", "7600"), Map.of());
    assertEquals(7600, c.port());
    assertEquals(4, c.cores());
    assertEquals(List.of(new HostPort("h1", 1), new HostPort("h2", 2)), c.seeds());
    assertEquals(Duration.ofSeconds(7), c.stableAfter());
    assertEquals(ClusterSecret.fromFile(secret).digest(), c.secret().digest());
    assertEquals("6s", c.pekkoOverrides().getString("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));
    assertEquals("6s", ClusterPekkoConfig.node(c).getString("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));
  }

  @Test
  void theExampleConfigurationIsValid() {
    Path example = Path.of("..", "examples", "cluster", "node.conf");
    NodeConfig c = NodeConfigParser.parse(List.of("--config", example.toString()), ENV);
    assertEquals(7355, c.port());
    assertEquals(4, c.cores());
    assertEquals(2L << 30, c.memoryBytes());
    assertEquals(Duration.ofSeconds(30), c.admissionTimeout());
  }

  @Test
  void propertiesFileIsRead() throws Exception {
    Path conf = dir.resolve("node.properties");
    Files.writeString(conf, "ember.node.port=7700\nember.node.memory=512m\n");
    NodeConfig c = NodeConfigParser.parse(List.of("--config", conf.toString()), ENV);
    assertEquals(7700, c.port());
    assertEquals(512L << 20, c.memoryBytes());
  }

  @Test
  void everyProblemIsReportedAtOnceWithWhatToDo() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> NodeConfigParser.parse(
        List.of("--port", "70000", "--cores", "0", "--memory", "lots", "--seed", "nohost", "--prot", "1"), Map.of()));
    String m = e.getMessage();
    assertEquals("INVALID_NODE_CONFIG", e.errorClass());
    assertTrue(m.contains("6 problems"), m);
    assertTrue(m.contains("--port (or ember.node.port) = '70000' is invalid: expected a port number in 0..65535"), m);
    assertTrue(m.contains("--cores (or ember.node.cores) = '0' is invalid: expected a positive integer"), m);
    assertTrue(m.contains("expected a size such as 512m or 4g"), m);
    assertTrue(m.contains("expected host:port such as 127.0.0.1:7355, got 'nohost'"), m);
    assertTrue(m.contains("unknown argument '--prot' (did you mean --port?)"), m);
    assertTrue(m.contains("No cluster secret: pass --secret-file <file> or set " + ClusterSecret.ENV), m);
  }

  @Test
  void unknownKeysInTheFileAndInConfAreNamedWithASuggestion() throws Exception {
    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "ember.node.cors = 2\nspark.master = x\n");
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> NodeConfigParser.parse(
        List.of("--config", conf.toString(), "--conf", "ember.node.prt=1"), ENV));
    assertTrue(e.getMessage().contains("unknown option 'ember.node.cors' in " + conf + " (did you mean ember.node.cores?)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("unknown key 'spark' in " + conf), e.getMessage());
    assertTrue(e.getMessage().contains("unknown option 'ember.node.prt' in --conf (did you mean ember.node.port?)"),
        e.getMessage());
  }

  @Test
  void missingConfigFileAndSecretFileAreReported() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> NodeConfigParser.parse(
        List.of("--config", dir.resolve("none.conf").toString(), "--secret-file", dir.resolve("none").toString()), ENV));
    assertTrue(e.getMessage().contains("the configuration file " + dir.resolve("none.conf") + " does not exist"));
    assertTrue(e.getMessage().contains("The cluster secret file " + dir.resolve("none") + " does not exist"));
  }

  @Test
  void seedWithPortZeroAndIpv6WithoutBracketsAreRefused() {
    assertThrows(EmberIllegalArgumentException.class, () -> NodeConfigParser.parse(List.of("--seed", "h:0"), ENV));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> NodeConfigParser.parse(List.of("--seed", "::1:7355"), ENV));
    assertTrue(e.getMessage().contains("write an IPv6 address in brackets"), e.getMessage());
  }
}
