package io.ember.operators.testkit;

import io.ember.core.data.Row;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.SpillDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the spill tests share: a budget spilling under a test's directory, the spill files left there, rows as text. */
public final class SpillFixtures {
  private SpillFixtures() {}

  /** A budget of {@code bytes} whose spill files go under {@code spillRoot}. */
  public static MemoryBudget budget(Path spillRoot, long bytes) {
    return new MemoryBudget(bytes, SpillDirectory.of(spillRoot.toString()));
  }

  /** The spill files under {@code spillRoot} now (every operator's, every level). */
  public static List<Path> spillFiles(Path spillRoot) {
    try (Stream<Path> files = Files.walk(spillRoot)) {
      return files.filter(p -> p.getFileName().toString().startsWith("spill-")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code rows} as their text, sorted: a multiset to compare answers whose order does not matter. */
  public static List<String> sortedText(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }
}
