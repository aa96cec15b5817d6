package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.SnapshotChains;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorSpec;
import io.ember.operators.Output;
import io.ember.operators.state.StateTable;
import io.ember.runtime.JobConfig;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A task pipeline rolled back in place to its own snapshot (its keyed state tables undone with their undo logs, the
 * operator's own bytes restored) behaves as one restored in full from that snapshot, and its next snapshot is a delta
 * on it that chains correctly; a pipeline whose tables were restored from bytes does not roll back in place.
 */
class TaskPipelineRollbackTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.LONG));
  private static final StructType OUT = DataTypes.struct(DataTypes.field("k", DataTypes.LONG),
      DataTypes.field("n", DataTypes.LONG));
  /** Rows the sink wrote, in order. */
  private static final List<Row> WRITTEN = new CopyOnWriteArrayList<>();
  private static final TaskStateKey KEY = new TaskStateKey(2, 0);

  @Test
  void anInPlaceRollbackEqualsTheFullRestoreAndChainsItsNextDelta() {
    TaskSpec spec = spec();
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, 1 << 20, 2);
    TaskPipeline first = new TaskPipeline(spec, config, b -> {});
    first.open();
    first.process(0, rows(0, 40));
    TaskSnapshot s0 = first.snapshot(KEY, 0, null);
    first.process(0, rows(30, 70));
    TaskSnapshot s1 = first.snapshot(KEY, 1, null);
    assertTrue(s1.isDelta());
    first.process(0, rows(50, 120)); // after the last complete epoch: to be undone
    TaskSnapshot restore = SnapshotChains.materialize(List.of(s0, s1));

    List<io.ember.operators.state.TrackedState> kept = first.keepStateFor(1);
    assertNotNull(kept, "the tables reach the snapshot of epoch 1");
    first.close();
    TaskPipeline inPlace = new TaskPipeline(spec, config, b -> {});
    inPlace.reuseState(kept);
    inPlace.open();
    inPlace.restore(restore.operatorStates(), null, 1);

    TaskPipeline full = new TaskPipeline(spec, config, b -> {});
    full.open();
    full.restore(restore.operatorStates(), null);

    inPlace.process(0, rows(100, 130));
    full.process(0, rows(100, 130));
    List<String> expected = contents(full, 2);
    assertEquals(expected, contents(inPlace, 2), "in place vs full restore");
    assertEquals("-1=" + (80 + 30), expected.get(expected.size() - 1), "own field: rows seen at epoch 1 plus 30");

    TaskSnapshot s2 = inPlace.snapshot(KEY, 2, null);
    assertTrue(s2.isDelta() && s2.baseEpoch() == 1, "the next snapshot is a delta on epoch 1");
    TaskPipeline fromChain = new TaskPipeline(spec, config, b -> {});
    fromChain.open();
    fromChain.restore(SnapshotChains.materialize(List.of(s0, s1, s2)).operatorStates(), null);
    assertEquals(expected, contents(fromChain, 3), "the chain with the delta after the rollback");

    assertNull(full.keepStateFor(1), "tables restored from bytes have no undo log back to epoch 1");
    inPlace.close();
    full.close();
    fromChain.close();
  }

  /**
   * A rollback hands a task its snapshot as stored, a delta: rolled back in place the task reads only its own bytes
   * from it; a task that cannot (started anew: no tables of its own) materializes the chain from the replica store;
   * both then hold what a task restored in full holds.
   */
  @Test
  void theStoredDeltaRollsBackInPlaceOrIsMaterializedFromTheReplicaStore() {
    TaskSpec spec = spec();
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, 1 << 20, 2);
    try (HeapReplicaStore store = new HeapReplicaStore()) {
      TaskPipeline first = new TaskPipeline(spec, config, b -> {});
      first.open();
      first.process(0, rows(0, 40));
      TaskSnapshot s0 = first.snapshot(KEY, 0, null);
      store.markComplete("job", metadata(0, store.put("job", s0)));
      first.process(0, rows(30, 70));
      TaskSnapshot s1 = first.snapshot(KEY, 1, null);
      assertTrue(s1.isDelta());
      store.markComplete("job", metadata(1, store.put("job", s1)));
      first.process(0, rows(50, 120)); // after the last complete epoch: to be undone

      TaskPipeline full = new TaskPipeline(spec, config, b -> {});
      full.open();
      full.restore(SnapshotChains.materialize(List.of(s0, s1)).operatorStates(), null);
      full.process(0, rows(100, 130));
      List<String> expected = contents(full, 2);

      TaskCheckpointing given = new TaskCheckpointing(store, "job", KEY, s1, Long.MIN_VALUE);
      List<io.ember.operators.state.TrackedState> kept = first.keepStateFor(1);
      assertNotNull(kept);
      first.close();
      TaskPipeline inPlace = new TaskPipeline(spec, config, b -> {});
      inPlace.reuseState(kept);
      inPlace.open();
      TaskSnapshot forInPlace = SnapshotToRestore.of(given, inPlace.reusesState(), "in place");
      assertSame(s1, forInPlace, "rolled back in place, the task reads the delta as given");
      inPlace.restore(forInPlace.operatorStates(), null, 1);
      inPlace.process(0, rows(100, 130));
      assertEquals(expected, contents(inPlace, 2), "in place from the stored delta vs full restore");

      TaskPipeline restarted = new TaskPipeline(spec, config, b -> {});
      restarted.open();
      TaskSnapshot forRestarted = SnapshotToRestore.of(given, restarted.reusesState(), "restarted");
      assertFalse(forRestarted.isDelta(), "materialized from the replica store");
      restarted.restore(forRestarted.operatorStates(), null, forRestarted.epoch());
      restarted.process(0, rows(100, 130));
      assertEquals(expected, contents(restarted, 2), "restarted from the materialized delta vs full restore");

      store.removeJob("job");
      EmberRuntimeException lost = assertThrows(EmberRuntimeException.class,
          () -> SnapshotToRestore.of(given, false, "restarted"));
      assertEquals("INTERNAL_ERROR", lost.errorClass());
      inPlace.close();
      restarted.close();
      full.close();
    }
  }

  private static EpochMetadata metadata(long epoch, EpochMetadata.TaskEntry entry) {
    return new EpochMetadata("job", epoch, Long.MIN_VALUE, List.of(entry), new TreeMap<>(), new TreeMap<>(), 0);
  }

  /** The sink's rows of an end of epoch: every (key, count) of the operator's table by key, then (-1, rows seen). */
  private static List<String> contents(TaskPipeline pipeline, long epoch) {
    WRITTEN.clear();
    pipeline.endOfEpoch(epoch);
    return WRITTEN.stream().map(r -> r.getLong(0) + "=" + r.getLong(1)).toList();
  }

  private static Batch rows(long from, long to) {
    return Batch.fromRows(SCHEMA, LongStream.range(from, to).mapToObj(x -> Row.of(x % 37)).toList());
  }

  private static TaskSpec spec() {
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 1, SOURCE), new Vertex.OperatorVertex(2, 1, List.of(new CountByKey())),
            new Vertex.SinkVertex(3, 1, SINK, OUT)),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Forward())));
    return ExecutionPlan.of(graph).tasks().stream().filter(t -> t.chain().head().id() == 2).findFirst()
        .orElseThrow();
  }

  /** Counts rows per value in a keyed state table and rows seen in a field; emits both at each end of epoch. */
  private record CountByKey() implements OperatorSpec {
    @Override
    public Operator create() {
      return new Operator() {
        private StateTable table;
        private long seen;

        @Override
        public void open(OperatorContext context) {
          table = context.state().createTable("counts-" + System.identityHashCode(this), 64, 8, 8);
        }

        @Override
        public void process(int input, Batch batch, Output out) {
          for (Row row : batch.toRows()) {
            byte[] key = ByteBuffer.allocate(8).putLong(row.getLong(0)).array();
            byte[] old = table.get(key);
            long n = old == null ? 0 : ByteBuffer.wrap(old).getLong();
            if (n == 2) {
              table.remove(key); // removals are undone too
            } else {
              table.put(key, ByteBuffer.allocate(8).putLong(n + 1).array());
            }
            seen++;
          }
        }

        @Override
        public void endOfEpoch(long epoch, Output out) {
          TreeMap<Long, Long> sorted = new TreeMap<>();
          table.forEach((k, v) -> sorted.put(ByteBuffer.wrap(k).getLong(), ByteBuffer.wrap(v).getLong()));
          List<Row> rows = new ArrayList<>();
          sorted.forEach((k, n) -> rows.add(Row.of(k, n)));
          rows.add(Row.of(-1L, seen));
          out.emit(Batch.fromRows(OUT, rows));
        }

        @Override
        public byte[] snapshot(long epoch) {
          return ByteBuffer.allocate(8).putLong(seen).array();
        }

        @Override
        public void restore(byte[] snapshot) {
          seen = ByteBuffer.wrap(snapshot).getLong();
        }

        @Override
        public void close() {
          table.close();
        }
      };
    }

    @Override
    public StructType outputSchema() {
      return OUT;
    }

    @Override
    public boolean isStateful() {
      return true;
    }

    @Override
    public String explain() {
      return "CountByKey";
    }
  }

  private static final Source SOURCE = new Source() {
    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public boolean isBounded() {
      return false;
    }

    @Override
    public List<SourceSplit> planSplits(int parallelismHint) {
      return List.of();
    }

    @Override
    public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
      throw new UnsupportedOperationException("only the downstream task runs");
    }

    @Override
    public String explain() {
      return "S";
    }
  };

  private static final Sink SINK = new Sink() {
    @Override
    public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
      return new SinkWriter() {
        @Override
        public void write(Batch batch) {
          WRITTEN.addAll(batch.toRows());
        }

        @Override
        public CommitMessage prepareCommit(long epoch) {
          return null;
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void commit(long epoch, List<CommitMessage> messages) {}

    @Override
    public String explain() {
      return "K";
    }
  };
}
