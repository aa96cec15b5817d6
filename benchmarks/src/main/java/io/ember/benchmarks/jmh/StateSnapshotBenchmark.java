package io.ember.benchmarks.jmh;

import io.ember.checkpointing.ChronicleReplicaStore;
import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.data.Batch;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorStates;
import io.ember.operators.Output;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateTable;
import io.ember.operators.state.TrackedState;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a checkpoint costs the task at its barrier, with about 100 MB of keyed state of which 1% of the keys changed
 * since the previous checkpoint: the task's snapshot ({@link OperatorStates#take} of an operator whose state is one
 * {@link BenchmarkState} table) and its put into the replica store, which is what the task does before it goes on
 * with the next epoch. Between invocations (not measured) {@link BenchmarkState#CHANGED_PER_EPOCH} random keys get
 * new values and the epoch completes in the store (which compacts
 * chains of deltas on its own thread) and is pruned, as the coordinator does.
 *
 * <p>{@code mode=full} snapshots every entry at every barrier (as every checkpoint did before deltas);
 * {@code mode=incremental} a delta on the previous checkpoint (only the changed entries). {@code backend} is where
 * both the state table and the replica store live: {@code heap} or {@code offheap} (Chronicle Map). Scores are
 * milliseconds per checkpoint (wall time); the end of each trial prints the snapshot's average encoded size and the
 * task thread's CPU time per checkpoint, which stays meaningful when other processes share the cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class StateSnapshotBenchmark {
  private static final String JOB = "snapshot-benchmark";
  private static final TaskStateKey TASK = new TaskStateKey(1, 0);

  @Param({"full", "incremental"})
  public String mode;

  @Param({"heap", "offheap"})
  public String backend;

  /** An operator whose state is all in its table; its own snapshot is a counter. */
  private static final class KeyedOperator implements Operator {
    StateTable table;
    long snapshots;

    @Override
    public void open(OperatorContext context) {
      table = BenchmarkState.createTable(context.state());
    }

    @Override
    public void process(int input, Batch batch, Output out) {}

    @Override
    public byte[] snapshot(long epoch) {
      return ByteBuffer.allocate(Long.BYTES).putLong(++snapshots).array();
    }

    @Override
    public void close() {
      table.close();
    }
  }

  private final SplittableRandom random = new SplittableRandom(42);
  private KeyedOperator operator;
  private TrackedState tables;
  private ReplicaStore store;
  private long epoch;
  private long lastEpoch = TaskSnapshot.FULL;
  private TaskSnapshot taken;
  private EpochMetadata.TaskEntry entry;
  private long bytesTaken;
  private long snapshotsTaken;
  private long cpuNanos;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Setup(Level.Trial)
  public void fill() {
    boolean offHeap = backend.equals("offheap");
    tables = new TrackedState(offHeap ? ChronicleStateBackend.INSTANCE : HeapStateBackend.INSTANCE);
    operator = new KeyedOperator();
    operator.open(OperatorContext.forTest().withState(tables));
    BenchmarkState.fill(operator.table, random);
    store = offHeap ? new ChronicleReplicaStore("snapshot-benchmark", 16, 8L << 20) : new HeapReplicaStore();
    checkpoint(); // the first checkpoint is full in either mode
    complete();
    bytesTaken = 0;
    snapshotsTaken = 0;
    cpuNanos = 0;
  }

  /** 1% of the keys change during the epoch. */
  @Setup(Level.Invocation)
  public void changeOnePercent() {
    BenchmarkState.changeOnePercent(operator.table, random);
  }

  /** The barrier: the task's snapshot, into the replica store. */
  @Benchmark
  public EpochMetadata.TaskEntry checkpoint() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    boolean full = mode.equals("full") || lastEpoch == TaskSnapshot.FULL;
    taken = new TaskSnapshot(TASK, epoch, full ? TaskSnapshot.FULL : lastEpoch,
        List.of(OperatorStates.take(operator, tables, epoch, full)), null);
    entry = store.put(JOB, taken);
    cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
    return entry;
  }

  /** The coordinator's part, off the task: the epoch completes and older ones are pruned. */
  @TearDown(Level.Invocation)
  public void complete() {
    bytesTaken += entry.sizeBytes();
    snapshotsTaken++;
    Map<TaskStateKey, byte[]> none = new TreeMap<>();
    store.markComplete(JOB, new EpochMetadata(JOB, epoch, Long.MIN_VALUE, List.of(entry), new TreeMap<>(none),
        new TreeMap<>(none), System.currentTimeMillis()));
    store.prune(JOB, epoch);
    lastEpoch = epoch++;
  }

  @TearDown(Level.Trial)
  public void close() {
    System.out.printf("%n%s %s: %d checkpoints, %.2f MB and %.1f ms of task CPU per checkpoint on average (state"
        + " table %.1f MB, replica store %.1f MB held)%n", mode, backend, snapshotsTaken,
        bytesTaken / (double) snapshotsTaken / 1e6, cpuNanos / (double) snapshotsTaken / 1e6,
        operator.table.memoryBytes() / 1e6, store.memoryBytes() / 1e6);
    operator.close();
    store.close();
  }
}
