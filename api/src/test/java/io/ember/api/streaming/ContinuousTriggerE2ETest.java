package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Trigger.Continuous}: map-like queries run with an epoch (a checkpoint) per interval and per-row sinks
 * get rows without waiting for it; everything Spark's continuous processing refuses is refused at start with
 * Spark's message.
 */
class ContinuousTriggerE2ETest {
  static final StructType EVENTS = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("name", DataTypes.STRING));
  static Session session;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("ContinuousTriggerE2ETest").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @Test
  void theTriggerTakesSparksIntervals() {
    assertEquals(new Trigger.ContinuousTrigger(1000), Trigger.Continuous("1 second"));
    assertEquals(new Trigger.ContinuousTrigger(1500), Trigger.Continuous(1500));
    assertEquals(new Trigger.ContinuousTrigger(2000), Trigger.Continuous(2, TimeUnit.SECONDS));
    assertEquals(new Trigger.ContinuousTrigger(250), Trigger.Continuous(Duration.ofMillis(250)));
    assertThrows(EmberIllegalArgumentException.class, () -> Trigger.Continuous("soon"));
    assertThrows(EmberIllegalArgumentException.class, () -> Trigger.Continuous(-1));
  }

  /** A foreach writer collecting every row it is given, across all its copies. */
  static final class Collect extends ForeachWriter<Row> {
    static final List<String> ROWS = Collections.synchronizedList(new ArrayList<>());

    @Override
    public boolean open(long partitionId, long epochId) {
      return true;
    }

    @Override
    public void process(Row row) {
      ROWS.add(row.get(0) + ":" + row.get(1));
    }

    @Override
    public void close(Throwable error) {}
  }

  @Test
  void projectionsAndFiltersRunToPerRowAndMemorySinksWithoutProgress() {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    DataFrame mapped = events.toDF().filter(col("id").gt(1)).select(col("id").multiply(10).as("id"), col("name"));
    Collect.ROWS.clear();
    StreamingQuery q = mapped.writeStream().trigger(Trigger.Continuous("100 milliseconds")).foreach(new Collect())
        .start();
    StreamingQuery m = mapped.writeStream().trigger(Trigger.Continuous(100)).format("memory")
        .queryName("continuous_out").start();
    try {
      events.addData(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c"));
      q.processAllAvailable();
      m.processAllAvailable();
      List<String> got = new ArrayList<>(Collect.ROWS);
      Collections.sort(got);
      assertEquals(List.of("20:b", "30:c"), got);
      List<Row> table = session.table("continuous_out").orderBy("id").collectAsList();
      assertEquals(List.of(Row.of(20, "b"), Row.of(30, "c")), table);
      assertNull(q.lastProgress(), "a continuous query reports no progress, as in Spark");
      assertEquals(0, q.recentProgress().length);
      assertTrue(q.isActive());
    } finally {
      q.stop();
      m.stop();
    }
  }

  @Test
  void aContinuousQueryResumesFromItsCheckpoint() {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    Path checkpoint = dir.resolve("cp");
    Collect.ROWS.clear();
    StreamingQuery q = events.toDF().writeStream().trigger(Trigger.Continuous(50)).foreach(new Collect())
        .option("checkpointLocation", checkpoint.toString()).start();
    try {
      events.addData(Row.of(1, "a"));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertTrue(Files.isDirectory(checkpoint.resolve("offsets")), "epochs are checkpointed at the location");
    assertEquals(List.of("1:a"), new ArrayList<>(Collect.ROWS));
  }

  private static String refused(DataFrame df, String format) {
    return refused(df, format, "append");
  }

  private static String refused(DataFrame df, String format, String mode) {
    DataStreamWriter w = df.writeStream().outputMode(mode).trigger(Trigger.Continuous("1 second"));
    if (format.equals("foreachBatch")) {
      w.foreachBatch((batch, id) -> { });
    } else if (format.equals("foreach")) {
      w.foreach(new Collect());
    } else {
      w.format(format).queryName("refused_" + Math.abs(format.hashCode()));
    }
    return assertThrows(AnalysisException.class, w::start).getMessage();
  }

  @Test
  void aggregationsJoinsDedupAndOtherOperationsAreRefusedWithSparksMessages() {
    DataFrame events = MemoryStream.of(session, EVENTS).toDF();
    assertTrue(refused(events.groupBy("name").count(), "console", "complete")
        .contains("Continuous processing does not support Aggregate operations."));
    assertTrue(refused(events.dropDuplicates("id"), "console")
        .contains("Continuous processing does not support Deduplicate operations."));
    String join = refused(events.join(events.select(col("id").as("other")), col("id").equalTo(col("other"))),
        "console");
    assertTrue(join.contains("Continuous processing does not support Join operations."), join);
    assertTrue(refused(events.union(MemoryStream.of(session, EVENTS).toDF()), "console")
        .contains("Continuous processing does not support Union operations."));
  }

  @Test
  void sinksAndSourcesWithoutContinuousProcessingAreRefused() throws Exception {
    DataFrame events = MemoryStream.of(session, EVENTS).toDF();
    assertTrue(refused(events, "foreachBatch").contains("'foreachBatch' is not supported with continuous trigger"));
    assertTrue(refused(events, "json").contains("does not support continuous processing"));
    Path in = Files.createDirectories(dir.resolve("in"));
    DataFrame files = session.readStream().schema(EVENTS).csv(in.toString());
    String message = refused(files, "console");
    assertTrue(message.contains("does not support continuous processing."), message);
  }
}
