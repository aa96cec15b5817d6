package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.file.stream.FileStreamSource;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.connectors.stream.RateSource;
import io.ember.connectors.stream.SocketSource;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.runtime.graph.Vertex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming sources a session makes can travel to a node in a plan, and read there what they read here; a source
 * on a clock of the caller's (a test's) cannot, and the socket source stays in the driver.
 */
class StreamingSourcesTravelTest {
  @TempDir
  Path dir;

  @Test
  void aFileStreamSourceTravelsAndReadsTheSameRows() throws IOException {
    Files.writeString(dir.resolve("a.csv"), "id,name\n1,ann\n2,bo\n");
    Files.writeString(dir.resolve("b.csv"), "id,name\n3,cy\n");
    FileStreamSource source = FileStreamSource.create("csv", dir.toString(), Map.of("header", "true"),
        DataTypes.struct(DataTypes.field("id", DataTypes.LONG), DataTypes.field("name", DataTypes.STRING)));

    UnboundedSource travelled = PlanCodec.decode(PlanCodec.encode(source), UnboundedSource.class);

    assertEquals(source.explain(), travelled.explain());
    List<Row> rows = readAll(travelled.availableNow());
    assertEquals(3, rows.size());
    assertEquals(readAll(source.availableNow()), rows);
    assertFalse(new Vertex.SourceVertex(1, 1, source).runsOnDriver());
  }

  @Test
  void aRateSourceTravels() {
    RateSource source = RateSource.create(Map.of("rowsPerSecond", "5", "numPartitions", "2"));

    Source travelled = PlanCodec.decode(PlanCodec.encode(source), Source.class);

    assertEquals(source.explain(), travelled.explain());
    assertEquals(2, travelled.planSplits(4).size());
  }

  @Test
  void aSourceOnAClockOfTheCallersCannotTravel() {
    Clock fixed = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    RateSource source = RateSource.create(Map.of(), fixed);

    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> PlanCodec.encode(source));

    assertEquals("NOT_SHIPPABLE", e.errorClass());
    assertTrue(e.getMessage().contains("Clock"), e.getMessage());
  }

  @Test
  void theSocketSourceRunsInTheDriver() {
    SocketSource source = SocketSource.create(Map.of("host", "localhost", "port", "9999"));
    assertTrue(new Vertex.SourceVertex(1, 1, source).runsOnDriver());
  }

  private static List<Row> readAll(Source source) {
    List<SourceSplit> splits = source.planSplits(1);
    List<Batch> batches = new ArrayList<>();
    try (SourceReader r = source.createReader(splits, new ReaderContext(0, 1, 1024, EvalContext.defaults()))) {
      for (int polls = 0; polls < 10_000; polls++) {
        SourceReader.Status s = r.pollNext(batches::add);
        if (s == SourceReader.Status.END_OF_INPUT) {
          break;
        }
        if (s == SourceReader.Status.WAITING_FOR_EPOCH) {
          r.snapshotOffsets(polls);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    batches.forEach(b -> rows.addAll(b.toRows()));
    return rows;
  }
}
