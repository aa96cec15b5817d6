package io.ember.benchmarks.jmh;

import io.ember.checkpointing.SnapshotChains;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorStates;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateTable;
import io.ember.operators.state.TrackedState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The background work incremental checkpoints add: compacting a chain of a full snapshot of the
 * {@link BenchmarkState}'s ~100 MB table and {@link SnapshotChains#DEFAULT_MIN_DELTAS_FOR_SNAPSHOT} deltas
 * of 1% of its keys each into one full snapshot ({@link SnapshotChains#materialize} plus the encoding the replica
 * store keeps), as a replica store does on its compaction thread once per that many checkpoints. Scores are
 * milliseconds per compaction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class SnapshotCompactionBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final List<TaskSnapshot> chain = new ArrayList<>();
  private long cpuNanos;
  private long compactions;

  @Setup
  public void chain() {
    SplittableRandom random = new SplittableRandom(42);
    TrackedState tables = new TrackedState(HeapStateBackend.INSTANCE);
    StateTable table = BenchmarkState.createTable(tables);
    io.ember.operators.Operator operator = (input, batch, out) -> {};
    operator.open(OperatorContext.forTest().withState(tables));
    BenchmarkState.fill(table, random);
    TaskStateKey task = new TaskStateKey(1, 0);
    for (int e = 0; e <= SnapshotChains.DEFAULT_MIN_DELTAS_FOR_SNAPSHOT; e++) {
      if (e > 0) {
        BenchmarkState.changeOnePercent(table, random);
      }
      chain.add(new TaskSnapshot(task, e, e == 0 ? TaskSnapshot.FULL : e - 1,
          List.of(OperatorStates.take(operator, tables, e, e == 0)), null));
    }
    table.close();
  }

  @Benchmark
  public byte[] compact() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    byte[] full = SnapshotChains.materialize(chain).encode();
    cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
    compactions++;
    return full;
  }

  @TearDown
  public void report() {
    System.out.printf("%ncompaction of a full snapshot and %d deltas: %.1f ms of CPU on average over %d%n",
        chain.size() - 1, cpuNanos / (double) compactions / 1e6, compactions);
  }
}
