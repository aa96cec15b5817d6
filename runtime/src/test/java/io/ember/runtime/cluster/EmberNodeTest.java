package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One node in this JVM: it forms a cluster of its own, reports itself, refuses a client with another secret. */
class EmberNodeTest {
  private static final ClusterSecret SECRET = ClusterSecret.of("in-process-node-secret", "test");
  private static EmberNode node;

  @BeforeAll
  static void start() throws Exception {
    NodeConfig config = new NodeConfig("127.0.0.1", 0, List.of(), 3, 64L << 20, SECRET, Duration.ofSeconds(20),
        Duration.ofSeconds(60), Duration.ofSeconds(30), null);
    node = EmberNode.start(config, new NodeLoad() {
      @Override
      public int runningTasks() {
        return 5;
      }

      @Override
      public long replicaMemoryBytes() {
        return 1000;
      }
    });
    node.whenUp().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    assertEquals(0, node.whenStopped().toCompletableFuture().get(1, TimeUnit.SECONDS).exitCode());
  }

  @Test
  void aNodeWithoutSeedsFormsAClusterOfItselfAndReportsItsLoad() {
    try (AdminClient client = AdminClient.connect(node.hostPort(), SECRET)) {
      StatusReply.ClusterStatus status = client.status(node.hostPort(), Duration.ofSeconds(30));
      assertEquals(1, status.up().size(), status.toString());
      MemberView self = status.members().get(0);
      assertEquals(node.hostPort().pekkoAddress(), self.address());
      assertEquals(self.address(), status.leader());
      NodeInfo info = self.info();
      assertNotNull(info, status.toString());
      assertEquals(new NodeInfo(self.address(), ProcessHandle.current().pid(), 3, 64L << 20, 5, 1000), info);
    }
  }

  @Test
  void aClientWithAnotherSecretIsRefused() {
    try (AdminClient client = AdminClient.connect(node.hostPort(), ClusterSecret.of("some-other-secret-xyz", "t"))) {
      EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
          () -> client.status(node.hostPort(), Duration.ofSeconds(30)));
      assertEquals("CLUSTER_SECRET_MISMATCH", e.errorClass());
    }
  }

  @Test
  void aSecondNodeOnATakenPortFailsToStartNamingTheFix() {
    NodeConfig taken = NodeConfig.of("127.0.0.1", node.hostPort().port(), List.of(), SECRET);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> EmberNode.start(taken, NodeLoad.IDLE));
    assertEquals("NODE_START_FAILED", e.errorClass());
    assertTrue(e.getMessage().contains("--port"), e.getMessage());
  }

  @Test
  void nobodyAnsweringIsReportedAsUnreachable() throws Exception {
    int free;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    try (AdminClient client = AdminClient.connect(new HostPort("127.0.0.1", free), SECRET)) {
      EmberRuntimeException e = assertThrows(EmberRuntimeException.class,
          () -> client.status(new HostPort("127.0.0.1", free), Duration.ofSeconds(2)));
      assertEquals("CLUSTER_UNREACHABLE", e.errorClass());
    }
  }
}
