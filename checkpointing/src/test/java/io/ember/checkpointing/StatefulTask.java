package io.ember.checkpointing;

import io.ember.core.data.Batch;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorStates;
import io.ember.operators.Output;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateTable;
import io.ember.operators.state.TrackedState;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;

/**
 * A task of a stateless operator and a keyed one (two tables and an own counter) that takes task snapshots as the
 * runtime does: the first full, later ones deltas on the previous one. Random changes between snapshots.
 */
final class StatefulTask {
  /** A keyed operator whose own state is a counter of its snapshots. */
  private static final class Keyed implements Operator {
    StateTable a;
    StateTable b;
    long snapshots;

    @Override
    public void open(OperatorContext context) {
      a = context.state().createTable("a", 64, 4, 8);
      b = context.state().createTable("b", 64, 4, 8);
    }

    @Override
    public void process(int input, Batch batch, Output out) {}

    @Override
    public byte[] snapshot(long epoch) {
      return ByteBuffer.allocate(8).putLong(++snapshots).array();
    }

    @Override
    public void restore(byte[] snapshot) {
      snapshots = ByteBuffer.wrap(snapshot).getLong();
    }
  }

  private static final Operator STATELESS = (input, batch, out) -> {};

  final TaskStateKey key;
  private final Keyed keyed = new Keyed();
  private final TrackedState tables = new TrackedState(HeapStateBackend.INSTANCE);
  private final TrackedState none = new TrackedState(HeapStateBackend.INSTANCE);
  private long last = TaskSnapshot.FULL;

  StatefulTask(TaskStateKey key) {
    this.key = key;
    keyed.open(OperatorContext.forTest().withState(tables));
  }

  /** Puts and removes up to {@code changes} random keys out of {@code keySpace}, with values of under 24 bytes. */
  StatefulTask change(Random random, int changes, int keySpace) {
    return change(random, changes, keySpace, 24, 4);
  }

  /**
   * Puts and removes up to {@code changes} random keys out of {@code keySpace}, with values of under
   * {@code maxValueBytes}; one change in {@code removeOneIn} removes its key.
   */
  StatefulTask change(Random random, int changes, int keySpace, int maxValueBytes, int removeOneIn) {
    for (int i = 0; i < changes; i++) {
      StateTable t = random.nextBoolean() ? keyed.a : keyed.b;
      byte[] k = ByteBuffer.allocate(4).putInt(random.nextInt(keySpace)).array();
      if (random.nextInt(removeOneIn) == 0) {
        t.remove(k);
      } else {
        byte[] v = new byte[random.nextInt(maxValueBytes)];
        random.nextBytes(v);
        t.put(k, v);
      }
    }
    return this;
  }

  /** Puts keys {@code 0} to {@code keys - 1} into both tables, each with a random value of {@code valueBytes}. */
  StatefulTask fill(Random random, int keys, int valueBytes) {
    for (int i = 0; i < keys; i++) {
      byte[] v = new byte[valueBytes];
      random.nextBytes(v);
      (i % 2 == 0 ? keyed.a : keyed.b).put(ByteBuffer.allocate(4).putInt(i).array(), v);
    }
    return this;
  }

  /** The task's snapshot of {@code epoch}: full when {@code full} or the first, else a delta on the previous one. */
  TaskSnapshot snapshot(long epoch, boolean full) {
    boolean whole = full || last == TaskSnapshot.FULL;
    List<ChunkedBytes> states = Arrays.asList(OperatorStates.take(STATELESS, none, epoch, whole),
        OperatorStates.take(keyed, tables, epoch, whole));
    TaskSnapshot s = new TaskSnapshot(key, epoch, whole ? TaskSnapshot.FULL : last, states,
        ByteBuffer.allocate(8).putLong(epoch).array());
    last = epoch;
    return s;
  }

  /** The tables' contents and the snapshot counter, for comparing with a restored task. */
  State state() {
    return new State(tables.contents(), keyed.snapshots);
  }

  /** What a fresh task restored from full snapshot {@code s} holds. */
  static State restored(TaskSnapshot s) {
    return restoredTask(s).state();
  }

  /** A fresh task restored from full snapshot {@code s}, as a task started anew is; its next snapshot is full. */
  static StatefulTask restoredTask(TaskSnapshot s) {
    if (s.isDelta()) {
      throw new AssertionError("Restoring from a delta: " + s);
    }
    StatefulTask fresh = new StatefulTask(s.key());
    OperatorStates.restore(fresh.keyed, fresh.tables, s.operatorStates().get(1));
    return fresh;
  }

  record State(List<SortedMap<ByteBuffer, ByteBuffer>> tables, long snapshots) {}
}
