package io.ember.benchmarks.jmh;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.operators.state.ByteKey;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateTable;
import io.ember.operators.state.TrackedState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keyed state as a streaming operator uses it between checkpoints, on the heap backend with change tracking and
 * the undo log on (a {@link TrackedState} that wrote its first snapshot): a table of {@value #KEYS} entries of
 * 16-byte keys and 48-byte values (Nexmark's join and aggregate state is of this shape).
 *
 * <ul>
 *   <li>{@code insertEpoch}: an epoch that puts {@value #KEYS} new keys into an empty table, then writes its delta;
 *   <li>{@code updateEpoch}: an epoch that gives every key of the full table a new value, then writes its delta;
 *   <li>{@code get}: lookups of present keys by {@link ByteKey}s of their own arrays (as operators look up keys
 *       they encoded from a row);
 *   <li>{@code compact}: merging a whole section of the table and four deltas of 5% of its keys each (a removal
 *       every tenth change) into one whole section, as a replica store compacts a chain.
 * </ul>
 *
 * Scores are nanoseconds per key (for compact: per entry of the base). On a busy machine wall time says little: the
 * tear-down also prints the benchmark thread's CPU nanoseconds per key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
public class StateTableBenchmark {
  static final int KEYS = 200_000;
  private static final int VALUE_BYTES = 48;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ByteKey[] keys;
  /** Equal to {@link #keys}, other arrays. */
  private ByteKey[] lookups;
  private byte[][] values;
  private TrackedState full;
  private StateTable fullTable;
  private long epoch;
  private List<byte[]> chain;
  private String measured;
  private long cpuNanos;
  private long keysDone;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    keys = new ByteKey[KEYS];
    lookups = new ByteKey[KEYS];
    values = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = new ByteKey(ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(i).array());
      lookups[i] = new ByteKey(keys[i].bytes().clone());
      values[i] = new byte[VALUE_BYTES];
      random.nextBytes(values[i]);
    }
    full = new TrackedState(HeapStateBackend.INSTANCE);
    fullTable = full.createTable("full", KEYS, 16, VALUE_BYTES);
    for (int i = 0; i < KEYS; i++) {
      fullTable.replace(keys[i], values[i]);
    }
    full.write(new Output(1 << 16, -1), true, epoch++);
    chain = chain(random);
  }

  /** A whole section of a table of every key, then four deltas of 5% of the keys each. */
  private List<byte[]> chain(SplittableRandom random) {
    TrackedState state = new TrackedState(HeapStateBackend.INSTANCE);
    StateTable table = state.createTable("chain", KEYS, 16, VALUE_BYTES);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      table.replace(keys[i], values[i]);
    }
    for (int e = 0; e < 5; e++) {
      if (e > 0) {
        for (int c = 0; c < KEYS / 20; c++) {
          ByteKey k = keys[random.nextInt(KEYS)];
          if (c % 10 == 0) {
            table.removeValue(k);
          } else {
            table.replace(k, values[random.nextInt(KEYS)]);
          }
        }
      }
      Output o = new Output(1 << 16, -1);
      state.write(o, e == 0, e);
      out.add(o.toBytes());
    }
    table.close();
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public int insertEpoch() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    TrackedState state = new TrackedState(HeapStateBackend.INSTANCE);
    StateTable table = state.createTable("insert", KEYS, 16, VALUE_BYTES);
    state.write(new Output(64, -1), true, 0);
    for (int i = 0; i < KEYS; i++) {
      table.replace(keys[i], values[i]);
    }
    Output out = new Output(1 << 16, -1);
    state.write(out, false, 1);
    table.close();
    return measured("insertEpoch", cpu, out.position());
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public int updateEpoch() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    int shift = (int) (epoch % 7) + 1;
    for (int i = 0; i < KEYS; i++) {
      fullTable.replace(keys[i], values[(i + shift) % KEYS]);
    }
    Output out = new Output(1 << 16, -1);
    full.write(out, false, epoch++);
    return measured("updateEpoch", cpu, out.position());
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long get() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long found = 0;
    for (int i = 0; i < KEYS; i++) {
      found += fullTable.get(lookups[i]).length;
    }
    return measured("get", cpu, (int) found);
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public int compact() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    Output out = new Output(1 << 16, -1);
    TrackedState.compact(chain.stream().map(Input::new).toList(), out);
    return measured("compact", cpu, out.position());
  }

  /** Adds the CPU time since {@code cpu} and {@link #KEYS} keys to {@code benchmark}'s account; returns {@code result}. */
  private int measured(String benchmark, long cpu, int result) {
    cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
    keysDone += KEYS;
    measured = benchmark;
    return result;
  }

  @TearDown
  public void close() {
    fullTable.close();
    if (keysDone > 0) {
      System.out.printf("%n%s: %.1f ns of CPU per key on average over %d keys%n", measured,
          cpuNanos / (double) keysDone, keysDone);
    }
  }
}
