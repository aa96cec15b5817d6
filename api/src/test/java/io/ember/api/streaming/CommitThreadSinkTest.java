package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.file.FileSinks;
import io.ember.connectors.memory.MemoryTableSink;
import io.ember.connectors.sink.Sink;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.remote.PlanCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query's sink wrapper travels with a sink that can, and stays in the driver with one that cannot. */
class CommitThreadSinkTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.LONG));

  @TempDir
  Path dir;

  @Test
  void theWrapperOfAFileSinkTravelsToANode() {
    CommitThreadSink sink = CommitThreadSink.of(
        FileSinks.createStream("json", dir.resolve("out").toString(), "append", Map.of(), List.of()));

    assertFalse(sink instanceof DriverLocal);
    assertFalse(new Vertex.SinkVertex(3, 2, sink, SCHEMA).runsOnDriver());
    Sink travelled = PlanCodec.decode(PlanCodec.encode(sink), Sink.class);
    assertInstanceOf(CommitThreadSink.class, travelled);
    assertEquals(sink.explain(), travelled.explain());
  }

  @Test
  void theWrapperOfAMemorySinkRunsInTheDriver() {
    CommitThreadSink sink = CommitThreadSink.of(MemoryTableSink.create("t", SCHEMA, "append"));

    assertTrue(sink instanceof DriverLocal);
    assertTrue(new Vertex.SinkVertex(3, 2, sink, SCHEMA).runsOnDriver());
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> PlanCodec.encode(sink));
    assertEquals("NOT_SHIPPABLE", e.errorClass());
  }
}
