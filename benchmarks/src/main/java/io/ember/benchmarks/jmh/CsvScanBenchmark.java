package io.ember.benchmarks.jmh;

import io.ember.benchmarks.data.CategoryTotals;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.EventsSpec;
import io.ember.connectors.file.DdlSchema;
import io.ember.connectors.file.FileSources;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CSV scan alone, on one thread: {@link #ROWS} generated events rows (about 45 MB, in the page cache
 * after the first read) parsed into batches with the explicit schema {@link EventsGenerator#SCHEMA_DDL}.
 * Scores are rows per second on one core; MB/s is rows/s times {@code bytes / ROWS} (printed at setup).
 *
 * <p>Sweeps the columns the scan must produce: all five, or only {@code category, price} as the
 * group-by-category query needs after projection pruning.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CsvScanBenchmark {
  /** Data rows in the scanned file. */
  public static final int ROWS = 1_000_000;

  @Param({"all", "category,price"})
  public String columns;

  private Path dir;
  private Source source;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("ember-csv-scan");
    Path file = dir.resolve("events.csv");
    CategoryTotals t = EventsGenerator.ensure(EventsSpec.ofRows(ROWS, 20, EventsSpec.DEFAULT_SEED), file);
    System.out.printf("%n# CSV file: %d rows, %d bytes (%.1f bytes/row)%n", t.rows(), t.bytes(),
        (double) t.bytes() / t.rows());
    Source full = FileSources.create("csv", List.of(file.toString()), Map.of("header", "true"),
        DdlSchema.parse(EventsGenerator.SCHEMA_DDL));
    source = columns.equals("all") ? full : ((SupportsPushdown) full).withColumns(indices(full.schema(), columns));
  }

  @TearDown
  public void tearDown() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** Reads the whole file once. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long scan(Blackhole bh) {
    ReaderContext ctx = new ReaderContext(0, 1, OperatorContext.DEFAULT_BATCH_SIZE, EvalContext.defaults());
    long rows = 0;
    long[] seen = new long[1];
    try (SourceReader reader = source.createReader(source.planSplits(1), ctx)) {
      while (reader.pollNext(b -> {
        seen[0] += b.numRows();
        bh.consume(b);
      }) != SourceReader.Status.END_OF_INPUT) {
        rows = seen[0];
      }
    }
    if (seen[0] != ROWS) {
      throw new IllegalStateException("Scanned " + seen[0] + " rows, expected " + ROWS);
    }
    return rows;
  }

  private static int[] indices(StructType schema, String names) {
    String[] n = names.split(",");
    int[] out = new int[n.length];
    for (int i = 0; i < n.length; i++) {
      out[i] = schema.requireIndex(n[i]);
    }
    return out;
  }
}
