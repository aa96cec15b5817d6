package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.runtime.cluster.cli.ClusterCommand;
import io.ember.runtime.cluster.cli.LocalCluster;
import io.ember.runtime.cluster.testkit.ClusterExtension;
import io.ember.runtime.remote.RemoteSerialization;
import io.ember.runtime.remote.TaskHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three node JVMs on loopback: they form one cluster that {@code cluster status} lists; a node with another
 * secret is refused; a node killed with {@code kill -9} is downed by the split-brain resolver and removed.
 * The kill runs last: it changes the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeClusterTest {
  /** Failure detection (Pekko's acceptable pause, 3 s) plus stable-after plus removal, with room for slow machines. */
  private static final Duration REMOVAL_BOUND = Duration.ofSeconds(60);

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(3).stableAfter(Duration.ofSeconds(3)).build();

  @Test
  @Order(1)
  void allNodesAreUpMembersReportingTheirResources() throws InterruptedException {
    // Asked of node 2, which learns of the members' promotion to Up and of the other agents by gossip, later than
    // the node the extension waited on: wait until its view has all three Up with their info.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    StatusReply.ClusterStatus status = CLUSTER.status(2);
    while ((status.members().size() < 3 || status.up().size() < 3
        || status.members().stream().anyMatch(m -> m.info() == null)) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = CLUSTER.status(2);
    }
    assertEquals(3, status.members().size(), status.toString());
    assertEquals(3, status.up().size(), status.toString());
    assertEquals(addresses(CLUSTER.members()), status.members().stream()
        .map(m -> ClusterStatusFormat.hostPort(m.address())).collect(Collectors.toSet()));
    for (MemberView m : status.members()) {
      assertNotNull(m.info(), "no info from " + m.address());
      assertEquals(1, m.info().cores());
      assertEquals(128L << 20, m.info().memoryBytes());
      assertEquals(0, m.info().runningTasks());
      assertEquals(List.of(ClusterPekkoConfig.NODE_ROLE), m.roles());
      assertTrue(m.reachable());
    }
    assertEquals(CLUSTER.members().stream().map(LocalCluster.Member::pid).collect(Collectors.toSet()),
        status.members().stream().map(m -> m.info().pid()).collect(Collectors.toSet()));
  }

  @Test
  @Order(2)
  void clusterStatusCommandListsEveryNodeWithItsPid() {
    String table = clusterCommand("status", "--master", CLUSTER.masterUrl(), "--secret-file",
        CLUSTER.secretFile().toString());
    String json = clusterCommand("status", "--json", "--master", CLUSTER.masterUrl(), "--secret-file",
        CLUSTER.secretFile().toString());
    for (LocalCluster.Member m : CLUSTER.members()) {
      assertTrue(table.contains(m.address().toString()), table);
      assertTrue(json.contains("\"hostPort\":\"" + m.address() + "\""), json);
      assertTrue(json.contains("\"pid\":" + m.pid() + ","), json);
    }
    assertTrue(table.contains("3 members, 3 up"), table);
  }

  @Test
  @Order(3)
  void nodeWithAnotherSecretIsRefusedAndNeverBecomesAMember() throws Exception {
    var wrong = CLUSTER.writeSecret("wrong-secret", "not-the-cluster-secret-at-all");
    LocalCluster.Member intruder = CLUSTER.startNode(List.of("--secret-file", wrong.toString()));
    assertTrue(intruder.process().waitFor(90, TimeUnit.SECONDS), "the refused node did not exit");
    assertEquals(NodeExit.REFUSED, intruder.process().exitValue());
    String log = Files.readString(intruder.log());
    assertTrue(log.contains("[CLUSTER_JOIN_REFUSED]") && log.contains("secret"), log);
    String seedLog = Files.readString(CLUSTER.member(1).log());
    assertTrue(seedLog.contains(intruder.address() + "] tried to join: " + SecretCompatChecker.MISMATCH), seedLog);
    StatusReply.ClusterStatus status = CLUSTER.status(1);
    assertEquals(3, status.members().size(), status.toString());
    assertFalse(status.members().stream().anyMatch(m -> m.address().endsWith(intruder.address().toString())));
  }

  @Test
  @Order(4)
  void clientWithAnotherSecretIsRefused() throws Exception {
    var wrong = CLUSTER.writeSecret("wrong-client-secret", "not-the-cluster-secret-either");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ClusterCommand.run(List.of("status", "--master", CLUSTER.masterUrl(), "--secret-file", wrong.toString()),
        Map.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("[CLUSTER_SECRET_MISMATCH]"), err.toString());
  }

  /**
   * A process that is not a member (it skipped joining, so it never proved the secret) cannot run tasks on a node:
   * the node's task host drops its reservation, which the asker sees as no answer.
   */
  @Test
  @Order(4)
  void aNonMemberCannotReserveTasksOnANode() {
    ActorSystem<Void> outsider = ActorSystem.create(Behaviors.empty(), "ember-client",
        RemoteSerialization.config().withFallback(ClusterPekkoConfig.client("127.0.0.1")));
    try {
      ActorRef<TaskHost.Command> host = Adapter.toTyped(Adapter.toClassic(outsider)
          .actorSelection(CLUSTER.member(1).address().pekkoAddress() + "/user/" + TaskHost.NAME)
          .resolveOne(Duration.ofSeconds(15)).toCompletableFuture().join());
      CompletionException refused = assertThrows(CompletionException.class, () -> AskPattern
          .<TaskHost.Command, TaskHost.Reserved>ask(host, r -> new TaskHost.Reserve("intruder", List.of(0), r),
              Duration.ofSeconds(3), outsider.scheduler()).toCompletableFuture().join());
      assertInstanceOf(TimeoutException.class, refused.getCause());
    } finally {
      outsider.terminate();
    }
  }

  @Test
  @Order(5)
  void killedNodeIsDownedAndRemovedWhileTheOthersStayUp() throws Exception {
    LocalCluster.Member victim = CLUSTER.member(3);
    CLUSTER.kill(3);
    StatusReply.ClusterStatus status = CLUSTER.awaitStatus(
        s -> s.members().size() == 2 && s.up().size() == 2, REMOVAL_BOUND, "node 3 removed");
    assertFalse(status.members().stream().anyMatch(m -> m.address().endsWith(victim.address().toString())),
        status.toString());
    assertEquals(addresses(List.of(CLUSTER.member(1), CLUSTER.member(2))), status.members().stream()
        .map(m -> ClusterStatusFormat.hostPort(m.address())).collect(Collectors.toSet()));
    assertTrue(CLUSTER.member(1).process().isAlive() && CLUSTER.member(2).process().isAlive());
    String survivorLog = Files.readString(CLUSTER.member(1).log()) + Files.readString(CLUSTER.member(2).log());
    assertTrue(survivorLog.contains("SBR took decision DownUnreachable"), "no split-brain resolver decision logged");
  }

  private static Set<String> addresses(List<LocalCluster.Member> members) {
    return members.stream().map(m -> m.address().toString()).collect(Collectors.toSet());
  }

  private static String clusterCommand(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ClusterCommand.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
