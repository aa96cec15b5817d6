package io.ember.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.api.Session;
import io.ember.core.data.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the ingestion example end to end and checks its output against the events it fed: each (window, page)
 * is written exactly once, never with more clicks than the landed events hold, and every window the final
 * watermark closed is there for every page.
 */
class ClickstreamIngestTest {
  private static final long WINDOW_MILLIS = 10_000;

  @Test
  void everyClosedWindowIsWrittenOnceAndNeverOvercounts(@TempDir Path work) throws Exception {
    ClickstreamIngest.main(new String[] {work.toString()});

    Map<String, Long> landed = countLandedEvents(work.resolve("landing"));
    try (Session spark = Session.builder().appName("clickstream-check").getOrCreate()) {
      List<Row> written = spark.read()
          .schema("window_start TIMESTAMP, window_end TIMESTAMP, page STRING, clicks BIGINT, avg_latency_ms DOUBLE")
          .json(work.resolve("clicks-per-window").toString())
          .collectAsList();

      Set<String> seen = new HashSet<>();
      for (Row r : written) {
        String key = windowKey(toInstant(r.get(0)), r.getString(2));
        assertTrue(seen.add(key), "window written twice: " + key);
        long clicks = r.getLong(3);
        assertTrue(clicks > 0 && clicks <= landed.getOrDefault(key, 0L),
            key + " has " + clicks + " clicks but only " + landed.get(key) + " events landed");
      }
      // Event times reach 09:00:39 and the watermark trails by 5 s, so every window ending by 09:00:30 closed.
      for (int w = 0; w < 3; w++) {
        Instant start = Instant.parse("2026-11-26T09:00:00Z").plusMillis(w * WINDOW_MILLIS);
        for (String page : List.of("home", "search", "product", "cart", "checkout")) {
          assertTrue(seen.contains(windowKey(start, page)), "missing window " + windowKey(start, page));
        }
      }
      assertEquals(seen.size(), written.size());
    }
  }

  private static Map<String, Long> countLandedEvents(Path landing) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Long> counts = new HashMap<>();
    try (Stream<Path> files = Files.list(landing)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode event = json.readTree(line);
          Instant ts = Instant.parse(event.get("ts").asText());
          Instant start = Instant.ofEpochMilli(Math.floorDiv(ts.toEpochMilli(), WINDOW_MILLIS) * WINDOW_MILLIS);
          counts.merge(windowKey(start, event.get("page").asText()), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private static Instant toInstant(Object timestamp) {
    if (timestamp instanceof Instant i) {
      return i;
    }
    if (timestamp instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC);
    }
    if (timestamp instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    throw new AssertionError("unexpected timestamp value " + timestamp + " of " + timestamp.getClass());
  }

  private static String windowKey(Instant start, String page) {
    return start + "/" + page;
  }
}
