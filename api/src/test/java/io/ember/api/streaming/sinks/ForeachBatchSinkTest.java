package io.ember.api.streaming.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeachBatchSinkTest {
  private static final StructType SCHEMA = new StructType(List.of(
      new StructField("word", DataTypes.STRING, true), new StructField("n", DataTypes.LONG, false)));

  Session session;
  @TempDir Path dir;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("foreach-batch").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static Batch batch(Row... rows) {
    return Batch.fromRows(SCHEMA, List.of(rows));
  }

  private record Call(long batchId, List<Row> rows, long count) {}

  @Test
  void eachEpochIsHandedOverOnceAsABatchDataFrame() {
    List<Call> calls = new ArrayList<>();
    ForeachBatchSink sink = new ForeachBatchSink(session, SCHEMA,
        (df, id) -> calls.add(new Call(id, df.collectAsList(), df.count())));
    SinkWriter w0 = sink.createWriter(0, 2, SCHEMA);
    SinkWriter w1 = sink.createWriter(1, 2, SCHEMA);
    w1.write(batch(Row.of("c", 3L)));
    w0.write(batch(Row.of("a", 1L)));
    w0.write(batch(Row.of("b", 2L)));
    List<CommitMessage> epoch0 = List.of(w1.prepareCommit(0), w0.prepareCommit(0));
    assertEquals(List.of(), calls, "nothing before commit");
    sink.commit(0, epoch0);
    sink.commit(0, epoch0);

    w1.write(batch(Row.of("d", 4L)));
    sink.commit(1, List.of(w0.prepareCommit(1), w1.prepareCommit(1)));
    sink.commit(2, List.of(w0.prepareCommit(2), w1.prepareCommit(2)));

    assertEquals(List.of(
        new Call(0, List.of(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L)), 3),
        new Call(1, List.of(Row.of("d", 4L)), 1),
        new Call(2, List.of(), 0)), calls);
  }

  @Test
  void theDataFrameSupportsTransformationsAndWrites() throws IOException {
    List<DataFrame> seen = new ArrayList<>();
    Path out = dir.resolve("copy");
    ForeachBatchSink sink = new ForeachBatchSink(session, SCHEMA, (df, id) -> {
      assertFalse(df.isEmpty());
      df.filter(df.col("n").gt(1)).write().mode("append").json(out.toString());
      seen.add(df);
    });
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L)));
    sink.commit(0, List.of(w.prepareCommit(0)));

    List<Row> back = new ArrayList<>(session.read().schema(SCHEMA).json(out.toString()).collectAsList());
    back.sort(Comparator.comparing(r -> r.getString(0)));
    assertEquals(List.of(Row.of("b", 2L), Row.of("c", 3L)), back);
    assertEquals(SCHEMA, seen.get(0).schema());
    assertEquals(3, seen.get(0).count(), "the DataFrame stays usable after the call");
  }

  @Test
  void abortedRowsAreNeverHandedOver() {
    List<Call> calls = new ArrayList<>();
    ForeachBatchSink sink = new ForeachBatchSink(session, SCHEMA,
        (df, id) -> calls.add(new Call(id, df.collectAsList(), df.count())));
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(Row.of("lost", 9L)));
    w.abort();
    sink.abort(0, List.of());
    w.write(batch(Row.of("kept", 1L)));
    sink.commit(0, List.of(w.prepareCommit(0)));
    assertEquals(List.of(new Call(0, List.of(Row.of("kept", 1L)), 1)), calls);
  }

  @Test
  void aFailingFunctionFailsTheCommitAndARetryCallsItAgain() {
    List<Long> ids = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    ForeachBatchSink sink = new ForeachBatchSink(session, SCHEMA, (df, id) -> {
      ids.add(id);
      if (ids.size() == 1) {
        throw boom;
      }
    });
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(Row.of("a", 1L)));
    List<CommitMessage> epoch = List.of(w.prepareCommit(0));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> sink.commit(0, epoch));
    assertEquals("[FOREACH_BATCH_USER_FUNCTION_ERROR] An error occurred in the user provided function in foreach"
        + " batch sink. Reason: boom", e.getMessage());
    assertSame(boom, e.getCause());
    sink.commit(0, epoch);
    assertEquals(List.of(0L, 0L), ids);
  }
}
