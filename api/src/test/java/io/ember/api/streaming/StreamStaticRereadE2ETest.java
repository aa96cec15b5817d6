package io.ember.api.streaming;

import static io.ember.api.streaming.StreamingTestKit.row;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static side of a stream-static join read from files is read again for an epoch when its files changed, as
 * Spark plans the batch side anew for every micro-batch (a dimension table updated by a batch job), and not read
 * again while they do not change. Epochs are driven by {@code processAllAvailable}: the rows added after the files
 * changed reach the join in a later epoch than the rows before.
 */
class StreamStaticRereadE2ETest {
  static final StructType WORDS = DataTypes.struct(DataTypes.field("word", DataTypes.STRING));
  static final StructType DIM = DataTypes.struct(
      DataTypes.field("word", DataTypes.STRING), DataTypes.field("id", DataTypes.INTEGER));
  static Session session;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamStaticRereadE2ETest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  private Path dimension() throws IOException {
    Path d = dir.resolve("dim");
    Files.createDirectories(d);
    write(d.resolve("part-0.csv"), "a,1\nb,2\n");
    Files.deleteIfExists(d.resolve("part-1.csv"));
    return d;
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private DataFrame read(Path d) {
    return session.read().schema(DIM).csv(d.toString());
  }

  /** Runs {@code join} over words added in two steps; {@code between} changes the files; the rows of each step. */
  private List<List<List<Object>>> twoEpochs(MemoryStream words, DataFrame join, Row[] first, FileChange between,
      Row[] second) throws IOException {
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = join.writeStream().foreachBatch(out).start();
    try {
      words.addData(first);
      q.processAllAvailable();
      List<List<Object>> before = out.newRows();
      between.run();
      words.addData(second);
      q.processAllAvailable();
      return List.of(before, out.newRows());
    } finally {
      q.stop();
    }
  }

  @FunctionalInterface
  interface FileChange {
    void run() throws IOException;
  }

  @Test
  void rowsOfLaterEpochsJoinTheFilesAsTheyAreThen() throws IOException {
    Path d = dimension();
    MemoryStream words = MemoryStream.of(session, WORDS);
    DataFrame join = words.toDF().join(read(d), List.of("word"));
    String plan = join.queryExecution().explain(false);
    assertTrue(plan.contains("StreamStaticHashJoin"), plan);
    List<List<List<Object>>> out = twoEpochs(words, join, new Row[] {Row.of("a"), Row.of("c")}, () -> {
      write(d.resolve("part-0.csv"), "a,10\nb,20\n");  // rewritten by a batch job
      write(d.resolve("part-1.csv"), "c,30\n");        // and a new file
    }, new Row[] {Row.of("a"), Row.of("b"), Row.of("c")});
    assertEquals(sorted(row("a", 1)), out.get(0));
    assertEquals(sorted(row("a", 10), row("b", 20), row("c", 30)), out.get(1));
  }

  @Test
  void filesThatDidNotChangeAreNotReadAgain() throws IOException {
    Path d = dimension();
    Path file = d.resolve("part-0.csv");
    FileTime stamp = Files.getLastModifiedTime(file);
    MemoryStream words = MemoryStream.of(session, WORDS);
    List<List<List<Object>>> out = twoEpochs(words, words.toDF().join(read(d), List.of("word")),
        new Row[] {Row.of("a")}, () -> {
          // Same listing, size and modification time: the join keeps the rows it read, so the new text is unseen.
          write(file, "a,7\nb,8\n");
          Files.setLastModifiedTime(file, stamp);
        }, new Row[] {Row.of("a"), Row.of("b")});
    assertEquals(sorted(row("a", 1)), out.get(0));
    assertEquals(sorted(row("a", 1), row("b", 2)), out.get(1));
  }

  @Test
  void outerAndSemiJoinsSeeRowsAddedToAndRemovedFromTheStaticSide() throws IOException {
    Path d = dimension();
    Row[] first = {Row.of("b"), Row.of("c")};
    Row[] second = {Row.of("b"), Row.of("c")};
    FileChange change = () -> {
      Files.delete(d.resolve("part-0.csv"));
      write(d.resolve("part-1.csv"), "c,3\n");
    };
    MemoryStream left = MemoryStream.of(session, WORDS);
    List<List<List<Object>>> leftOuter = twoEpochs(left, left.toDF().join(read(d), List.of("word"), "left_outer"),
        first, change, second);
    assertEquals(sorted(row("b", 2), row("c", null)), leftOuter.get(0));
    assertEquals(sorted(row("b", null), row("c", 3)), leftOuter.get(1));

    dimension();
    MemoryStream right = MemoryStream.of(session, WORDS);
    DataFrame dim = read(d);
    List<List<List<Object>>> rightOuter = twoEpochs(right,
        dim.join(right.toDF(), dim.col("word").equalTo(right.toDF().col("word")), "right_outer")
            .select(dim.col("id"), right.toDF().col("word")),
        first, change, second);
    assertEquals(sorted(row(2, "b"), row(null, "c")), rightOuter.get(0));
    assertEquals(sorted(row(null, "b"), row(3, "c")), rightOuter.get(1));

    dimension();
    MemoryStream semi = MemoryStream.of(session, WORDS);
    List<List<List<Object>>> leftSemi = twoEpochs(semi, semi.toDF().join(read(d), List.of("word"), "left_semi"),
        first, change, second);
    assertEquals(sorted(row("b")), leftSemi.get(0));
    assertEquals(sorted(row("c")), leftSemi.get(1));

    dimension();
    MemoryStream anti = MemoryStream.of(session, WORDS);
    List<List<List<Object>>> leftAnti = twoEpochs(anti, anti.toDF().join(read(d), List.of("word"), "left_anti"),
        first, change, second);
    assertEquals(sorted(row("c")), leftAnti.get(0));
    assertEquals(sorted(row("b")), leftAnti.get(1));
  }

  @Test
  void aFilteredAndProjectedStaticSideWithAnExpressionKeyIsReadAgain() throws IOException {
    Path d = dimension();
    MemoryStream words = MemoryStream.of(session, WORDS);
    DataFrame dim = read(d).filter("id > 0").selectExpr("upper(word) AS w", "id * 100 AS hundreds");
    DataFrame stream = words.toDF();
    DataFrame join = stream.join(dim, io.ember.api.functions.upper(stream.col("word")).equalTo(dim.col("w")))
        .select(stream.col("word"), dim.col("hundreds"));
    List<List<List<Object>>> out = twoEpochs(words, join, new Row[] {Row.of("a")},
        () -> write(d.resolve("part-0.csv"), "a,5\nb,-1\n"), new Row[] {Row.of("a"), Row.of("b")});
    assertEquals(sorted(row("a", 100)), out.get(0));
    assertEquals(sorted(row("a", 500)), out.get(1));
  }

  @Test
  void aTableABatchInsertAddsRowsToIsSeenByLaterEpochs() throws IOException {
    session.conf().set(io.ember.api.Catalog.WAREHOUSE_DIR, dir.resolve("warehouse").toString());
    session.createDataFrame(List.of(Row.of("a", 1)), DIM).write().format("csv").saveAsTable("reread_dim");
    try {
      MemoryStream words = MemoryStream.of(session, WORDS);
      List<List<List<Object>>> out = twoEpochs(words,
          words.toDF().join(session.table("reread_dim"), List.of("word"), "left_outer"),
          new Row[] {Row.of("a"), Row.of("b")},
          () -> session.createDataFrame(List.of(Row.of("b", 2)), DIM).write().insertInto("reread_dim"),
          new Row[] {Row.of("b")});
      assertEquals(sorted(row("a", 1), row("b", null)), out.get(0));
      assertEquals(sorted(row("b", 2)), out.get(1));
    } finally {
      session.sql("DROP TABLE IF EXISTS reread_dim");
    }
  }

  @Test
  void aQueryRestartedFromItsCheckpointReadsTheStaticSideAsItIsThen() throws IOException {
    Path d = dimension();
    Path in = Files.createDirectories(dir.resolve("words"));
    Path checkpoint = dir.resolve("checkpoint");
    EpochRecorder out = new EpochRecorder();
    DataFrame join = session.readStream().schema(WORDS).csv(in.toString()).join(read(d), List.of("word"));
    write(in.resolve("w0.csv"), "a\n");
    StreamingQuery q = join.writeStream().option("checkpointLocation", checkpoint.toString()).foreachBatch(out)
        .start();
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertEquals(sorted(row("a", 1)), out.newRows());
    write(d.resolve("part-0.csv"), "a,11\n");
    write(in.resolve("w1.csv"), "a\n");
    StreamingQuery again = join.writeStream().option("checkpointLocation", checkpoint.toString())
        .foreachBatch(out).start();
    try {
      again.processAllAvailable();
    } finally {
      again.stop();
    }
    assertEquals(sorted(row("a", 11)), out.newRows(), "the file read before the restart is not read again");
  }
}
