package io.ember.benchmarks.jmh;

import io.ember.benchmarks.nexmark.NexmarkQueries;
import io.ember.benchmarks.nexmark.NexmarkSource;
import io.ember.benchmarks.nexmark.NexmarkStream;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.core.data.Batch;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Nexmark source alone, on one thread: one reader turning generated events into batches of {@link #BATCH}
 * events (Ember's default batch size). Scores are the stream's events per second on one core, generation included
 * (the generator's cost is the same for every read).
 *
 * <p>Sweeps the stream and what is read: {@code all} columns (q0/q1 read every bid column), or {@code pruned}: the
 * columns a query reads after projection pruning, with its filter pushed into the source (auctions as q3, of
 * category 10: id, dateTime, seller; persons as q3: id, name, city, state, dateTime, of state 'OR', one of q3's
 * three states; bids as q2: auction, price, dateTime).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class NexmarkSourceBenchmark {
  /** Events per batch: Ember's default {@code ember.batchSize}. */
  public static final int BATCH = 8192;
  /** Events of the whole sequence: more than an iteration reads; a reader that ends is replaced. */
  private static final long EVENTS = 2_000_000_000L;

  @Param({"BID", "AUCTION", "PERSON"})
  public String stream;

  @Param({"all", "pruned"})
  public String read;

  private Source source;
  private SourceReader reader;

  @Setup(Level.Trial)
  public void setUp() {
    NexmarkStream s = NexmarkStream.valueOf(stream);
    NexmarkSource full = new NexmarkSource(s, EVENTS, 1, NexmarkQueries.SEED, NexmarkQueries.INTER_EVENT_DELAY_MICROS);
    source = "all".equals(read) ? full : pruned(s, full);
    reader = newReader();
  }

  /** What q3 reads of auctions and persons, and q2 of bids (its filter left out: it passes one bid in ~100). */
  private static Source pruned(NexmarkStream s, NexmarkSource full) {
    return switch (s) {
      case AUCTION -> full.withFilters(List.of(new Comparison(Comparison.Op.EQ, ref(s, 8),
          new Literal(10L, DataTypes.LONG)))).withColumns(new int[] {0, 5, 7});
      case PERSON -> full.withFilters(List.of(new Comparison(Comparison.Op.EQ, ref(s, 5),
          new Literal("OR", DataTypes.STRING)))).withColumns(new int[] {0, 1, 4, 5, 6});
      case BID -> full.withColumns(new int[] {0, 2, 3});
    };
  }

  private static ColumnRef ref(NexmarkStream s, int column) {
    StructField f = s.schema().field(column);
    return new ColumnRef(column, f.name(), f.dataType(), false);
  }

  private SourceReader newReader() {
    return source.createReader(source.planSplits(1),
        new ReaderContext(0, 1, BATCH, EvalContext.defaults()));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batch(Blackhole bh) {
    if (reader.pollNext(bh::consume) != SourceReader.Status.MORE_AVAILABLE) {
      reader = newReader();
    }
  }
}
