package io.ember.connectors.memory;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Spark's {@code spark.range(start, end, step, numPartitions)}: one non-nullable bigint column {@code id}
 * holding {@code start, start + step, ...} up to (excluding) {@code end}. Bounded and replayable: the
 * offset of a split is the number of values emitted from it.
 */
public final class RangeSource implements Source {
  /** The schema: {@code id bigint not null}. */
  public static final StructType SCHEMA = new StructType(List.of(new StructField("id", DataTypes.LONG, false)));

  private final long start;
  private final long end;
  private final long step;
  private final int numPartitions;
  private final long count;

  /**
   * @param numPartitions the number of splits; 0 or less means "use the parallelism hint"
   * @throws EmberIllegalArgumentException when {@code step} is 0
   */
  public RangeSource(long start, long end, long step, int numPartitions) {
    if (step == 0) {
      throw new EmberIllegalArgumentException("INVALID_PARAMETER_VALUE", "The step of range must not be 0.");
    }
    this.start = start;
    this.end = end;
    this.step = step;
    this.numPartitions = numPartitions;
    BigInteger span = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
    BigInteger st = BigInteger.valueOf(step);
    if (span.signum() == 0 || span.signum() != st.signum()) {
      this.count = 0;
    } else {
      BigInteger[] qr = span.divideAndRemainder(st);
      BigInteger n = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
      if (n.bitLength() > 63) {
        throw new EmberIllegalArgumentException(
            "INVALID_PARAMETER_VALUE", "The range from " + start + " to " + end + " by " + step + " has too many values.");
      }
      this.count = n.longValue();
    }
  }

  /** Values {@code [first, first + count)} by index. */
  public record Split(int index, long firstIndex, long count) implements SourceSplit {
    @Override
    public String splitId() {
      return "range-" + index;
    }
  }

  /** The number of values the range holds. */
  public long count() {
    return count;
  }

  @Override
  public StructType schema() {
    return SCHEMA;
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    int n = numPartitions > 0 ? numPartitions : Math.max(1, parallelismHint);
    List<SourceSplit> splits = new ArrayList<>(n);
    BigInteger total = BigInteger.valueOf(count);
    for (int i = 0; i < n; i++) {
      long from = total.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)).longValue();
      long to = total.multiply(BigInteger.valueOf(i + 1L)).divide(BigInteger.valueOf(n)).longValue();
      splits.add(new Split(i, from, to - from));
    }
    return splits;
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<Split> mine = new ArrayList<>(splits.size());
    for (SourceSplit s : splits) {
      mine.add((Split) s);
    }
    return new Reader(mine, Math.max(1, context.batchSize()));
  }

  @Override
  public String explain() {
    return "Range (" + start + ", " + end + ", step=" + step + ", splits=" + numPartitions + ")";
  }

  private final class Reader implements SourceReader {
    private static final byte VERSION = 1;
    private final List<Split> splits;
    private final int batchSize;
    private int split;
    private long emitted;

    Reader(List<Split> splits, int batchSize) {
      this.splits = splits;
      this.batchSize = batchSize;
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      while (split < splits.size() && emitted >= splits.get(split).count()) {
        split++;
        emitted = 0;
      }
      if (split >= splits.size()) {
        return Status.END_OF_INPUT;
      }
      Split s = splits.get(split);
      int n = (int) Math.min(batchSize, s.count() - emitted);
      long[] values = new long[n];
      long index = s.firstIndex() + emitted;
      for (int i = 0; i < n; i++) {
        values[i] = start + (index + i) * step;
      }
      emitted += n;
      out.accept(new Batch(SCHEMA, new ColumnVector[] {new LongVector(DataTypes.LONG, values, null, n)}, n));
      return Status.MORE_AVAILABLE;
    }

    @Override
    public byte[] snapshotOffsets(long epoch) {
      return ByteBuffer.allocate(13).put(VERSION).putInt(split).putLong(emitted).array();
    }

    @Override
    public void restoreOffsets(byte[] offsets) {
      ByteBuffer buf = ByteBuffer.wrap(offsets);
      byte version = buf.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("Unknown range offset version " + version);
      }
      split = buf.getInt();
      emitted = buf.getLong();
    }

    @Override
    public void close() {}
  }
}
