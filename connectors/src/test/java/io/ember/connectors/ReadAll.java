package io.ember.connectors;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import java.util.ArrayList;
import java.util.List;

/** Test driver: reads a source the way the runtime does, synchronously. */
public final class ReadAll {
  private ReadAll() {}

  public static ReaderContext context(int batchSize) {
    return new ReaderContext(0, 1, batchSize, EvalContext.defaults());
  }

  /** All rows, splits planned for {@code hint} tasks and read in order by one reader. */
  public static List<Row> rows(Source source, int hint, int batchSize) {
    List<Row> out = new ArrayList<>();
    for (Batch b : batches(source, hint, batchSize)) {
      out.addAll(b.toRows());
    }
    return out;
  }

  public static List<Row> rows(Source source) {
    return rows(source, 1, 1024);
  }

  public static List<Batch> batches(Source source, int hint, int batchSize) {
    List<SourceSplit> splits = source.planSplits(hint);
    List<Batch> out = new ArrayList<>();
    try (SourceReader r = source.createReader(splits, context(batchSize))) {
      drain(r, out, Integer.MAX_VALUE);
    }
    return out;
  }

  /** Polls until end of input or {@code maxBatches} batches; returns the number of batches taken. */
  public static int drain(SourceReader r, List<Batch> out, int maxBatches) {
    int taken = 0;
    while (taken < maxBatches) {
      int before = out.size();
      SourceReader.Status s = r.pollNext(out::add);
      taken += out.size() - before;
      if (s == SourceReader.Status.END_OF_INPUT) {
        break;
      }
    }
    return taken;
  }
}
