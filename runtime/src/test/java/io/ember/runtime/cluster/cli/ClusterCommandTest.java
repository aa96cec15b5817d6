package io.ember.runtime.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.runtime.cluster.HostPort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands' argument handling and state directory, without starting nodes. */
class ClusterCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ClusterCommand.run(List.of(args), Map.of(ClusterStateDir.ENV, dir.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badUsageExitsWithTwoAndTheUsage() {
    assertEquals(2, run("begin"));
    assertTrue(err().contains("unknown command 'begin'") && err().contains("Usage: bin/ember cluster start"), err());
    assertEquals(2, run("start"));
    assertTrue(err().contains("start needs --nodes N"), err());
    assertEquals(2, run("start", "--nodes", "3", "--nodez", "4"));
    assertTrue(err().contains("unknown argument '--nodez'"), err());
    assertEquals(2, run("status", "--master", "spark://h:1"));
    assertTrue(err().contains("--master must look like ember://host:port"), err());
    assertEquals(2, run("stop", "--timeout", "soon"));
    assertTrue(err().contains("--timeout needs a positive duration"), err());
  }

  @Test
  void statusWithoutAClusterSaysHowToStartOne() {
    assertEquals(2, run("status"));
    assertTrue(err().contains("[NO_CLUSTER]") && err().contains("bin/ember cluster start --nodes 3"), err());
  }

  @Test
  void stopWithoutAClusterIsANoOpAndForgetsDeadNodes() throws Exception {
    ClusterStateDir state = new ClusterStateDir(dir);
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    state.record(new ClusterStateDir.Node(1, dead.pid(), new HostPort("127.0.0.1", 7355)));
    state.recordMaster("ember://127.0.0.1:7355");
    assertEquals(1, state.nodes().size());
    assertEquals(0, run("stop"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("No cluster is running"), out.toString());
    assertEquals(List.of(), state.nodes());
    assertFalse(Files.exists(dir.resolve("master")));
  }

  @Test
  void aRecordedPidOfAnotherProgramIsNotTakenForANode() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      assertFalse(NodeProcess.isNode(sleeper.pid()));
      assertFalse(NodeProcess.isNode(ProcessHandle.current().pid()));
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void theGeneratedSecretIsPrivateAndStable() throws Exception {
    ClusterStateDir state = new ClusterStateDir(dir);
    Path secret = state.generatedSecret();
    String text = Files.readString(secret);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    assertTrue(text.strip().length() >= 40, text);
    assertEquals(text, Files.readString(state.generatedSecret()));
  }
}
