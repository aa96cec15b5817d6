package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streaming aggregation keyed by a binary column keeps its state across a restart from its checkpoint: the keys
 * travel through the exchange, the keyed state and the checkpoint's snapshots as binary values.
 */
class BinaryKeysStreamingE2ETest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("b", DataTypes.BINARY));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("binary-keys-streaming").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @Test
  void countsByABinaryKeyResumeFromTheCheckpoint() throws IOException {
    // Not a @TempDir: the commit thread may still be writing the last epoch's state files when stop() returns.
    Path tmp = Files.createTempDirectory("binary-keys");
    try {
      Path in = Files.createDirectories(tmp.resolve("in"));
      Path checkpoint = tmp.resolve("checkpoint");
      StreamingQuery q = start(in, checkpoint);
      try {
        addFile(in, 0, "SGVsbG8=", "SGVsbG8=", "/w==");
        q.processAllAvailable();
        assertEquals(List.of(Row.of("48656C6C6F", 2L), Row.of("FF", 1L)), counts());
      } finally {
        q.stop();
      }
      StreamingQuery resumed = start(in, checkpoint);
      try {
        addFile(in, 1, "SGVsbG8=", "AA==");
        resumed.processAllAvailable();
        assertEquals(List.of(Row.of("00", 1L), Row.of("48656C6C6F", 3L), Row.of("FF", 1L)), counts(),
            "the first run's counts were restored from the checkpoint under their binary keys");
      } finally {
        resumed.stop();
      }
    } finally {
      try (java.util.stream.Stream<Path> paths = Files.walk(tmp)) {
        paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static StreamingQuery start(Path in, Path checkpoint) {
    return session.readStream().schema(SCHEMA).json(in.toString()).groupBy("b").count().writeStream()
        .format("memory").queryName("binary_counts").outputMode("complete")
        .option("checkpointLocation", checkpoint.toString()).start();
  }

  private static List<Row> counts() {
    return session.sql("SELECT hex(b) AS h, `count` FROM binary_counts ORDER BY h").collectAsList();
  }

  /** Writes one JSON line per base64 value as file {@code index} of {@code dir} (written aside, then moved in). */
  private static void addFile(Path dir, int index, String... base64) throws IOException {
    StringBuilder json = new StringBuilder();
    for (String b : base64) {
      json.append("{\"b\": \"").append(b).append("\"}\n");
    }
    Path staged = Files.writeString(dir.getParent().resolve("staged-" + index + ".json"), json);
    Files.move(staged, dir.resolve("part-" + index + ".json"), StandardCopyOption.ATOMIC_MOVE);
  }
}
