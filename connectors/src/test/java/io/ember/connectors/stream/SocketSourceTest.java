package io.ember.connectors.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceReader.Status;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketSourceTest {
  private static final long TIMEOUT_NANOS = 30_000_000_000L;

  /** Polls until {@code count} rows arrived; fails after a generous timeout. */
  private static List<Row> pollRows(SourceReader r, int count, List<Batch> batches) throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (rows.size() < count) {
      assertTrue(System.nanoTime() < deadline, "only " + rows.size() + " of " + count + " rows arrived: " + rows);
      Status s = r.pollNext(b -> {
        batches.add(b);
        rows.addAll(b.toRows());
      });
      if (s == Status.NOTHING_AVAILABLE) {
        Thread.sleep(2);
      }
    }
    return rows;
  }

  @Test
  void emitsReceivedLinesAsUtf8RowsWithTheArrivalTime() throws Exception {
    ManualClock clock = new ManualClock(1_000_000L);
    try (ServerSocket server = new ServerSocket(0)) {
      SocketSource source = SocketSource.create(
          Map.of("host", "localhost", "port", Integer.toString(server.getLocalPort()), "includeTimestamp", "true"), clock);
      assertFalse(source.isBounded());
      assertFalse(source.isReplayable());
      assertEquals(1, source.fixedParallelism());
      assertEquals("struct<value:string,timestamp:timestamp>", source.schema().simpleString());
      try (SourceReader r = source.createReader(source.planSplits(4), ReadAll.context(2))) {
        assertEquals(Status.NOTHING_AVAILABLE, r.pollNext(b -> { throw new AssertionError("nothing was sent"); }));
        try (Socket client = server.accept()) {
          OutputStream out = client.getOutputStream();
          out.write("héllo world\r\nsecond\n\nlast line\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          List<Batch> batches = new ArrayList<>();
          List<Row> rows = pollRows(r, 4, batches);
          assertEquals(List.of("héllo world", "second", "", "last line"), rows.stream().map(x -> x.getString(0)).toList());
          assertTrue(batches.stream().allMatch(b -> b.numRows() <= 2));
          assertEquals(1_000_000L, rows.get(0).getInstant(1).toEpochMilli());
          assertEquals("3", r.describeOffsets());
        }
        // the server closed the connection: the stream stays open with nothing to read
        Thread.sleep(20);
        assertEquals(Status.NOTHING_AVAILABLE, r.pollNext(b -> { throw new AssertionError("the server sent no more"); }));
      }
    }
  }

  @Test
  void withoutTimestampTheSchemaIsOneStringColumn() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      SocketSource source = SocketSource.create(Map.of("HOST", "127.0.0.1", "Port", Integer.toString(server.getLocalPort())));
      assertEquals("struct<value:string>", source.schema().simpleString());
      assertTrue(source.explain().startsWith("SocketStream 127.0.0.1:" + server.getLocalPort()), source.explain());
      try (SourceReader r = source.createReader(source.planSplits(1), ReadAll.context(100))) {
        assertNull(r.describeOffsets());
        r.pollNext(b -> { });
        try (Socket client = server.accept()) {
          client.getOutputStream().write("a\nb\n".getBytes(StandardCharsets.UTF_8));
          List<Row> rows = pollRows(r, 2, new ArrayList<>());
          assertEquals(List.of(Row.of("a"), Row.of("b")), rows.stream().map(x -> Row.of(x.get(0))).toList());
        }
      }
    }
  }

  @Test
  void aRefusedConnectionFailsThePollNamingHostAndPort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    SocketSource source = SocketSource.create(Map.of("host", "localhost", "port", Integer.toString(port)));
    try (SourceReader r = source.createReader(source.planSplits(1), ReadAll.context(10))) {
      long deadline = System.nanoTime() + TIMEOUT_NANOS;
      EmberRuntimeException e = null;
      while (e == null && System.nanoTime() < deadline) {
        try {
          assertEquals(Status.NOTHING_AVAILABLE, r.pollNext(b -> { throw new AssertionError(); }));
          Thread.sleep(2);
        } catch (EmberRuntimeException thrown) {
          e = thrown;
        }
      }
      assertTrue(e != null, "the connection failure was never reported");
      assertEquals("SOCKET_CONNECT_FAILED", e.errorClass());
      assertTrue(e.getMessage().contains("localhost:" + port), e.getMessage());
    }
  }

  @Test
  void rejectsMissingOptionsWithSparksMessages() {
    EmberException e = assertThrows(AnalysisException.class, () -> SocketSource.create(Map.of("port", "1")));
    assertEquals("Set a host to read from with option(\"host\", ...).", e.getMessage());
    e = assertThrows(AnalysisException.class, () -> SocketSource.create(Map.of("host", "h")));
    assertEquals("Set a port to read from with option(\"port\", ...).", e.getMessage());
    e = assertThrows(AnalysisException.class,
        () -> SocketSource.create(Map.of("host", "h", "port", "1", "includeTimestamp", "yes")));
    assertTrue(e.getMessage().contains("includeTimestamp must be set to either \"true\" or \"false\""));
    e = assertThrows(EmberException.class, () -> SocketSource.create(Map.of("host", "h", "port", "http")));
    assertTrue(e.getMessage().contains("'port'"), e.getMessage());
  }
}
