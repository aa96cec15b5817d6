package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Members that join by Pekko's join message directly, skipping the seed-node check of the secret, are downed:
 * one that runs no agent (a plain Pekko program), and one whose agent holds another secret.
 */
class AdmissionGuardTest {
  private static final ClusterSecret SECRET = ClusterSecret.of("the-guarded-cluster-secret", "test");
  private static final Duration ADMISSION = Duration.ofSeconds(3);
  private static EmberNode node;

  @BeforeAll
  static void start() throws Exception {
    node = EmberNode.start(new NodeConfig("127.0.0.1", 0, List.of(), 1, 64L << 20, SECRET, Duration.ofSeconds(20),
        Duration.ofSeconds(60), ADMISSION, null), NodeLoad.IDLE);
    node.whenUp().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aPlainPekkoMemberWithoutAnAgentIsDowned() throws Exception {
    NodeConfig rogueConfig = NodeConfig.of("127.0.0.1", 0, List.of(), ClusterSecret.of("unrelated-secret-0000", "t"));
    assertDownedAfterJoiningDirectly(ActorSystem.create(Behaviors.<Void>empty(), ClusterPekkoConfig.SYSTEM_NAME,
        ClusterPekkoConfig.node(rogueConfig)));
  }

  @Test
  void aMemberWhoseAgentHoldsAnotherSecretIsDowned() throws Exception {
    ClusterSecret other = ClusterSecret.of("another-clusters-secret", "t");
    Behavior<Void> withAgent = Behaviors.setup(ctx -> {
      ctx.spawn(NodeAgent.create(1, 1, NodeLoad.IDLE, other.digest()), NodeAgent.NAME);
      return Behaviors.empty();
    });
    assertDownedAfterJoiningDirectly(ActorSystem.create(withAgent, ClusterPekkoConfig.SYSTEM_NAME,
        ClusterPekkoConfig.node(NodeConfig.of("127.0.0.1", 0, List.of(), other))));
  }

  private static void assertDownedAfterJoiningDirectly(ActorSystem<Void> rogue) throws Exception {
    try {
      HostPort target = node.hostPort();
      Cluster.get(rogue).manager().tell(new Join(new Address("pekko", ClusterPekkoConfig.SYSTEM_NAME, target.host(),
          target.port())));
      // Only a member can be downed: the direct join admitted it, and the guard then removed it.
      rogue.getWhenTerminated().toCompletableFuture().get(90, TimeUnit.SECONDS);
      assertEquals(CoordinatedShutdown.clusterDowningReason(),
          CoordinatedShutdown.get(rogue).getShutdownReason().orElseThrow());
      try (AdminClient client = AdminClient.connect(target, SECRET)) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StatusReply.ClusterStatus status = client.status(target, Duration.ofSeconds(10));
        while (status.members().size() != 1 && System.nanoTime() < deadline) {
          Thread.sleep(200);
          status = client.status(target, Duration.ofSeconds(10));
        }
        assertEquals(List.of(target.pekkoAddress()), status.members().stream().map(MemberView::address).toList());
      }
    } finally {
      rogue.terminate();
    }
  }
}
