package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.collect_list;
import static io.ember.api.functions.concat;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.row_number;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.expressions.Window;
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
 * A sort, a group-by, hash joins of every type, {@code distinct()}/{@code dropDuplicates} and window functions far
 * larger than {@code ember.task.memoryBudget} finish through the DataFrame API by spilling to {@code ember.local.dir}
 * (or Spark's {@code spark.local.dir}), with the rows of an in-memory run, and leave no spill file behind; an
 * unwritable spill directory fails the action with an error naming it; a window partition larger than the budget
 * fails naming the setting.
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

  @Test
  void joinsDistinctAndWindowsLargerThanTheBudgetSpillAndMatchTheInMemoryRun() {
    Path inMemoryDir = spillRoot.resolve("in-memory");
    Path spilledDir = spillRoot.resolve("spilled");
    List<List<String>> inMemory = joinDistinctAndWindowResults("1g", inMemoryDir);
    List<List<String>> spilled = joinDistinctAndWindowResults("256k", spilledDir);
    assertTrue(!Files.exists(inMemoryDir), "nothing should spill under 1g");
    assertTrue(Files.isDirectory(spilledDir), "the 256k run should have spilled (the directory is made on the first)");
    for (int q = 0; q < inMemory.size(); q++) {
      assertEquals(inMemory.get(q), spilled.get(q), "query " + q);
    }
    assertTrue(inMemory.get(0).size() > 10_000, "the join should produce rows: " + inMemory.get(0).size());
    assertEquals(List.of(), spillFiles(spillRoot));
  }

  @Test
  void aWindowPartitionLargerThanTheBudgetFailsNamingTheSetting() {
    Session session = Session.builder().master("local[2]").appName(getClass().getSimpleName())
        .config("ember.task.memoryBudget", "256k").config(SpillDirectory.CONFIG_KEY, spillRoot.toString())
        .getOrCreate();
    try {
      DataFrame df = session.range(0, ROWS).withColumn("p", when(col("id").mod(50).equalTo(lit(0)),
          col("id")).otherwise(lit(-1L)));
      io.ember.core.errors.EmberRuntimeException e = assertThrows(io.ember.core.errors.EmberRuntimeException.class,
          () -> df.withColumn("rn", row_number().over(Window.partitionBy("p").orderBy("id"))).collectAsList());
      assertEquals("MEMORY_BUDGET_EXCEEDED", e.errorClass());
      assertTrue(e.getMessage().contains("window partition of key [-1]"), e.getMessage());
      assertTrue(e.getMessage().contains("'ember.task.memoryBudget'"), e.getMessage());
      assertEquals(List.of(), spillFiles(spillRoot));
    } finally {
      session.stop();
    }
  }

  /**
   * Joins of each type on a skewed key with null keys (broadcast off, so the build side is hash-partitioned), a
   * distinct, a dropDuplicates and a window, each collected and sorted as text, under {@code budget}, spilling to
   * {@code spillDir}.
   */
  private List<List<String>> joinDistinctAndWindowResults(String budget, Path spillDir) {
    Session session = Session.builder().master("local[2]").appName(getClass().getSimpleName())
        .config("ember.task.memoryBudget", budget).config(SpillDirectory.CONFIG_KEY, spillDir.toString())
        .config("spark.sql.autoBroadcastJoinThreshold", "-1").getOrCreate();
    try {
      DataFrame left = session.range(0, ROWS).select(col("id").as("lid"),
          when(col("id").mod(101).equalTo(lit(0)), lit(null)).otherwise(
              when(col("id").mod(40).equalTo(lit(0)), lit(7L)).otherwise(col("id").multiply(31).mod(20_000)))
              .as("k"),
          concat(lit("l-"), col("id").cast("string")).as("ls"));
      DataFrame right = session.range(0, ROWS / 2).select(col("id").as("rid"),
          when(col("id").mod(89).equalTo(lit(0)), lit(null)).otherwise(col("id").mod(25_000)).as("rk"),
          concat(lit("r-"), col("id").cast("string")).as("rs"));
      List<List<String>> out = new ArrayList<>();
      for (String type : List.of("inner", "left_outer", "right_outer", "full_outer", "left_semi", "left_anti")) {
        out.add(sortedText(left.join(right, col("k").equalTo(col("rk")), type)));
      }
      DataFrame dups = left.select(col("k"), col("lid").mod(3).as("m"), col("ls"));
      out.add(sortedText(dups.select(col("k"), col("m")).distinct()));
      out.add(sortedText(dups.dropDuplicates("k", "m").select(col("k"), col("m"))));
      out.add(sortedText(left.withColumn("rn", row_number().over(Window.partitionBy("k").orderBy("lid")))
          .withColumn("total", sum(col("lid")).over(Window.partitionBy("k").orderBy("lid")))));
      return out;
    } finally {
      session.stop();
    }
  }

  private static List<String> sortedText(DataFrame df) {
    List<String> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      rows.add(r.toString());
    }
    rows.sort(Comparator.naturalOrder());
    return rows;
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
