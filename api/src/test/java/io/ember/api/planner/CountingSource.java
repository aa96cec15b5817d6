package io.ember.api.planner;

import io.ember.connectors.source.ForwardingSourceReader;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.ColumnRefs;
import io.ember.core.expr.Expression;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A source over another that counts the readers it and every source pushdown derives from it create, and the rows
 * they emit: how often a query reads its input. Pushed columns and filters go to the wrapped source when it supports
 * pushdown, else this source applies them to the batches it passes on. No equality of its own (identity), as most
 * sources.
 */
class CountingSource implements SupportsPushdown, DriverLocal {
  /** What the readers of one counted input did. Thread-safe. */
  static final class Counts {
    final AtomicInteger readers = new AtomicInteger();
    final AtomicLong rows = new AtomicLong();
  }

  final Source inner;
  final Counts counts;
  /** Applied here when {@link #inner} takes no pushdown: the columns of its schema to emit, and filters on them. */
  private final int[] columns;
  private final List<Expression> filters;

  private CountingSource(Source inner, Counts counts, int[] columns, List<Expression> filters) {
    this.inner = inner;
    this.counts = counts;
    this.columns = columns;
    this.filters = List.copyOf(filters);
  }

  /** {@code inner} counted into {@code counts}: a stream when {@code inner} is one. */
  static CountingSource of(Source inner, Counts counts) {
    int[] all = new int[inner.schema().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return of(inner, counts, all, List.of());
  }

  private static CountingSource of(Source inner, Counts counts, int[] columns, List<Expression> filters) {
    return inner instanceof UnboundedSource ? new Stream(inner, counts, columns, filters)
        : new CountingSource(inner, counts, columns, filters);
  }

  /** A counted stream. */
  static final class Stream extends CountingSource implements UnboundedSource {
    Stream(Source inner, Counts counts, int[] columns, List<Expression> filters) {
      super(inner, counts, columns, filters);
    }

    @Override
    public Source availableNow() {
      return of(((UnboundedSource) inner).availableNow(), counts);
    }
  }

  @Override
  public Source withColumns(int[] columnIndices) {
    if (inner instanceof SupportsPushdown p) {
      return of(p.withColumns(columnIndices), counts);
    }
    int[] picked = new int[columnIndices.length];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = columns[columnIndices[i]];
    }
    return of(inner, counts, picked, filters);
  }

  @Override
  public Source withFilters(List<Expression> pushed) {
    if (inner instanceof SupportsPushdown p) {
      return of(p.withFilters(pushed), counts);
    }
    List<Expression> all = new ArrayList<>(filters);
    for (Expression f : pushed) {
      all.add(ColumnRefs.remap(f, columns));
    }
    return of(inner, counts, columns, all);
  }

  @Override
  public StructType schema() {
    return inner instanceof SupportsPushdown ? inner.schema() : inner.schema().select(columns);
  }

  @Override
  public boolean isBounded() {
    return inner.isBounded();
  }

  @Override
  public int fixedParallelism() {
    return inner.fixedParallelism();
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return inner.planSplits(parallelismHint);
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    counts.readers.incrementAndGet();
    return new ForwardingSourceReader(inner.createReader(splits, context)) {
      @Override
      public Status pollNext(Consumer<Batch> out) {
        return delegate.pollNext(b -> {
          Batch kept = pushdown(b, context);
          counts.rows.addAndGet(kept.numRows());
          out.accept(kept);
        });
      }
    };
  }

  /** {@code b} of the wrapped source with the columns and filters applied here. */
  private Batch pushdown(Batch b, ReaderContext context) {
    if (inner instanceof SupportsPushdown) {
      return b;
    }
    List<ColumnVector> tests = new ArrayList<>();
    for (Expression f : filters) {
      tests.add(f.evaluate(b, context.eval()));
    }
    int[] keep = new int[b.numRows()];
    int n = 0;
    for (int r = 0; r < b.numRows(); r++) {
      final int row = r;
      if (tests.stream().allMatch(t -> Boolean.TRUE.equals(t.get(row)))) {
        keep[n++] = r;
      }
    }
    return b.take(keep, n).selectColumns(columns);
  }

  @Override
  public String explain() {
    return "Counting(" + inner.explain() + ")";
  }
}
