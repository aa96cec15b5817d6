package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's errors of readStream / writeStream, found before any job runs. */
class DataStreamWriterErrorsTest extends StreamingSessionTest {
  private static DataFrame stream() {
    return MemoryStream.of(session, KEY_VALUE).toDF();
  }

  @Test
  void isStreamingTellsStreamsFromBatches() {
    assertTrue(stream().isStreaming());
    assertTrue(stream().filter(col("v").gt(1)).select("k").isStreaming());
    assertTrue(session.readStream().format("rate").load().isStreaming());
    assertFalse(session.range(3).isStreaming());
    assertTrue(stream().join(session.range(3), col("v").equalTo(col("id"))).isStreaming(),
        "a stream joined with a table is a stream");
  }

  @Test
  void writeStreamOnABatchDataFrameFails() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.range(3).writeStream());
    assertEquals("[WRITE_STREAM_NOT_ALLOWED] 'writeStream' can be called only on streaming Dataset/DataFrame.",
        e.getMessage());
  }

  @Test
  void memorySinkNeedsAQueryName() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> stream().writeStream().format("memory").start());
    assertTrue(e.getMessage().contains("queryName must be specified for memory sink"), e.getMessage());
    assertTrue(session.streams().active().length == 0);
  }

  @Test
  void unknownFormatsAreNotFound() {
    AnalysisException w = assertThrows(AnalysisException.class,
        () -> stream().writeStream().format("kafka2").start());
    assertEquals("DATA_SOURCE_NOT_FOUND", w.errorClass());
    AnalysisException r = assertThrows(AnalysisException.class, () -> session.readStream().format("nope").load());
    assertEquals("DATA_SOURCE_NOT_FOUND", r.errorClass());
  }

  @Test
  void badOutputModeIsRejectedWhenSet() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> stream().writeStream().outputMode("upsert"));
    assertEquals("STREAMING_OUTPUT_MODE.INVALID", e.errorClass());
  }

  @Test
  void fileSinksTakeAppendModeOnly(@TempDir Path dir) {
    DataFrame counts = stream().groupBy("k").count();
    AnalysisException e = assertThrows(AnalysisException.class, () -> counts.writeStream().format("json")
        .outputMode("complete").option("checkpointLocation", dir.resolve("cp").toString())
        .start(dir.resolve("out").toString()));
    assertTrue(e.getMessage().contains("Data source json does not support Complete output mode"), e.getMessage());
  }

  @Test
  void partitionByIsForFileSinksOnly() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> stream().writeStream().format("memory").queryName("p").partitionBy("k").start());
    assertTrue(e.getMessage().contains("'memory' does not support partitioning"), e.getMessage());
  }

  @Test
  void unsupportedOperationsAreRejectedAtStart() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> stream().writeStream().format("memory").queryName("c").outputMode("complete").start());
    assertTrue(e.getMessage().contains("Complete output mode not supported when there are no streaming aggregations"),
        e.getMessage());
    assertFalse(session.catalog().tableExists("c"), "a query that did not start registers no table");
  }

  @Test
  void onceAndAvailableNowNeedSourcesThatCanEnd() {
    DataFrame rate = session.readStream().format("rate").load();
    for (Trigger t : new Trigger[] {Trigger.Once(), Trigger.AvailableNow()}) {
      AnalysisException e = assertThrows(AnalysisException.class,
          () -> rate.writeStream().format("noop").trigger(t).start());
      assertEquals("UNSUPPORTED_TRIGGER_FOR_SOURCE", e.errorClass());
    }
    assertEquals(0, session.streams().active().length);
  }

  @Test
  void fixedSchemaSourcesRejectASchemaAndFileSourcesNeedOne(@TempDir Path dir) {
    assertThrows(AnalysisException.class, () -> session.readStream().format("rate").schema("a INT").load());
    EmberException e = assertThrows(EmberException.class, () -> session.readStream().format("csv")
        .load(dir.toString()));
    assertTrue(e.getMessage().contains("Schema must be specified when creating a streaming source DataFrame"),
        e.getMessage());
    DataFrame text = session.readStream().text(dir.toString());
    assertEquals("value", text.columns()[0]);
    assertTrue(text.isStreaming());
  }

  @Test
  void foreachNeedsItsWriter() {
    assertThrows(NullPointerException.class, () -> stream().writeStream().foreach(null));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> stream().writeStream().format("foreach").start());
    assertEquals("FOREACH_WRITER_NOT_SET", e.errorClass());
  }

  @Test
  void epochIntervalIsATypedOption() {
    assertEquals("100", session.conf().get("ember.streaming.epochInterval"));
    assertThrows(EmberIllegalArgumentException.class,
        () -> session.conf().set("ember.streaming.epochInterval", "soon"));
    assertThrows(EmberIllegalArgumentException.class,
        () -> session.conf().set("spark.sql.streaming.numRecentProgressUpdates", "0"));
  }
}
