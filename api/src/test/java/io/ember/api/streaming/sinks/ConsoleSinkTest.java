package io.ember.api.streaming.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {
  private static final StructType SCHEMA = new StructType(List.of(
      new StructField("word", DataTypes.STRING, true), new StructField("count", DataTypes.LONG, false)));

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    String s = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return s;
  }

  private static Batch batch(Row... rows) {
    return Batch.fromRows(SCHEMA, List.of(rows));
  }

  @Test
  void printsEachCommittedEpochAsSpark() {
    ConsoleSink sink = new ConsoleSink(SCHEMA, Map.of(), ZoneOffset.UTC, out);
    SinkWriter w0 = sink.createWriter(0, 2, SCHEMA);
    SinkWriter w1 = sink.createWriter(1, 2, SCHEMA);
    w1.write(batch(Row.of("spark", 2L)));
    w0.write(batch(Row.of("ember", 1L), Row.of(null, 3L)));
    List<CommitMessage> epoch0 = List.of(w1.prepareCommit(0), w0.prepareCommit(0));
    assertEquals("", printed(), "nothing before commit");
    sink.commit(0, epoch0);
    assertEquals("""
        -------------------------------------------
        Batch: 0
        -------------------------------------------
        +-----+-----+
        | word|count|
        +-----+-----+
        |ember|    1|
        | NULL|    3|
        |spark|    2|
        +-----+-----+

        """, printed());

    sink.commit(0, epoch0);
    assertEquals("", printed(), "a replayed epoch is not printed again");

    sink.commit(1, List.of(w0.prepareCommit(1), w1.prepareCommit(1)));
    assertEquals("""
        -------------------------------------------
        Batch: 1
        -------------------------------------------
        +----+-----+
        |word|count|
        +----+-----+
        +----+-----+

        """, printed());
  }

  @Test
  void numRowsAndTruncateOptions() {
    ConsoleSink sink = new ConsoleSink(SCHEMA, Map.of("NUMROWS", "2", "truncate", "false"), ZoneOffset.UTC, out);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 5; i++) {
      rows.add(Row.of("a rather long word over twenty characters " + i, i));
    }
    w.write(Batch.fromRows(SCHEMA, rows));
    sink.commit(7, List.of(w.prepareCommit(7)));
    assertEquals("""
        -------------------------------------------
        Batch: 7
        -------------------------------------------
        +-------------------------------------------+-----+
        |word                                       |count|
        +-------------------------------------------+-----+
        |a rather long word over twenty characters 0|0    |
        |a rather long word over twenty characters 1|1    |
        +-------------------------------------------+-----+
        only showing top 2 rows

        """, printed());

    ConsoleSink truncating = new ConsoleSink(SCHEMA, Map.of("numRows", "1"), ZoneOffset.UTC, out);
    SinkWriter t = truncating.createWriter(0, 1, SCHEMA);
    t.write(Batch.fromRows(SCHEMA, rows));
    truncating.commit(0, List.of(t.prepareCommit(0)));
    assertEquals("""
        -------------------------------------------
        Batch: 0
        -------------------------------------------
        +--------------------+-----+
        |                word|count|
        +--------------------+-----+
        |a rather long wor...|    0|
        +--------------------+-----+
        only showing top 1 row

        """, printed());
  }

  @Test
  void abortedEpochsPrintNothing() {
    ConsoleSink sink = new ConsoleSink(SCHEMA, Map.of(), ZoneOffset.UTC, out);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(Row.of("lost", 1L)));
    w.abort();
    sink.abort(0, List.of());
    assertEquals("", printed());
    w.write(batch(Row.of("kept", 2L)));
    sink.commit(0, List.of(w.prepareCommit(0)));
    String s = printed();
    assertEquals(true, s.contains("|kept|    2|"), s);
    assertEquals(false, s.contains("lost"), s);
  }

  @Test
  void badOptionsAreRejected() {
    assertThrows(EmberIllegalArgumentException.class,
        () -> new ConsoleSink(SCHEMA, Map.of("numRows", "many"), ZoneOffset.UTC, out));
    assertThrows(EmberIllegalArgumentException.class,
        () -> new ConsoleSink(SCHEMA, Map.of("truncate", "yes"), ZoneOffset.UTC, out));
    ConsoleSink defaults = new ConsoleSink(SCHEMA, Map.of(), ZoneOffset.UTC);
    assertEquals(20, defaults.numRows());
    assertEquals(true, defaults.truncate());
  }
}
