package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.operators.state.ChunkedBytes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Leave;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task host drops the copies of a driver's jobs when the cluster removes that driver, and keeps the others: here
 * {@link TwoNodes}' driver system plays the node that holds copies, and its worker system the driver that leaves.
 */
class DeadDriverReplicasTest {
  private static final TaskStateKey KEY = new TaskStateKey(2, 0);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aRemovedDriversCopiesLeaveTheHostsStoreAndALiveDriversStay() throws Exception {
    try (TwoNodes nodes = new TwoNodes()) {
      String leaving = Cluster.get(nodes.worker).selfMember().address().toString();
      String staying = Cluster.get(nodes.driver).selfMember().address().toString();
      assertNull(store(nodes, "leaving-job", leaving));
      assertNull(store(nodes, "staying-job", staying));

      Cluster.get(nodes.worker).manager().tell(Leave.create(Cluster.get(nodes.worker).selfMember().address()));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (nodes.driverReplicas.getStored("leaving-job", 1, KEY).isPresent()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the leaving driver's copy is still held 60 s after it left");
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
      assertEquals(snapshot(), nodes.driverReplicas.getStored("staying-job", 1, KEY).orElseThrow(),
          "the staying driver's copy is untouched");
      String late = store(nodes, "leaving-job", leaving);
      assertTrue(late != null && late.contains("left the cluster"), "a late copy of the removed driver: " + late);
      assertTrue(nodes.driverReplicas.getStored("leaving-job", 1, KEY).isEmpty());
    }
  }

  /** Stores a copy of {@code job} for driver {@code owner} on the host; the host's error, null when stored. */
  private static String store(TwoNodes nodes, String job, String owner) {
    TaskHost.SnapshotStored stored = AskPattern.<TaskHost.Command, TaskHost.SnapshotStored>ask(nodes.driverHost,
            reply -> new TaskHost.StoreSnapshot(job, owner, snapshot(), 0, reply), TwoNodes.JOIN_TIMEOUT,
            nodes.driver.scheduler())
        .toCompletableFuture().join();
    return stored.error();
  }

  private static TaskSnapshot snapshot() {
    return new TaskSnapshot(KEY, 1, TaskSnapshot.FULL, List.of(ChunkedBytes.wrap(new byte[] {1, 2, 3})), null);
  }
}
