package io.ember.runtime.remote;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bounded source of {@code rows} rows {@code (id, s)} in one batch, {@code s} being {@link #text} of {@code chars}
 * characters: a batch far larger than one Artery frame when rows times chars is. A plain value: it can run on any
 * node.
 */
record WideRowsSource(int rows, int chars) implements Source {
  static final StructType SCHEMA =
      DataTypes.struct(DataTypes.field("id", DataTypes.LONG), DataTypes.field("s", DataTypes.STRING));

  record Whole(String splitId) implements SourceSplit {}

  /** Row {@code id}'s string: its id, then a letter that depends on the id, to {@code chars} characters. */
  static String text(long id, int chars) {
    String head = id + ":";
    return head + String.valueOf((char) ('a' + id % 26)).repeat(Math.max(0, chars - head.length()));
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
  public int fixedParallelism() {
    return 1;
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return List.of(new Whole("all"));
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    return new SourceReader() {
      private boolean done;

      @Override
      public Status pollNext(Consumer<Batch> out) {
        if (done) {
          return Status.END_OF_INPUT;
        }
        VectorBuilder ids = VectorBuilder.forType(DataTypes.LONG, rows);
        VectorBuilder texts = VectorBuilder.forType(DataTypes.STRING, rows);
        for (long id = 0; id < rows; id++) {
          ids.append(id);
          texts.append(text(id, chars));
        }
        out.accept(new Batch(SCHEMA, List.of(ids.build(), texts.build()), rows));
        done = true;
        return Status.MORE_AVAILABLE;
      }

      @Override
      public byte[] snapshotOffsets(long epoch) {
        return new byte[] {(byte) (done ? 1 : 0)};
      }

      @Override
      public void restoreOffsets(byte[] offsets) {
        done = offsets[0] == 1;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public String explain() {
    return "WideRowsSource(" + rows + " x " + chars + ")";
  }
}
