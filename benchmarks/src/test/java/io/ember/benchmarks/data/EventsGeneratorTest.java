package io.ember.benchmarks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.benchmarks.data.CategoryTotals.EngineRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsGeneratorTest {

  private static byte[] generate(EventsSpec spec) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventsGenerator.write(spec, out);
    return out.toByteArray();
  }

  @Test
  void sameSpecWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    byte[] a = generate(EventsSpec.ofRows(5_000, 7, 1L));
    assertArrayEquals(a, generate(EventsSpec.ofRows(5_000, 7, 1L)));
    assertNotEquals(new String(a, StandardCharsets.UTF_8), new String(generate(EventsSpec.ofRows(5_000, 7, 2L)),
        StandardCharsets.UTF_8));
  }

  @Test
  void firstLinesHaveTheHeaderAndFiveFields() throws IOException {
    String[] lines = new String(generate(EventsSpec.ofRows(3, 2, 9L)), StandardCharsets.UTF_8).split("\n");
    assertEquals(4, lines.length);
    assertEquals("ts_ms,user_id,item_id,category,price", lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      assertEquals(5, f.length, lines[i]);
      assertTrue(f[3].equals("books") || f[3].equals("electronics"), lines[i]);
      assertTrue(f[4].matches("\\d+\\.\\d\\d"), lines[i]);
    }
  }

  @Test
  void totalsAreTheExactAnswerOfTheGroupByOverTheWrittenRows() throws IOException {
    EventsSpec spec = EventsSpec.ofRows(20_000, 30, 5L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CategoryTotals totals = EventsGenerator.write(spec, out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    Map<String, long[]> byHand = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      long[] t = byHand.computeIfAbsent(f[3], k -> new long[2]);
      t[0]++;
      t[1] += Math.round(Double.parseDouble(f[4]) * 100);
    }
    assertEquals(20_000, totals.rows());
    assertEquals(out.size(), totals.bytes());
    assertEquals(30, totals.groups().size());
    assertTrue(totals.groups().containsKey("books_1"));
    byHand.forEach((k, t) -> assertEquals(new CategoryTotals.Group(t[0], t[1]), totals.groups().get(k), k));
  }

  @Test
  void sizedByBytesStopsAtTheFirstRowThatReachesTheSize() throws IOException {
    byte[] data = generate(EventsSpec.ofBytes(10_000, 3, 1L));
    assertTrue(data.length >= 10_000 && data.length < 10_100, "length " + data.length);
  }

  @Test
  void checkAcceptsRoundingButNotAWrongCountOrAMissingGroup() {
    CategoryTotals t = new CategoryTotals(EventsSpec.ofRows(3, 2, 1L), 3, 100,
        Map.of("a", new CategoryTotals.Group(2, 300), "b", new CategoryTotals.Group(1, 5)));
    assertEquals(List.of(),
        t.check(List.of(new EngineRow("a", 2, 3.0000000000001, 1.5), new EngineRow("b", 1, 0.05, 0.05))));
    assertEquals(List.of("category a: expected count=2 sum=3.0 avg=1.5 but got a,3,3.0,1.5", "category b is missing"),
        t.check(List.of(new EngineRow("a", 3, 3.0, 1.5))));
    assertEquals(List.of("category c is not in the data"), t.check(new ArrayList<>(List.of(
        new EngineRow("a", 2, 3.0, 1.5), new EngineRow("b", 1, 0.05, 0.05), new EngineRow("c", 1, 1, 1)))));
  }

  @Test
  void ensureReusesAFileWrittenForTheSameSpecAndRewritesForAnother(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("events.csv");
    CategoryTotals first = EventsGenerator.ensure(EventsSpec.ofRows(1_000, 4, 1L), file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    assertEquals(first, EventsGenerator.ensure(EventsSpec.ofRows(1_000, 4, 1L), file));
    assertEquals(modified, Files.getLastModifiedTime(file).toMillis());
    CategoryTotals other = EventsGenerator.ensure(EventsSpec.ofRows(500, 4, 1L), file);
    assertEquals(500, other.rows());
    assertEquals(other.bytes(), Files.size(file));
    assertFalse(Files.exists(dir.resolve("events.csv.writing")));
  }

  @Test
  void sizesParseWithUnits() {
    assertEquals(2L << 30, EventsGenerator.parseSize("2g"));
    assertEquals(500L << 20, EventsGenerator.parseSize("500M"));
    assertEquals(1234, EventsGenerator.parseSize("1234"));
  }
}
