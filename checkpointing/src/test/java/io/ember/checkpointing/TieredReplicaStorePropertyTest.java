package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tiered store with a random heap budget (so its snapshots land in both tiers, and move between them when put
 * again) answers every read as a {@link HeapReplicaStore} given the same puts, completions, prunes and removals
 * does (the same state restored from every complete epoch), and its memory drops to nothing once the job is removed.
 */
class TieredReplicaStorePropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("tiered-replica-store", 40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void answersAsTheHeapStore(long seed) {
    Seeds.check(seed, random -> {
      TieredReplicaStore tiered = new TieredReplicaStore(Gen.between(random, 0, 20_000),
          CompactionPolicy.everyDeltas(Gen.between(random, 1, 4)), Runnable::run);
      HeapReplicaStore model = new HeapReplicaStore(CompactionPolicy.everyDeltas(1), Runnable::run);
      try {
        run(random, tiered, model);
      } finally {
        tiered.close();
        model.close();
      }
    });
  }

  private static void run(Random random, TieredReplicaStore tiered, HeapReplicaStore model) {
    String job = "job";
    int tasks = Gen.between(random, 1, 3);
    StatefulTask[] state = new StatefulTask[tasks];
    for (int t = 0; t < tasks; t++) {
      state[t] = new StatefulTask(new TaskStateKey(1, t));
    }
    int epochs = Gen.between(random, 1, 25);
    for (long e = 0; e < epochs; e++) {
      List<TaskSnapshot> put = new ArrayList<>();
      for (StatefulTask task : state) {
        TaskSnapshot s = task.change(random, Gen.between(random, 0, 200), 2_000).snapshot(e, e == 0
            || random.nextInt(8) == 0);
        tiered.put(job, s);
        model.put(job, s);
        put.add(s);
      }
      if (random.nextInt(5) != 0) {
        EpochMetadata m = Fixtures.metadata(job, e, e, put);
        tiered.markComplete(job, m);
        model.markComplete(job, m);
        if (random.nextBoolean()) {
          // the stores compact at other points, so they may prune other snapshots; their reads must agree
          tiered.prune(job, e);
          model.prune(job, e);
        }
        for (StatefulTask task : state) {
          assertEquals(task.state(), StatefulTask.restored(tiered.get(job, e, task.key).orElseThrow()),
              "epoch " + e);
          TaskSnapshot fromModel = model.get(job, e, task.key).orElseThrow();
          TaskSnapshot fromTiered = tiered.get(job, e, task.key).orElseThrow();
          assertEquals(StatefulTask.restored(fromModel), StatefulTask.restored(fromTiered), "epoch " + e);
          assertEquals(fromModel.epoch(), fromTiered.epoch());
          assertArrayEquals(fromModel.sourceOffsets(), fromTiered.sourceOffsets());
        }
      } else {
        for (StatefulTask task : state) {
          assertEquals(model.getStored(job, e, task.key), tiered.getStored(job, e, task.key));
        }
      }
      assertEquals(model.latestComplete(job), tiered.latestComplete(job));
    }
    tiered.removeJob(job);
    assertEquals(0, tiered.memoryBytes());
    assertEquals(0, tiered.nativeBytes());
  }

  static Stream<Long> recoverySeeds() {
    return Seeds.of("tiered-replica-store-recovery", 20);
  }

  /**
   * A task killed at a random epoch and started anew from its replica of the latest complete epoch (wherever the
   * store put it), replaying the epochs after that one, ends with the state of a run without the failure.
   */
  @ParameterizedTest
  @MethodSource("recoverySeeds")
  void aTaskRestoredFromItsReplicasAfterAKillEndsAsAFailureFreeRun(long seed) {
    Seeds.check(seed, random -> {
      int epochs = Gen.between(random, 2, 30);
      int killAt = Gen.between(random, 1, epochs - 1);
      StatefulTask failureFree = new StatefulTask(new TaskStateKey(2, 0));
      for (long e = 0; e < epochs; e++) {
        failureFree.change(changesOf(seed, e), 150, 3_000);
        failureFree.snapshot(e, e == 0);
      }
      TieredReplicaStore store = new TieredReplicaStore(Gen.between(random, 0, 8_000),
          CompactionPolicy.everyDeltas(Gen.between(random, 1, 5)), Runnable::run);
      try {
        StatefulTask task = new StatefulTask(failureFree.key);
        long complete = -1;
        for (long e = 0; e < epochs; e++) {
          if (e == killAt) { // the task dies before its snapshot of e; e and those after it run again
            task = complete < 0 ? new StatefulTask(failureFree.key)
                : StatefulTask.restoredTask(store.get("job", complete, task.key).orElseThrow());
            e = complete;
            killAt = -1;
            continue;
          }
          task.change(changesOf(seed, e), 150, 3_000);
          TaskSnapshot s = task.snapshot(e, false);
          store.put("job", s);
          if (random.nextInt(4) != 0) {
            store.markComplete("job", Fixtures.metadata("job", e, e, List.of(s)));
            store.prune("job", e);
            complete = e;
          }
        }
        assertEquals(failureFree.state().tables(), task.state().tables());
      } finally {
        store.close();
      }
    });
  }

  /** The changes of epoch {@code epoch}: the same in every run of the seed, so a replayed epoch repeats them. */
  private static Random changesOf(long seed, long epoch) {
    return new Random(seed * 31 + epoch);
  }

  /** A snapshot encoded piece by piece (as it goes to native memory) is the same bytes and checksum as encoded whole. */
  @ParameterizedTest
  @MethodSource("seeds")
  void encodingInPiecesGivesTheWholeEncoding(long seed) {
    Seeds.check(seed, random -> {
      TaskSnapshot s = Fixtures.snapshot(random, new TaskStateKey(Gen.between(random, 0, 300), 1),
          Gen.between(random, 0, 1 << 20), Gen.between(random, 0, 3_000));
      java.io.ByteArrayOutputStream pieces = new java.io.ByteArrayOutputStream();
      long checksum = s.encodeTo(pieces::write);
      byte[] whole = s.encode();
      assertArrayEquals(whole, pieces.toByteArray());
      assertEquals(whole.length, s.encodedSize());
      assertEquals(Formats.checksum(whole), checksum);
    });
  }
}
