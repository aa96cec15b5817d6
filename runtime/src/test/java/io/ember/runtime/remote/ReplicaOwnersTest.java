package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.SnapshotAttempts;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import java.util.List;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.Member$;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.UniqueAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node's replica copies leave its store when the cluster removes the driver whose jobs they belong to. */
class ReplicaOwnersTest {
  private static final String DEAD = "pekko://ember@127.0.0.1:2551";
  private static final String LIVE = "pekko://ember@127.0.0.1:2552";
  private static final TaskStateKey KEY = new TaskStateKey(1, 0);

  private final HeapReplicaStore store = new HeapReplicaStore();
  private final SnapshotAttempts attempts = new SnapshotAttempts();
  private final ReplicaTransfers transfers = new ReplicaTransfers();
  private final java.util.Set<String> members = new java.util.HashSet<>(java.util.Set.of(LIVE));
  private final ReplicaOwners owners = new ReplicaOwners(store, attempts, transfers, members::contains);

  @AfterEach
  void close() {
    store.close();
  }

  /** Puts a copy of {@code job}'s task at epochs 1 and 2 for driver {@code owner}, completing epoch 1. */
  private void hold(String job, String owner) {
    owners.record(job, owner);
    attempts.admit(job, KEY, 1, 2);
    EpochMetadata.TaskEntry first = store.put(job, snapshot(1));
    owners.record(job, owner);
    store.markCompleteHeld(job, new EpochMetadata(job, 1, 0, List.of(first), new TreeMap<>(), new TreeMap<>(), 1L));
    store.put(job, snapshot(2));
  }

  private static TaskSnapshot snapshot(long epoch) {
    return new TaskSnapshot(KEY, epoch, TaskSnapshot.FULL, List.of(ChunkedBytes.wrap(new byte[] {(byte) epoch, 7})), null);
  }

  private static ClusterEvent.MemberRemoved removed(String address) {
    Address a = org.apache.pekko.actor.AddressFromURIString.parse(address);
    // the member as the cluster publishes it in the event: status Removed, downed before
    Member member = Member$.MODULE$.removed(new UniqueAddress(a, 1L));
    return new ClusterEvent.MemberRemoved(member, MemberStatus.down());
  }

  private boolean holds(String job) {
    return store.latestComplete(job).isPresent() || store.getStored(job, 2, KEY).isPresent()
        || store.getStored(job, 1, KEY).isPresent();
  }

  @Test
  void removingADriverDropsExactlyItsJobsCopies() {
    hold("dead-a", DEAD);
    hold("dead-b", DEAD);
    hold("live", LIVE);
    transfers.offer("dead-a", ChunkedBytes.wrap(new byte[100]), 10, System.nanoTime());
    transfers.offer("live", ChunkedBytes.wrap(new byte[100]), 10, System.nanoTime());

    assertEquals(List.of("dead-a", "dead-b"), owners.memberRemoved(removed(DEAD)));

    assertTrue(!holds("dead-a") && !holds("dead-b"), "the removed driver's copies and metadata are gone");
    assertNull(owners.ownerOf("dead-a"));
    assertEquals(SnapshotAttempts.UNKNOWN, attempts.newest("dead-a", KEY), "its attempts are forgotten");
    assertEquals(1, transfers.size(), "only the live driver's transfer is left");
    assertEquals(1, store.latestComplete("live").orElseThrow().epoch(), "the live driver's job is untouched");
    assertEquals(snapshot(2), store.getStored("live", 2, KEY).orElseThrow());
    assertEquals(LIVE, owners.ownerOf("live"));
    assertEquals(2, attempts.newest("live", KEY));
  }

  @Test
  void removingAMemberThatOwnsNothingKeepsEveryCopy() {
    hold("live", LIVE);
    assertEquals(List.of(), owners.memberRemoved(removed("pekko://ember@127.0.0.1:2553")));
    assertEquals(List.of(), owners.ownerRemoved(DEAD));
    assertTrue(holds("live"));
    assertEquals(LIVE, owners.ownerOf("live"));
  }

  @Test
  void aJobRemovedNormallyIsForgottenAndNotDroppedAgain() {
    hold("ended", DEAD);
    hold("live", LIVE);
    owners.removeJob("ended");
    assertTrue(!holds("ended"), "a query that stopped leaves nothing behind");
    assertNull(owners.ownerOf("ended"));
    assertEquals(List.of(), owners.ownerRemoved(DEAD));
    assertTrue(holds("live"));
  }

  @Test
  void aLateCopyOfARemovedDriverIsRefusedUntilAMemberHasItsAddressAgain() {
    hold("dead", DEAD);
    owners.memberRemoved(removed(DEAD));
    EmberRuntimeException late = assertThrows(EmberRuntimeException.class, () -> owners.record("dead", DEAD));
    assertTrue(late.getMessage().contains(DEAD), late.getMessage());
    assertNull(owners.ownerOf("dead"));

    members.add(DEAD); // a new driver joined at the same address
    owners.record("new", DEAD);
    assertEquals(DEAD, owners.ownerOf("new"));
  }

  @Test
  void aCopyWithoutAnOwnerStaysUntilItsJobIsRemoved() {
    owners.record("unowned", null);
    store.put("unowned", snapshot(1));
    assertEquals(List.of(), owners.ownerRemoved(DEAD));
    assertTrue(store.getStored("unowned", 1, KEY).isPresent());
  }
}
