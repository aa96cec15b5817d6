package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.collect_list;
import static io.ember.api.functions.concat;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.operators.memory.SpillDirectory;
import io.ember.operators.memory.SpillException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sort and a group-by far larger than {@code ember.task.memoryBudget} finish through the DataFrame API by
 * spilling to {@code ember.local.dir} (or Spark's {@code spark.local.dir}), with the rows of an in-memory run, and
 * leave no spill file behind; an unwritable spill directory fails the action with an error naming it.
 */
class SpillEndToEndTest {
  private static final int ROWS = 60_000;

  @TempDir
  Path spillRoot;

  @Test
  void orderByLargerThanTheBudgetSpillsAndMatchesTheInMemoryOrder() {
    Session session = Session.builder().master("local[2]").appName(getClass().getSimpleName())
        .config("ember.task.memoryBudget", "256k").config(SpillDirectory.CONFIG_KEY, spillRoot.toString())
        .getOrCreate();
    try {
      List<Row> rows = sortedByKeyDescThenId(session).collectAsList();
      List<String> expected = new ArrayList<>();
      Stream.iterate(0L, i -> i + 1).limit(ROWS)
          .sorted(Comparator.comparing((Long id) -> key(id), Comparator.nullsLast(Comparator.reverseOrder()))
              .thenComparing(Comparator.naturalOrder()))
          .forEach(id -> expected.add(key(id) + "," + id + ",row-" + id));
      List<String> actual = rows.stream().map(r -> r.get(0) + "," + r.get(1) + "," + r.get(2)).toList();
      assertEquals(expected, actual);
      assertEquals(List.of(), spillFiles(spillRoot));
    } finally {
      session.stop();
    }
  }

  @Test
  void groupByWithMoreGroupsThanTheBudgetHoldsSpillsAndMatches() {
    Session session = Session.builder().master("local[2]").appName(getClass().getSimpleName())
        .config("ember.task.memoryBudget", "256k").config(SpillDirectory.CONFIG_KEY, spillRoot.toString())
        .getOrCreate();
    try {
      int groups = ROWS / 3;
      List<Row> rows = session.range(0, ROWS).withColumn("k", col("id").mod(groups))
          .groupBy("k").agg(count(lit(1)).as("n"), sum(col("id")).as("total"), collect_list(col("id")).as("ids"))
          .orderBy(col("k")).collectAsList();
      assertEquals(groups, rows.size());
      for (int k = 0; k < groups; k++) {
        Row r = rows.get(k);
        assertEquals((long) k, ((Number) r.get(0)).longValue());
        assertEquals(3L, ((Number) r.get(1)).longValue());
        assertEquals(3L * k + 3L * groups, ((Number) r.get(2)).longValue());
        List<Long> ids = new ArrayList<>();
        for (Object id : (List<?>) r.get(3)) {
          ids.add(((Number) id).longValue());
        }
        ids.sort(Comparator.naturalOrder());
        assertEquals(List.of((long) k, (long) k + groups, (long) k + 2L * groups), ids);
      }
      assertEquals(List.of(), spillFiles(spillRoot));
    } finally {
      session.stop();
    }
  }

  @Test
  void sparksLocalDirIsUsedAndAnUnwritableOneFailsNamingIt() throws IOException {
    Path plainFile = Files.writeString(spillRoot.resolve("not-a-directory"), "x");
    Session session = Session.builder().master("local[1]").appName(getClass().getSimpleName())
        .config("ember.task.memoryBudget", "256k").config(SpillDirectory.SPARK_CONFIG_KEY, plainFile.toString())
        .getOrCreate();
    try {
      SpillException e = assertThrows(SpillException.class, () -> sortedByKeyDescThenId(session).collectAsList());
      assertEquals("SPILL_DIRECTORY_NOT_WRITABLE", e.errorClass());
      assertTrue(e.getMessage().contains(plainFile.toString()), e.getMessage());
    } finally {
      session.stop();
    }
  }

  private static DataFrame sortedByKeyDescThenId(Session session) {
    return session.range(0, ROWS)
        .withColumn("k", when(col("id").mod(97).equalTo(lit(0)), lit(null)).otherwise(col("id").multiply(7919).mod(1000)))
        .select(col("k"), col("id"), concat(lit("row-"), col("id").cast("string")).as("s"))
        .orderBy(col("k").desc(), col("id"));
  }

  /** The key the query computes: null for every 97th id, else {@code id * 7919 mod 1000}. */
  private static Long key(long id) {
    return id % 97 == 0 ? null : id * 7919 % 1000;
  }

  private static List<Path> spillFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().startsWith("spill-")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
