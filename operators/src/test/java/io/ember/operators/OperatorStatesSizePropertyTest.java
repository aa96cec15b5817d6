package io.ember.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateTable;
import io.ember.operators.state.TrackedState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The size of a full state {@link OperatorStates#take} writes: the tables' contents are never larger than the last
 * full state plus the deltas taken since (plus a little for the header and the entry counts), so a full state taken
 * with no changes after the last delta fits that. A chain of such states restores the tables.
 */
class OperatorStatesSizePropertyTest {
  /** An operator with two keyed tables and no state of its own. */
  private static final class TwoTables implements Operator {
    StateTable a;
    StateTable b;

    @Override
    public void open(OperatorContext context) {
      a = context.state().createTable("a", 64, 4, 8);
      b = context.state().createTable("b", 64, 4, 8);
    }

    @Override
    public void process(int input, Batch batch, Output out) {}
  }

  static Stream<Long> seeds() {
    return Seeds.of("operator-states-size", 30);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aFullStateFitsTheLastFullOnePlusTheDeltasSince(long seed) {
    Seeds.check(seed, random -> {
      TrackedState tables = new TrackedState(HeapStateBackend.INSTANCE);
      TwoTables op = new TwoTables();
      op.open(OperatorContext.forTest().withState(tables));
      List<ChunkedBytes> chain = new ArrayList<>();
      long bound = 0;
      int epochs = Gen.between(random, 2, 20);
      for (long e = 0; e < epochs; e++) {
        boolean full = e == 0 || random.nextInt(5) == 0;
        if (!full || e == 0) { // a full state after the first comes at a barrier without changes since the delta
          change(random, op, Gen.between(random, 0, 400));
        }
        ChunkedBytes state = OperatorStates.take(op, tables, e, full);
        if (full) {
          if (e > 0) {
            assertTrue(state.length() <= bound + 64 + 16 * tables.tableCount(),
                "full " + state.length() + " > bound " + bound);
          }
          bound = state.length();
          chain.clear();
        } else {
          bound += state.length();
        }
        chain.add(state);
      }
      TrackedState restored = new TrackedState(HeapStateBackend.INSTANCE);
      TwoTables fresh = new TwoTables();
      fresh.open(OperatorContext.forTest().withState(restored));
      OperatorStates.restore(fresh, restored, chain);
      assertEquals(tables.contents(), restored.contents());
    });
  }

  private static void change(Random random, TwoTables op, int changes) {
    for (int i = 0; i < changes; i++) {
      StateTable t = random.nextBoolean() ? op.a : op.b;
      byte[] k = ByteBuffer.allocate(4).putInt(random.nextInt(2_000)).array();
      if (random.nextInt(3) == 0) {
        t.remove(k);
      } else {
        byte[] v = new byte[random.nextInt(40)];
        random.nextBytes(v);
        t.put(k, v);
      }
    }
  }
}
