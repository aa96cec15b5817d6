package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.checkpointing.CheckpointDirectory;
import io.ember.checkpointing.CheckpointMismatchException;
import io.ember.connectors.file.stream.FileStreamSource;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpointLocation}: a query stopped part-way (an epoch in flight is lost) and started again on the same
 * checkpoint location and output directory ends with exactly the output of a run without interruption, also after
 * the process running it was killed; it keeps its id; a location written by another query shape is refused at
 * start.
 */
@Timeout(300)
class CheckpointLocationTest extends StreamingSessionTest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("user", DataTypes.STRING), DataTypes.field("amount", DataTypes.INTEGER));
  static final int FILES = 10;
  static final int ROWS_PER_FILE = 40;
  static final String OUT_SCHEMA = "start STRING, user STRING, total BIGINT, n BIGINT";

  @TempDir
  Path tmp;

  /** Files of events in time order (file k covers seconds 20 k to 20 k + 19), so that no row is ever late. */
  static List<Path> writeFiles(Path staging) throws IOException {
    Files.createDirectories(staging);
    Random random = new Random(7);
    List<Path> files = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      StringBuilder json = new StringBuilder();
      for (int i = 0; i < ROWS_PER_FILE; i++) {
        int second = 20 * f + random.nextInt(20);
        json.append(String.format("{\"ts\": \"2024-01-01 00:%02d:%02d\", \"user\": \"u%d\", \"amount\": %d}%n",
            second / 60, second % 60, random.nextInt(5), random.nextInt(100)));
      }
      Path file = staging.resolve("part-" + f + ".json");
      Files.writeString(file, json.toString());
      files.add(file);
    }
    return files;
  }

  /** Append-mode windowed sums per user into csv files under {@code out}. */
  static StreamingQuery start(Path in, Path out, Path checkpoint) {
    DataFrame events = session.readStream().schema(EVENTS).json(in.toString());
    DataStreamWriter writer = events.withWatermark("ts", "5 seconds")
        .groupBy(window(col("ts"), "10 seconds"), col("user"))
        .agg(sum(col("amount")).as("total"), count(lit(1)).as("n"))
        .select(col("window.start").cast("string").as("start"), col("user"), col("total"), col("n"))
        .writeStream().outputMode("append").format("csv");
    if (checkpoint != null) {
      writer = writer.option("checkpointLocation", checkpoint.toString());
    }
    return writer.start(out.toString());
  }

  static List<String> output(Path out) {
    return sorted(session.read().schema(OUT_SCHEMA).csv(out.toString()).collectAsList());
  }

  static void moveAll(List<Path> files, Path into) throws IOException {
    for (Path f : files) {
      Files.move(f, into.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Moves the files in one by one, each processed in epochs of its own. */
  static void feed(StreamingQuery q, List<Path> files, Path into) throws Exception {
    for (Path f : files) {
      moveAll(List.of(f), into);
      // The source lists the directory at most once per LIST_INTERVAL_MILLIS; let a listing see the file.
      Thread.sleep(2 * FileStreamSource.LIST_INTERVAL_MILLIS);
      q.processAllAvailable();
    }
  }

  /** What the query writes when it reads every file in one run. */
  List<String> failureFree() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("free-in"));
    Path out = tmp.resolve("free-out");
    StreamingQuery q = start(in, out, null);
    feed(q, writeFiles(tmp.resolve("free-staging")), in);
    q.stop();
    assertFalse(q.exception().isPresent());
    return output(out);
  }

  @Test
  void aQueryStartedAgainOnItsCheckpointLocationLosesAndRepeatsNoRow() throws Exception {
    List<String> expected = failureFree();
    assertTrue(expected.size() > 3 * FILES, expected::toString);

    Path in = Files.createDirectories(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    Path cp = tmp.resolve("checkpoint");
    List<Path> files = writeFiles(tmp.resolve("staging"));
    StreamingQuery first = start(in, out, cp);
    feed(first, files.subList(0, 4), in);
    // Files arrive as the run stops: it may read some of them, or none. The last file comes only after the stop,
    // so the windows it closes (seconds 180 to 189, of its rows alone) are the second run's to write however fast
    // the first one was.
    moveAll(files.subList(4, FILES - 1), in);
    first.stop();
    moveAll(files.subList(FILES - 1, FILES), in);
    assertFalse(first.exception().isPresent());
    assertTrue(output(out).size() < expected.size(), "the second run has windows to finish");
    long checkpointed = CheckpointDirectory.openForReading(cp).latestCompleteEpoch().orElse(-1);
    assertTrue(checkpointed >= 3, "epochs checkpointed: " + checkpointed);

    StreamingQuery second = start(in, out, cp);
    assertEquals(first.id(), second.id(), "the query id is kept across restarts");
    assertNotEquals(first.runId(), second.runId());
    Thread.sleep(2 * FileStreamSource.LIST_INTERVAL_MILLIS);
    second.processAllAvailable();
    assertTrue(second.lastProgress() == null || second.lastProgress().batchId() > checkpointed);
    second.stop();
    assertFalse(second.exception().isPresent());

    assertEquals(expected, output(out));
  }

  /**
   * The query runs in a child JVM that is killed with SIGKILL while files keep arriving; a query started on the same
   * locations in this JVM finishes the work: the committed output is that of a run without failure.
   */
  @Test
  void aQueryKilledMidWayResumesFromItsCheckpointLocation() throws Exception {
    List<String> expected = failureFree();
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    Path cp = tmp.resolve("checkpoint");
    Path log = tmp.resolve("child.log");
    List<Path> files = writeFiles(tmp.resolve("staging"));
    moveAll(files.subList(0, 3), in);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Xmx") || a.startsWith("-Dchronicle")).toList());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), KilledQueryMain.class.getName(),
        in.toString(), out.toString(), cp.toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + 120_000_000_000L; // a child JVM starts slowly on a loaded machine
      while (!Files.isDirectory(cp.resolve("commits")) || Files.list(cp.resolve("commits")).count() == 0) {
        assertTrue(child.isAlive() && System.nanoTime() < deadline, () -> "the child checkpointed no epoch: "
            + readQuietly(log));
        Thread.sleep(50);
      }
      for (Path f : files.subList(3, FILES - 1)) {
        moveAll(List.of(f), in);
        Thread.sleep(FileStreamSource.LIST_INTERVAL_MILLIS + 50);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no stop, whatever epoch is in flight is cut off
      child.waitFor();
    }
    assertTrue(output(out).size() < expected.size(), "the child left windows to finish");
    moveAll(files.subList(FILES - 1, FILES), in);

    StreamingQuery resumed = start(in, out, cp);
    Thread.sleep(2 * FileStreamSource.LIST_INTERVAL_MILLIS);
    resumed.processAllAvailable();
    resumed.stop();
    assertFalse(resumed.exception().isPresent());
    assertEquals(expected, output(out), () -> "child log: " + readQuietly(log));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void startingAQueryOnTheLocationOfAnActiveOneStopsTheActiveRun() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path cp = tmp.resolve("checkpoint");
    moveAll(writeFiles(tmp.resolve("staging")).subList(0, 2), in);
    StreamingQuery first = start(in, tmp.resolve("out"), cp);
    first.processAllAvailable();
    StreamingQuery second = start(in, tmp.resolve("out"), cp);
    assertFalse(first.isActive());
    assertTrue(second.isActive());
    assertEquals(first.id(), second.id());
    assertEquals(List.of(second), List.of(session.streams().active()));
    second.stop();
  }

  @Test
  void aLocationOfAnotherQueryShapeIsRefusedAtStart() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path cp = tmp.resolve("checkpoint");
    moveAll(writeFiles(tmp.resolve("staging")).subList(0, 2), in);
    StreamingQuery q = start(in, tmp.resolve("out"), cp);
    q.processAllAvailable();
    q.stop();

    DataFrame events = session.readStream().schema(EVENTS).json(in.toString());
    DataStreamWriter other = events.groupBy(col("user")).agg(sum(col("amount")).as("total"))
        .writeStream().outputMode("complete").format("memory").queryName("totals")
        .option("checkpointLocation", cp.toString());
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, other::start);
    assertEquals("INCOMPATIBLE_CHECKPOINT_LOCATION", e.errorClass());
    assertTrue(e.getMessage().contains(cp.toAbsolutePath().normalize().toString()), e.getMessage());
    assertFalse(e.differences().isEmpty());
    assertTrue(session.streams().active().length == 0);
  }
}
