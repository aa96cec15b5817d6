package io.ember.api.execution;

import io.ember.connectors.memory.MemorySource;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An in-memory source that applies pushed columns and filters as it is asked to, and remembers what was pushed. */
public final class PushdownSource implements SupportsPushdown {
  private final StructType schema;
  private final List<Batch> batches;
  private final String pushed;

  public PushdownSource(StructType schema, List<Batch> batches) {
    this(schema, batches, "");
  }

  private PushdownSource(StructType schema, List<Batch> batches, String pushed) {
    this.schema = schema;
    this.batches = List.copyOf(batches);
    this.pushed = pushed;
  }

  /** What was pushed so far, e.g. {@code filters=[(x > 1)] columns=[0, 2]}. */
  public String pushed() {
    return pushed.trim();
  }

  @Override
  public Source withColumns(int[] columnIndices) {
    List<Batch> out = new ArrayList<>();
    for (Batch b : batches) {
      out.add(b.selectColumns(columnIndices));
    }
    return new PushdownSource(schema.select(columnIndices), out, pushed + " columns=" + Arrays.toString(columnIndices));
  }

  @Override
  public Source withFilters(List<Expression> filters) {
    List<Batch> out = new ArrayList<>();
    for (Batch b : batches) {
      int[] keep = new int[b.numRows()];
      int n = 0;
      for (int r = 0; r < b.numRows(); r++) {
        boolean all = true;
        for (Expression f : filters) {
          ColumnVector v = f.evaluate(b, EvalContext.defaults());
          all &= Boolean.TRUE.equals(v.get(r));
        }
        if (all) {
          keep[n++] = r;
        }
      }
      out.add(b.take(keep, n));
    }
    return new PushdownSource(schema, out,
        pushed + " filters=" + filters.stream().map(Expression::sql).toList());
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return new MemorySource(schema, batches).planSplits(parallelismHint);
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    return new MemorySource(schema, batches).createReader(splits, context);
  }

  @Override
  public String explain() {
    return "PushdownScan " + schema.fieldNames() + (pushed.isEmpty() ? "" : " pushed: " + pushed());
  }
}
