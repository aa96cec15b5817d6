package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.core.data.Row;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streams from a socket and a growing directory, into files and a foreach writer. */
@Timeout(60)
class DataStreamConnectorsEndToEndTest extends StreamingSessionTest {
  @Test
  void socketLinesReachTheMemoryTable() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      DataFrame lines = session.readStream().format("socket").option("host", "localhost")
          .option("port", server.getLocalPort()).load();
      StreamingQuery q = lines.writeStream().format("memory").queryName("lines").start();
      try (Socket client = server.accept();
           Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8)) {
        out.write("hello\nworld\n");
        out.flush();
        // The socket source is not replayable and holds lines in a queue; processAllAvailable waits until the
        // lines received so far are committed, so the wait loops until both lines arrived over the connection.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (session.table("lines").count() < 2 && System.nanoTime() < deadline) {
          q.processAllAvailable();
        }
      }
      assertEquals(List.of("[hello]", "[world]"), sorted(session.table("lines").collectAsList()));
      q.stop();
    }
  }

  @Test
  void growingDirectoryIntoAFileSinkReadableAsABatch(@TempDir Path tmp) throws Exception {
    Path in = Files.createDirectory(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    DataFrame events = session.readStream().schema("k STRING, v BIGINT").json(in.toString());
    StreamingQuery q = events.filter(col("v").gt(1)).writeStream().format("csv")
        .option("checkpointLocation", tmp.resolve("cp").toString()).start(out.toString());
    Files.writeString(tmp.resolve("a.tmp"), "{\"k\":\"a\",\"v\":1}\n{\"k\":\"b\",\"v\":2}\n");
    Files.move(tmp.resolve("a.tmp"), in.resolve("a.json"));
    q.processAllAvailable();
    assertEquals(List.of("[b,2]"), sorted(session.read().schema("k STRING, v BIGINT").csv(out.toString())
        .collectAsList()));
    Files.writeString(tmp.resolve("b.tmp"), "{\"k\":\"c\",\"v\":3}\n");
    Files.move(tmp.resolve("b.tmp"), in.resolve("b.json"));
    q.processAllAvailable();
    q.stop();
    assertEquals(List.of("[b,2]", "[c,3]"), sorted(session.read().schema("k STRING, v BIGINT").csv(out.toString())
        .collectAsList()));
  }

  /** Collects the rows it processes in a static queue (each partition and epoch gets its own copy). */
  static final class Collecting extends ForeachWriter<Row> {
    static final ConcurrentLinkedQueue<String> ROWS = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> CALLS = new ConcurrentLinkedQueue<>();

    @Override
    public boolean open(long partitionId, long epochId) {
      CALLS.add("open");
      return true;
    }

    @Override
    public void process(Row value) {
      ROWS.add(value.toString());
    }

    @Override
    public void close(Throwable errorOrNull) {
      CALLS.add(errorOrNull == null ? "close" : "close-with-error");
    }
  }

  @Test
  void foreachWriterProcessesEveryRow() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery q = input.toDF().writeStream().foreach(new Collecting()).start();
    input.addData(Row.of("a", 1L), Row.of("b", 2L));
    q.processAllAvailable();
    input.addData(Row.of("c", 3L));
    q.processAllAvailable();
    q.stop();
    List<String> rows = new ArrayList<>(Collecting.ROWS);
    rows.sort(null);
    assertEquals(List.of("[a,1]", "[b,2]", "[c,3]"), rows);
    assertTrue(Collecting.CALLS.contains("open"));
    assertTrue(!Collecting.CALLS.contains("close-with-error"), Collecting.CALLS.toString());
  }
}
