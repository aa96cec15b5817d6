package io.ember.connectors.parquet;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming file source over Parquet files and the streaming Parquet sink: new files are picked up, and a query
 * restarted from its checkpoint neither reads a file twice nor writes a row twice. Waits only for
 * {@code processAllAvailable}, never for time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ParquetStreamingTest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("id", DataTypes.LONG),
      DataTypes.field("user", DataTypes.STRING), DataTypes.field("amount", DataTypes.decimal(10, 2)));

  @TempDir
  Path tmp;

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("parquet-stream")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  /** Writes rows {@code [from, to)} as a Parquet directory elsewhere and moves its part files into {@code in}. */
  void land(Path in, int from, int to) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (long i = from; i < to; i++) {
      rows.add(Row.of(i, "u" + (i % 3), new java.math.BigDecimal(i).movePointLeft(2)));
    }
    Path staging = tmp.resolve("staging-" + from);
    session.createDataFrame(rows, EVENTS).write().parquet(staging.toString());
    for (String name : ParquetEndToEndTest.dataFiles(staging)) {
      Files.move(staging.resolve(name), in.resolve("batch-" + from + "-" + name), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  StreamingQuery startQuery(Path in, Path out, Path checkpoint) {
    DataFrame stream = session.readStream().schema(EVENTS).parquet(in.toString());
    assertTrue(stream.isStreaming());
    return stream.filter(col("id").mod(2).equalTo(0)).writeStream().format("parquet")
        .option("checkpointLocation", checkpoint.toString()).start(out.toString());
  }

  List<Long> ids(Path out) {
    return session.read().schema(EVENTS).parquet(out.toString()).select("id").collectAsList().stream()
        .map(r -> (Long) r.get(0)).sorted(Comparator.naturalOrder()).toList();
  }

  static List<Long> evens(int from, int to) {
    List<Long> ids = new ArrayList<>();
    for (long i = from; i < to; i++) {
      if (i % 2 == 0) {
        ids.add(i);
      }
    }
    return ids;
  }

  @Test
  void newFilesArePickedUpAndARestartFromTheCheckpointWritesEveryRowOnce() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    Path checkpoint = tmp.resolve("checkpoint");
    land(in, 0, 100);
    StreamingQuery q = startQuery(in, out, checkpoint);
    q.processAllAvailable();
    assertEquals(evens(0, 100), ids(out));
    land(in, 100, 250);
    q.processAllAvailable();
    assertFalse(q.exception().isPresent());
    q.stop();
    assertEquals(evens(0, 250), ids(out));

    land(in, 250, 300);
    StreamingQuery restarted = startQuery(in, out, checkpoint);
    restarted.processAllAvailable();
    assertFalse(restarted.exception().isPresent());
    restarted.stop();
    assertEquals(evens(0, 300), ids(out));
    assertTrue(ParquetEndToEndTest.dataFiles(out).stream().allMatch(n -> n.endsWith(".snappy.parquet")));
  }

  @Test
  void aStreamOfParquetNeedsASchema() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("schemaless"));
    EmberException e = assertThrows(EmberException.class, () -> session.readStream().parquet(in.toString()));
    assertTrue(e.getMessage().contains("Schema must be specified"), e.getMessage());
  }
}
