package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One message per node for several targets of a gate: order, per-target credits, a slow member holding the group
 * back, barriers and end of input behind data. No actors: the group's sends are recorded.
 */
class RelayGroupTest {
  private static final StructType KV = DataTypes.struct(DataTypes.field("k", DataTypes.LONG));

  private record Sent(TaskMessage message, Batch[] slices) {}

  private static Batch batch(long... keys) {
    List<Row> rows = new ArrayList<>();
    for (long k : keys) {
      rows.add(Row.of(k));
    }
    return Batch.fromRows(KV, rows);
  }

  @Test
  void aBroadcastBatchLeavesOnceForAllMembersAndCostsEachACredit() {
    int[] credits = {5, 2, 2, 7};
    List<Sent> sent = new ArrayList<>();
    RelayGroup group = new RelayGroup(new int[] {1, 2}, credits, (m, s) -> sent.add(new Sent(m, s)));
    TaskMessage.Data data = new TaskMessage.Data(batch(1, 2));

    assertFalse(group.offer(data));
    assertEquals(1, sent.size());
    assertSame(data, sent.get(0).message());
    assertArrayEquals(new int[] {5, 1, 1, 7}, credits, "members pay one credit each, others nothing");
  }

  @Test
  void aMemberWithoutCreditHoldsTheGroupBackUntilItsCreditReturns() {
    int[] credits = {1, 3};
    List<Sent> sent = new ArrayList<>();
    RelayGroup group = new RelayGroup(new int[] {0, 1}, credits, (m, s) -> sent.add(new Sent(m, s)));
    group.offer(new TaskMessage.Data(batch(1)));
    assertTrue(group.offer(new TaskMessage.Data(batch(2))), "member 0 has no credit left");
    assertTrue(group.offer(new TaskMessage.Barrier(4, Map.of())), "a barrier waits behind data");
    assertTrue(group.offer(TaskMessage.EndOfInput.INSTANCE));
    assertEquals(1, sent.size());
    assertEquals(3, group.queued());
    assertEquals(0, group.flush(), "still no credit");

    credits[0]++;
    assertEquals(3, group.flush());
    assertEquals(4, sent.size());
    assertTrue(sent.get(1).message() instanceof TaskMessage.Data);
    assertEquals(new TaskMessage.Barrier(4, Map.of()), sent.get(2).message());
    assertSame(TaskMessage.EndOfInput.INSTANCE, sent.get(3).message());
    assertArrayEquals(new int[] {0, 1}, credits);
  }

  @Test
  void slicesCostCreditsOnlyOfTheMembersTheyCarryRowsFor() {
    int[] credits = {0, 1, 1};
    List<Sent> sent = new ArrayList<>();
    RelayGroup group = new RelayGroup(new int[] {0, 1, 2}, credits, (m, s) -> sent.add(new Sent(m, s)));
    Batch[] slices = {null, batch(1), batch(2)};
    assertFalse(group.offerSlices(slices), "member 0 gets nothing and needs no credit");
    assertArrayEquals(new int[] {0, 0, 0}, credits);
    assertNull(sent.get(0).message());
    assertSame(slices, sent.get(0).slices());

    assertTrue(group.offerSlices(new Batch[] {batch(3), null, null}));
    assertTrue(group.offerSlices(new Batch[] {null, null, batch(4)}), "queued behind, in order");
    credits[0]++;
    assertEquals(1, group.flush(), "the first leaves; the second waits for member 2");
    credits[2]++;
    assertEquals(1, group.flush());
    assertEquals(3, sent.size());
    assertThrows(IllegalArgumentException.class, () -> group.offerSlices(new Batch[2]));
  }

  /**
   * Random offers, credits and acknowledgements: each member receives its messages in the order offered, never holds
   * more unprocessed data messages than its credits, and everything arrives once the members have processed all.
   */
  @Test
  void orderAndCreditBoundsHoldForAnyInterleaving() {
    Seeds.of("relay-group", 30).forEach(seed -> Seeds.check(seed, random -> {
      int members = 1 + random.nextInt(4);
      int initial = 1 + random.nextInt(3);
      int[] credits = new int[members + 1];
      java.util.Arrays.fill(credits, initial);
      int[] ids = new int[members];
      for (int i = 0; i < members; i++) {
        ids[i] = i + 1; // the gate's target 0 is not in the group
      }
      List<List<Long>> received = new ArrayList<>();
      List<ArrayDeque<Boolean>> unprocessed = new ArrayList<>();
      List<List<Long>> expected = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        received.add(new ArrayList<>());
        unprocessed.add(new ArrayDeque<>());
        expected.add(new ArrayList<>());
      }
      RelayGroup group = new RelayGroup(ids, credits, (m, s) -> {
        for (int i = 0; i < members; i++) {
          TaskMessage got = m != null ? m : s[i] == null ? null : new TaskMessage.Data(s[i]);
          if (got instanceof TaskMessage.Data d) {
            received.get(i).add((Long) d.batch().row(0).get(0));
            unprocessed.get(i).add(true);
            assertTrue(unprocessed.get(i).size() <= initial, "member " + i + " holds more than its credits");
          } else if (got instanceof TaskMessage.Barrier b) {
            received.get(i).add(-b.epoch());
          }
        }
      });
      long next = 1;
      for (int step = 0; step < 200; step++) {
        int action = random.nextInt(4);
        if (action == 0) {
          long k = next++;
          for (List<Long> e : expected) {
            e.add(k);
          }
          group.offer(new TaskMessage.Data(batch(k)));
        } else if (action == 1) {
          Batch[] slices = new Batch[members];
          for (int i = 0; i < members; i++) {
            if (random.nextBoolean()) {
              long k = next++;
              slices[i] = batch(k);
              expected.get(i).add(k);
            }
          }
          group.offerSlices(slices);
        } else if (action == 2) {
          long epoch = next++;
          for (List<Long> e : expected) {
            e.add(-epoch);
          }
          group.offer(new TaskMessage.Barrier(epoch, Map.of()));
        } else {
          int i = random.nextInt(members);
          if (unprocessed.get(i).poll() != null) {
            credits[ids[i]]++;
            group.flush();
          }
        }
      }
      while (group.queued() > 0) {
        for (int i = 0; i < members; i++) {
          while (unprocessed.get(i).poll() != null) {
            credits[ids[i]]++;
          }
        }
        group.flush();
      }
      assertEquals(expected, received);
      assertEquals(initial, credits[0], "target 0 is not the group's");
    }));
  }
}
