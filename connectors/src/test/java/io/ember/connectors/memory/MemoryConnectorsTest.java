package io.ember.connectors.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.connectors.ReadAll;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MemoryConnectorsTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER));

  private static Batch batch(int... values) {
    List<Row> rows = new ArrayList<>();
    for (int v : values) {
      rows.add(Row.of(v));
    }
    return Batch.fromRows(SCHEMA, rows);
  }

  private static List<Long> ids(List<Row> rows) {
    return rows.stream().map(r -> (Long) r.get(0)).toList();
  }

  @Test
  void memorySourceSplitsBatchesAndCutsThemToTheBatchSize() {
    MemorySource s = new MemorySource(SCHEMA, List.of(batch(1, 2, 3), batch(4), batch(5, 6)));
    List<SourceSplit> splits = s.planSplits(2);
    assertEquals(List.of(new MemorySource.Split(0, 0, 1), new MemorySource.Split(1, 1, 3)), splits);
    assertEquals(List.of(Row.of(1), Row.of(2), Row.of(3), Row.of(4), Row.of(5), Row.of(6)), ReadAll.rows(s, 2, 2));
    assertEquals(4, ReadAll.batches(s, 2, 2).size());
  }

  @Test
  void memorySourceResumesFromOffsets() {
    MemorySource s = new MemorySource(SCHEMA, List.of(batch(1, 2, 3), batch(4, 5)));
    List<SourceSplit> splits = s.planSplits(1);
    List<Batch> out = new ArrayList<>();
    byte[] offsets;
    try (SourceReader r = s.createReader(splits, ReadAll.context(2))) {
      ReadAll.drain(r, out, 2);
      offsets = r.snapshotOffsets(3);
    }
    try (SourceReader r = s.createReader(splits, ReadAll.context(2))) {
      r.restoreOffsets(offsets);
      ReadAll.drain(r, out, Integer.MAX_VALUE);
    }
    List<Row> rows = new ArrayList<>();
    out.forEach(b -> rows.addAll(b.toRows()));
    assertEquals(List.of(Row.of(1), Row.of(2), Row.of(3), Row.of(4), Row.of(5)), rows);
  }

  @Test
  void rangeMatchesSparkRange() {
    assertEquals(LongStream.range(0, 10).boxed().toList(), ids(ReadAll.rows(new RangeSource(0, 10, 1, 3), 1, 4)));
    assertEquals(List.of(10L, 7L, 4L, 1L), ids(ReadAll.rows(new RangeSource(10, 0, -3, 0), 2, 100)));
    assertEquals(List.of(), ids(ReadAll.rows(new RangeSource(5, 0, 1, 2))));
    assertEquals("struct<id:bigint>", new RangeSource(0, 1, 1, 1).schema().simpleString());
    assertEquals(false, new RangeSource(0, 1, 1, 1).schema().field(0).nullable());
    assertEquals(4, new RangeSource(0, 10, 1, 4).planSplits(99).size());
    assertEquals(Long.MAX_VALUE / 2 + 1, new RangeSource(0, Long.MAX_VALUE, 2, 1).count());
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> new RangeSource(0, 5, 0, 1));
    assertEquals("[INVALID_PARAMETER_VALUE] The step of range must not be 0.", e.getMessage());
  }

  @Test
  void rangeResumesFromOffsets() {
    RangeSource s = new RangeSource(0, 20, 2, 2);
    List<SourceSplit> splits = s.planSplits(1);
    List<Batch> out = new ArrayList<>();
    byte[] offsets;
    try (SourceReader r = s.createReader(splits, ReadAll.context(3))) {
      ReadAll.drain(r, out, 2);
      offsets = r.snapshotOffsets(1);
    }
    try (SourceReader r = s.createReader(splits, ReadAll.context(3))) {
      r.restoreOffsets(offsets);
      ReadAll.drain(r, out, Integer.MAX_VALUE);
    }
    List<Row> rows = new ArrayList<>();
    out.forEach(b -> rows.addAll(b.toRows()));
    assertEquals(LongStream.range(0, 10).map(i -> i * 2).boxed().toList(), ids(rows));
  }

  @Test
  void collectSinkOrdersByTaskAndCommitsEachEpochOnce() {
    CollectSink sink = new CollectSink();
    SinkWriter w0 = sink.createWriter(0, 2, SCHEMA);
    SinkWriter w1 = sink.createWriter(1, 2, SCHEMA);
    w1.write(batch(3));
    w0.write(batch(1));
    w0.write(batch(2));
    CommitMessage m1 = w1.prepareCommit(0);
    CommitMessage m0 = w0.prepareCommit(0);
    sink.commit(0, List.of(m1, m0));
    sink.commit(0, List.of(m1, m0));
    w0.write(batch(9));
    w0.abort();
    w0.write(batch(4));
    sink.commit(1, List.of(w0.prepareCommit(1)));
    List<Row> rows = new ArrayList<>();
    sink.batches().forEach(b -> rows.addAll(b.toRows()));
    assertEquals(List.of(Row.of(1), Row.of(2), Row.of(3), Row.of(4)), rows);
    assertEquals(List.of(0L, 1L), sink.committedEpochs());
  }
}
