package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static io.ember.api.streaming.StreamingTestKit.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.connectors.file.stream.FileStreamSource;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same query code over a bounded read of a directory of JSON files and over the growing directory (the
 * files moved in one by one, the query processing what is available after each) gives the same final result
 * when no row is late: a stateless ingestion in append mode, and a windowed aggregation with a watermark in
 * complete mode.
 */
class StreamingFileSourceE2ETest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("user", DataTypes.STRING), DataTypes.field("amount", DataTypes.INTEGER));
  static final int FILES = 6;
  static final int ROWS_PER_FILE = 25;
  static Session session;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingFileSourceE2ETest")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  /** Files of events in time order (file k covers seconds 30 k to 30 k + 29), written to {@code staging}. */
  static List<Path> writeFiles(Path staging) throws IOException {
    Files.createDirectories(staging);
    Random random = new Random(42);
    List<Path> files = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      StringBuilder json = new StringBuilder();
      for (int i = 0; i < ROWS_PER_FILE; i++) {
        int second = 30 * f + random.nextInt(30);
        json.append(String.format("{\"ts\": \"2024-01-01 00:%02d:%02d\", \"user\": \"u%d\", \"amount\": %d}%n",
            second / 60, second % 60, random.nextInt(4), random.nextInt(10)));
      }
      Path file = staging.resolve("part-" + f + ".json");
      Files.writeString(file, json.toString());
      files.add(file);
    }
    return files;
  }

  /**
   * Runs {@code query} over the batch read of all files and over the stream of the directory they are moved
   * into one by one, and returns both final results.
   */
  List<List<List<Object>>> bothWays(Function<DataFrame, DataFrame> query, String mode, String table)
      throws IOException, InterruptedException {
    Path staging = tmp.resolve("staging-" + table);
    Path incoming = Files.createDirectories(tmp.resolve("incoming-" + table));
    List<Path> files = writeFiles(staging);
    List<List<Object>> batch = values(query.apply(session.read().schema(EVENTS).json(staging.toString()))
        .collectAsList());

    DataFrame stream = session.readStream().schema(EVENTS).json(incoming.toString());
    assertTrue(stream.isStreaming());
    StreamingQuery q = query.apply(stream).writeStream().outputMode(mode).format("memory").queryName(table).start();
    try {
      for (Path file : files) {
        Files.move(file, incoming.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        // The source lists the directory at most once per LIST_INTERVAL_MILLIS, and processAllAvailable counts
        // only what a listing found: let one listing interval pass so that the next one sees the file.
        Thread.sleep(2 * FileStreamSource.LIST_INTERVAL_MILLIS);
        q.processAllAvailable();
      }
      assertFalse(q.exception().isPresent());
      return List.of(batch, values(session.table(table).collectAsList()));
    } finally {
      q.stop();
    }
  }

  @Test
  void statelessIngestionAppendsTheSameRowsAsABatchRead() throws Exception {
    List<List<List<Object>>> results = bothWays(df -> df.filter(col("amount").gt(3))
        .select(col("user"), col("ts"), col("amount").multiply(100).as("cents")), "append", "ingested");
    assertFalse(results.get(0).isEmpty());
    assertEquals(results.get(0), results.get(1));
  }

  @Test
  void windowedAggregationInCompleteModeEndsWithTheBatchResult() throws Exception {
    List<List<List<Object>>> results = bothWays(df -> df.withWatermark("ts", "1 minute")
        .groupBy(window(col("ts"), "20 seconds"), col("user")).agg(sum(col("amount")).as("total"))
        .select(col("window.start"), col("user"), col("total")), "complete", "totals");
    assertTrue(results.get(0).size() > FILES, results.get(0)::toString);
    assertEquals(results.get(0), results.get(1));
  }
}
