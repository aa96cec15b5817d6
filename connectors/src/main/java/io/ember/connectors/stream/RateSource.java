package io.ember.connectors.stream;

import io.ember.connectors.file.FileOptions;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Spark's {@code rate} source: rows {@code (timestamp, value)} where the values are 0, 1, 2, ... and
 * {@code rowsPerSecond} of them become due each second after the start, after a linear ramp-up over
 * {@code rampUpTime} seconds ({@link #valueAtSecond}). Values of second {@code s} (those in
 * {@code [valueAtSecond(s), valueAtSecond(s + 1))}) are due once {@code s + 1} whole seconds have passed,
 * as Spark's offsets count whole elapsed seconds, and their timestamps spread evenly over that second:
 * {@code start + s seconds + (value - valueAtSecond(s)) * 1000 / rowsInSecond} ms, rounded to the ms.
 * Partition {@code p} of {@code n} emits the values congruent to {@code p} modulo {@code n}.
 *
 * <p>The start time is read from the clock once, when the job plans its splits, and carried by every split
 * and every offset: a restored reader keeps the original start, so it first catches up with every value due
 * meanwhile (as Spark, which records the start in its offset log). Unbounded and replayable: the offset of
 * a reader is the next value it emits.
 */
public final class RateSource implements Source {
  /** The schema: {@code timestamp timestamp, value bigint}, both nullable as in Spark. */
  public static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("timestamp", DataTypes.TIMESTAMP), DataTypes.field("value", DataTypes.LONG));

  public static final String ROWS_PER_SECOND = "rowsPerSecond";
  public static final String RAMP_UP_TIME = "rampUpTime";
  public static final String NUM_PARTITIONS = "numPartitions";

  private final long rowsPerSecond;
  private final long rampUpSeconds;
  private final int numPartitions;
  private final Clock clock;

  /**
   * @param numPartitions the number of reader tasks, or 0 to let the planner choose
   * @param clock the wall clock deciding which values are due: {@link SystemUtcClock#INSTANCE} for a source that
   *     can run on any node of a cluster (it reads that node's clock); another clock (tests) keeps the source on
   *     the JVM that made it
   */
  public RateSource(long rowsPerSecond, long rampUpSeconds, int numPartitions, Clock clock) {
    if (rowsPerSecond <= 0) {
      throw invalid("Invalid value '" + rowsPerSecond + "'. The option 'rowsPerSecond' must be positive");
    }
    if (rampUpSeconds < 0) {
      throw invalid("Invalid value '" + rampUpSeconds + "'. The option 'rampUpTime' must not be negative");
    }
    if (numPartitions < 0) {
      throw invalid("Invalid value '" + numPartitions + "'. The option 'numPartitions' must be positive");
    }
    this.rowsPerSecond = rowsPerSecond;
    this.rampUpSeconds = rampUpSeconds;
    this.numPartitions = numPartitions;
    this.clock = clock;
  }

  /**
   * {@code spark.readStream.format("rate").options(options)}: {@code rowsPerSecond} (default 1),
   * {@code rampUpTime} (a duration such as {@code 5s} or {@code 1m}, plain numbers are seconds; default 0)
   * and {@code numPartitions} (default: the planner's parallelism). Keys are case-insensitive.
   *
   * @throws EmberIllegalArgumentException with Spark's message for a value out of range or not a number
   */
  public static RateSource create(Map<String, String> options) {
    return create(options, SystemUtcClock.INSTANCE);
  }

  /** As {@link #create(Map)} with the given clock (tests); {@link #create(Map)} uses the {@link SystemUtcClock}. */
  public static RateSource create(Map<String, String> options, Clock clock) {
    FileOptions o = new FileOptions(options);
    long rows = parseLong(o, ROWS_PER_SECOND, 1);
    long rampUp = o.contains(RAMP_UP_TIME) ? Durations.toSeconds(RAMP_UP_TIME, o.get(RAMP_UP_TIME, "0")) : 0;
    long partitions = o.contains(NUM_PARTITIONS) ? parseLong(o, NUM_PARTITIONS, 0) : 0;
    if (o.contains(NUM_PARTITIONS) && (partitions <= 0 || partitions > Integer.MAX_VALUE)) {
      throw invalid("Invalid value '" + partitions + "'. The option 'numPartitions' must be positive");
    }
    return new RateSource(rows, rampUp, (int) partitions, clock);
  }

  private static long parseLong(FileOptions o, String key, long fallback) {
    String v = o.get(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw FileOptions.invalid(key, v, "an integer");
    }
  }

  private static EmberIllegalArgumentException invalid(String message) {
    return new EmberIllegalArgumentException("INVALID_OPTION_VALUE", message);
  }

  /**
   * The number of values due after {@code seconds} whole seconds, as Spark's
   * {@code RateStreamProvider.valueAtSecond}: the speed grows by {@code rowsPerSecond / (rampUpSeconds + 1)}
   * (integer division) each second during the ramp-up, then stays at {@code rowsPerSecond}.
   */
  public static long valueAtSecond(long seconds, long rowsPerSecond, long rampUpSeconds) {
    long speedDelta = rowsPerSecond / (rampUpSeconds + 1);
    if (seconds <= rampUpSeconds) {
      // (speedDelta * seconds) * (seconds + 1) / 2, divided first where it is exact to avoid overflow
      return seconds % 2 == 1 ? (seconds + 1) / 2 * speedDelta * seconds : seconds / 2 * speedDelta * (seconds + 1);
    }
    return valueAtSecond(rampUpSeconds, rowsPerSecond, rampUpSeconds) + (seconds - rampUpSeconds) * rowsPerSecond;
  }

  /**
   * Partition {@code partition} of {@code numPartitions}, reading from the start time {@code startMillis}
   * (epoch ms) that all partitions of a job share.
   */
  public record Split(int partition, int numPartitions, long startMillis) implements SourceSplit {
    @Override
    public String splitId() {
      return "rate-" + partition + "-of-" + numPartitions;
    }
  }

  public long rowsPerSecond() {
    return rowsPerSecond;
  }

  public long rampUpSeconds() {
    return rampUpSeconds;
  }

  @Override
  public StructType schema() {
    return SCHEMA;
  }

  @Override
  public boolean isBounded() {
    return false;
  }

  @Override
  public int fixedParallelism() {
    return numPartitions;
  }

  /** One split per partition, all with the clock's time now as their start. */
  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    int n = numPartitions > 0 ? numPartitions : Math.max(1, parallelismHint);
    long start = clock.millis();
    List<SourceSplit> splits = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      splits.add(new Split(p, n, start));
    }
    return splits;
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<Split> mine = new ArrayList<>(splits.size());
    for (SourceSplit s : splits) {
      mine.add((Split) s);
    }
    return new RateReader(this, mine, Math.max(1, context.batchSize()), clock);
  }

  @Override
  public String explain() {
    return "RateStream(rowsPerSecond=" + rowsPerSecond + ", rampUpTimeSeconds=" + rampUpSeconds
        + ", numPartitions=" + (numPartitions > 0 ? numPartitions : "default") + ") schema=" + SCHEMA.simpleString();
  }

  /**
   * Reads one or more partitions (normally one per task), taking turns: each poll emits due values of the
   * next partition that has some. Per partition the offset is the next value to emit.
   */
  private static final class RateReader implements SourceReader {
    private static final byte VERSION = 1;
    private final RateSource source;
    private final List<Split> splits;
    private final Partition[] partitions;
    private final int batchSize;
    private final Clock clock;
    private int turn;
    /** Per partition, the value a replayed epoch ends before ({@link #replayUntil}); null when not replaying. */
    private long[] replayEnd;

    RateReader(RateSource source, List<Split> splits, int batchSize, Clock clock) {
      this.source = source;
      this.splits = splits;
      this.batchSize = batchSize;
      this.clock = clock;
      this.partitions = new Partition[splits.size()];
      for (int i = 0; i < partitions.length; i++) {
        Split s = splits.get(i);
        partitions[i] = new Partition(s.partition(), s.numPartitions(), s.startMillis(), s.partition());
      }
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      long now = clock.millis();
      boolean replayed = replayEnd != null;
      for (int k = 0; k < partitions.length; k++) {
        int i = (turn + k) % partitions.length;
        long limit = replayEnd == null ? Long.MAX_VALUE : replayEnd[i];
        Batch b = partitions[i].emitDue(now, source.rowsPerSecond, source.rampUpSeconds, batchSize, limit);
        if (b != null) {
          turn = (i + 1) % partitions.length;
          out.accept(b);
          return Status.MORE_AVAILABLE;
        }
        replayed &= partitions[i].next >= limit;
      }
      return replayed ? Status.WAITING_FOR_EPOCH : Status.NOTHING_AVAILABLE;
    }

    /** Version, partition count, then per partition: partition id, start time, next value. */
    @Override
    public byte[] snapshotOffsets(long epoch) {
      replayEnd = null;
      ByteBuffer buf = ByteBuffer.allocate(1 + 4 + partitions.length * (4 + 8 + 8)).put(VERSION).putInt(partitions.length);
      for (Partition p : partitions) {
        buf.putInt(p.partition).putLong(p.startMillis).putLong(p.next);
      }
      return buf.array();
    }

    @Override
    public void restoreOffsets(byte[] offsets) {
      ByteBuffer buf = ByteBuffer.wrap(offsets);
      byte version = buf.get();
      if (version != VERSION) {
        throw new EmberRuntimeException("INVALID_OFFSET", "Unknown rate source offset version " + version + ".");
      }
      int count = buf.getInt();
      if (count != partitions.length) {
        throw new EmberRuntimeException("INVALID_OFFSET", "The rate source offset holds " + count
            + " partitions but this reader reads " + partitions.length + "; numPartitions must not change across restarts.");
      }
      for (int i = 0; i < count; i++) {
        int id = buf.getInt();
        long start = buf.getLong();
        long next = buf.getLong();
        Split s = splits.get(i);
        if (id != s.partition() || Math.floorMod(next, s.numPartitions()) != s.partition()) {
          throw new EmberRuntimeException("INVALID_OFFSET", "The rate source offset for partition " + id
              + " (next value " + next + ") does not belong to " + s.splitId() + ".");
        }
        partitions[i] = new Partition(s.partition(), s.numPartitions(), start, next);
      }
    }

    /** Emits each partition's values up to its next value in {@code endOffsets}, then waits for the cut. */
    @Override
    public boolean replayUntil(byte[] endOffsets) {
      Partition[] at = partitions.clone();
      restoreOffsets(endOffsets); // checks that the offsets belong to these splits
      long[] end = new long[partitions.length];
      for (int i = 0; i < end.length; i++) {
        end[i] = partitions[i].next;
        if (end[i] < at[i].next) {
          throw new EmberRuntimeException("INVALID_OFFSET", "The rate source cannot replay partition "
              + at[i].partition + " up to value " + end[i] + ": it is already at value " + at[i].next + ".");
        }
      }
      System.arraycopy(at, 0, partitions, 0, at.length);
      replayEnd = end;
      return true;
    }

    /**
     * Spark's rate offset: the whole seconds since the start whose values this reader has all emitted
     * (the least over its partitions).
     */
    @Override
    public String describeOffsets() {
      long least = Long.MAX_VALUE;
      for (Partition p : partitions) {
        least = Math.min(least, p.completedSeconds(source.rowsPerSecond, source.rampUpSeconds));
      }
      return Long.toString(partitions.length == 0 ? 0 : least);
    }

    @Override
    public void close() {}
  }

  /** The position of one partition: the next value it emits. */
  private static final class Partition {
    final int partition;
    final int numPartitions;
    final long startMillis;
    long next;

    Partition(int partition, int numPartitions, long startMillis, long next) {
      this.partition = partition;
      this.numPartitions = numPartitions;
      this.startMillis = startMillis;
      this.next = next;
    }

    /** The next batch of due values below {@code limit}, or null when none is due. */
    Batch emitDue(long nowMillis, long rowsPerSecond, long rampUp, int batchSize, long limit) {
      long elapsedSeconds = nowMillis <= startMillis ? 0 : (nowMillis - startMillis) / 1000;
      long due = Math.min(limit, valueAtSecond(elapsedSeconds, rowsPerSecond, rampUp));
      if (next >= due) {
        return null;
      }
      int n = (int) Math.min(batchSize, (due - next + numPartitions - 1) / numPartitions);
      long[] timestamps = new long[n];
      long[] values = new long[n];
      long second = secondOf(next, rowsPerSecond, rampUp);
      long rangeStart = valueAtSecond(second, rowsPerSecond, rampUp);
      long rangeEnd = valueAtSecond(second + 1, rowsPerSecond, rampUp);
      for (int i = 0; i < n; i++) {
        long v = next + (long) i * numPartitions;
        while (v >= rangeEnd) {
          second++;
          rangeStart = rangeEnd;
          rangeEnd = valueAtSecond(second + 1, rowsPerSecond, rampUp);
        }
        double msPerValue = 1000.0 / (rangeEnd - rangeStart);
        long millis = Math.round(startMillis + second * 1000 + (v - rangeStart) * msPerValue);
        timestamps[i] = millis * 1000;
        values[i] = v;
      }
      next += (long) n * numPartitions;
      return new Batch(SCHEMA, new ColumnVector[] {
          new LongVector(DataTypes.TIMESTAMP, timestamps, null, n), new LongVector(DataTypes.LONG, values, null, n)}, n);
    }

    /** The second whose values include {@code value}: the greatest s with valueAtSecond(s) <= value. */
    static long secondOf(long value, long rowsPerSecond, long rampUp) {
      long lo = 0;
      long hi = 1;
      while (valueAtSecond(hi, rowsPerSecond, rampUp) <= value) {
        lo = hi;
        hi *= 2;
      }
      while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        if (valueAtSecond(mid, rowsPerSecond, rampUp) <= value) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    long completedSeconds(long rowsPerSecond, long rampUp) {
      // the first s seconds are done when no value of this partition below valueAtSecond(s) is pending,
      // that is when valueAtSecond(s) <= next (next itself belongs to this partition)
      return secondOf(next, rowsPerSecond, rampUp);
    }
  }
}
