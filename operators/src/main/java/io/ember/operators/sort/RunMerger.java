package io.ember.operators.sort;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A k-way merge of sorted runs, each a source of batches (null after its last), into batches of at most
 * {@code batchSize} rows. Rows with equal keys come from the run listed first, so merging runs of consecutive
 * arrivals in arrival order keeps a sort stable. Holds one batch per run. Single use; not thread-safe.
 */
final class RunMerger {
  private final StructType schema;
  private final PermutationSort permutation;
  private final Function<Batch, ColumnVector[]> keys;
  private final int batchSize;
  private VectorBuilder[] builders;
  private int built;

  RunMerger(StructType schema, PermutationSort permutation, Function<Batch, ColumnVector[]> keys, int batchSize) {
    this.schema = schema;
    this.permutation = permutation;
    this.keys = keys;
    this.batchSize = batchSize;
  }

  /** Merges {@code runs}, handing the first {@code limit} rows to {@code out} in batches. */
  void merge(List<Supplier<Batch>> runs, long limit, Consumer<Batch> out) {
    PriorityQueue<Cursor> queue = new PriorityQueue<>(Math.max(1, runs.size()), (a, b) -> {
      int c = permutation.compare(a.keys, a.row, b.keys, b.row);
      return c != 0 ? c : Integer.compare(a.rank, b.rank);
    });
    for (int i = 0; i < runs.size(); i++) {
      Cursor cursor = new Cursor(i, runs.get(i));
      if (cursor.load()) {
        queue.add(cursor);
      }
    }
    long left = limit;
    newBuilders();
    while (left > 0 && !queue.isEmpty()) {
      if (queue.size() == 1) {
        left = drain(queue.poll(), left, out);
        break;
      }
      Cursor top = queue.poll();
      append(top.batch, top.row);
      left--;
      if (built == batchSize) {
        out.accept(flush());
      }
      if (top.advance()) {
        queue.add(top);
      }
    }
    if (built > 0) {
      out.accept(flush());
    }
  }

  /** Copies the rest of the last run: the rows pending in the builders first, then whole slices. */
  private long drain(Cursor cursor, long left, Consumer<Batch> out) {
    do {
      while (built > 0 && left > 0 && cursor.row < cursor.batch.numRows()) {
        append(cursor.batch, cursor.row++);
        left--;
        if (built == batchSize) {
          out.accept(flush());
        }
      }
      int rest = cursor.batch.numRows() - cursor.row;
      if (built == 0 && rest > 0 && left > 0) {
        int count = (int) Math.min(rest, left);
        out.accept(cursor.row == 0 && count == cursor.batch.numRows() ? cursor.batch
            : cursor.batch.slice(cursor.row, count));
        left -= count;
      }
    } while (left > 0 && cursor.load());
    return left;
  }

  private void append(Batch batch, int row) {
    for (int c = 0; c < builders.length; c++) {
      builders[c].appendFrom(batch.column(c), row);
    }
    built++;
  }

  private Batch flush() {
    ColumnVector[] columns = new ColumnVector[builders.length];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = builders[c].build();
    }
    Batch batch = new Batch(schema, columns, built);
    newBuilders();
    return batch;
  }

  private void newBuilders() {
    builders = new VectorBuilder[schema.size()];
    for (int c = 0; c < builders.length; c++) {
      builders[c] = VectorBuilder.forType(schema.field(c).dataType(), batchSize);
    }
    built = 0;
  }

  /** A run's current batch, its key vectors and the next row. */
  private final class Cursor {
    final int rank;
    final Supplier<Batch> source;
    Batch batch;
    ColumnVector[] keys;
    int row;

    Cursor(int rank, Supplier<Batch> source) {
      this.rank = rank;
      this.source = source;
    }

    /** Moves to the next non-empty batch; false at the end of the run. */
    boolean load() {
      do {
        batch = source.get();
        if (batch == null) {
          return false;
        }
      } while (batch.numRows() == 0);
      keys = RunMerger.this.keys.apply(batch);
      row = 0;
      return true;
    }

    /** Moves to the next row; false at the end of the run. */
    boolean advance() {
      row++;
      return row < batch.numRows() || load();
    }
  }
}
