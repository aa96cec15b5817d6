package io.ember.benchmarks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordsGeneratorTest {
  @Test
  void theSameSeedWritesTheSameBytesAndTheTotalsAreTheCountsOfTheText() throws IOException {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    WordsGenerator.Totals totals = WordsGenerator.write(3, 1_000_000, a);
    WordsGenerator.write(3, 1_000_000, b);
    assertArrayEquals(a.toByteArray(), b.toByteArray());
    assertTrue(a.size() >= 1_000_000 && a.size() == totals.bytes());
    Map<String, Long> counts = new HashMap<>();
    long words = 0;
    for (String line : a.toString(StandardCharsets.US_ASCII).split("\n")) {
      String[] w = line.split(" ");
      assertTrue(w.length >= 8 && w.length <= 16);
      for (String word : w) {
        assertFalse(word.isEmpty());
        counts.merge(word, 1L, Long::sum);
        words++;
      }
    }
    assertEquals(words, totals.words());
    List<String> top = counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
        .limit(WordsGenerator.TOP).map(e -> e.getKey() + "," + e.getValue()).toList();
    assertEquals(top, totals.top());
    assertEquals(List.of(), totals.check(top));
    assertFalse(totals.check(top.subList(0, 19)).isEmpty());
    // Zipf: the most frequent word is the vocabulary's first, about twice as frequent as the second
    assertEquals(WordsGenerator.vocabulary(3)[0], top.get(0).split(",")[0]);
    double ratio = Double.parseDouble(top.get(0).split(",")[1]) / Double.parseDouble(top.get(1).split(",")[1]);
    assertTrue(ratio > 1.8 && ratio < 2.2, "rank 1 / rank 2 = " + ratio);
  }

  @Test
  void aFileIsReusedOnlyForTheSameSeedAndSize(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("words.txt");
    WordsGenerator.Totals first = WordsGenerator.ensure(5, 100_000, file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    assertEquals(first, WordsGenerator.ensure(5, 100_000, file));
    assertEquals(modified, Files.getLastModifiedTime(file).toMillis());
    WordsGenerator.Totals other = WordsGenerator.ensure(6, 100_000, file);
    assertFalse(other.top().equals(first.top()));
    assertEquals(other.bytes(), Files.size(file));
  }
}
