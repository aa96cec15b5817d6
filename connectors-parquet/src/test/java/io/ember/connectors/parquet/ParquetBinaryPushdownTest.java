package io.ember.connectors.parquet;

import static io.ember.api.functions.col;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Column;
import io.ember.api.Session;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.ValueFormat;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.Comparison.Op;
import io.ember.core.expr.Expression;
import io.ember.core.expr.In;
import io.ember.core.expr.IsNull;
import io.ember.core.expr.Literal;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filter pushdown on binary columns (BINARY without a logical type): {@code =}, {@code IN}, comparisons and null
 * checks skip the row groups their statistics or dictionaries rule out, in unsigned byte order (keys from
 * {@code 0x80} up sort after the others, as Ember compares them), and every query returns the same rows with
 * pushdown on and off, also when {@code spark.sql.parquet.binaryAsString} reads the column as strings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetBinaryPushdownTest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.LONG),
      DataTypes.field("key", DataTypes.BINARY), DataTypes.field("tag", DataTypes.BINARY));
  static final int ROWS = 4000;
  static final ColumnRef KEY = new ColumnRef(1, "key", DataTypes.BINARY, true);
  static final ColumnRef TAG = new ColumnRef(2, "tag", DataTypes.BINARY, true);

  @TempDir
  Path dir;

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("parquet-binary-pushdown").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  /** Row {@code i}'s key: its id as 4 big-endian bytes with the high bit set from the middle on (unsigned order). */
  static byte[] key(long i) {
    int v = (int) i + (i >= ROWS / 2 ? 0x8000_0000 - ROWS / 2 : 0);
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  /** Row {@code i}'s tag: null in the first quarter, then {@code a}..{@code d} by runs of 1000 rows. */
  static byte[] tag(long i) {
    return i < ROWS / 4 ? null : new byte[] {(byte) ('a' + i / 1000)};
  }

  static void writeSorted(Path file) throws IOException {
    VectorBuilder[] b = {VectorBuilder.forType(DataTypes.LONG, ROWS), VectorBuilder.forType(DataTypes.BINARY, ROWS),
        VectorBuilder.forType(DataTypes.BINARY, ROWS)};
    for (long i = 0; i < ROWS; i++) {
      b[0].append(i);
      b[1].append(key(i));
      b[2].append(tag(i));
    }
    ParquetFilterPushdownTest.writeSmallRowGroups(file,
        new Batch(SCHEMA, new ColumnVector[] {b[0].build(), b[1].build(), b[2].build()}, ROWS));
  }

  static ParquetFilterPushdownTest.Read read(Path file, List<Expression> filters, boolean pushdown)
      throws IOException {
    return ParquetFilterPushdownTest.read(file, SCHEMA, filters, pushdown, 0);
  }

  static Literal bytes(byte[] b) {
    return new Literal(b, DataTypes.BINARY);
  }

  record Case(Expression filter, LongPredicate matches) {}

  @Test
  void binaryFiltersSkipRowGroupsAndKeepEveryMatchingRow() throws IOException {
    Path file = dir.resolve("sorted.parquet");
    writeSorted(file);
    int groups = ParquetFilterPushdownTest.rowGroups(file);
    assertTrue(groups >= 8, "the test needs many row groups, got " + groups);
    List<Case> cases = List.of(
        new Case(new Comparison(Op.EQ, KEY, bytes(key(3100))), id -> id == 3100),
        new Case(new Comparison(Op.NULL_SAFE_EQ, bytes(key(17)), KEY), id -> id == 17),
        new Case(new In(KEY, List.of(bytes(key(3110)), bytes(key(3100)))), id -> id == 3100 || id == 3110),
        new Case(new In(TAG, List.of(bytes(new byte[] {'a'}), bytes(new byte[] {'b'}))), id -> id >= 1000 && id < 2000),
        new Case(new Comparison(Op.GE, KEY, bytes(key(3700))), id -> id >= 3700),
        new Case(new Comparison(Op.LT, KEY, bytes(key(300))), id -> id < 300),
        new Case(new Comparison(Op.LE, KEY, bytes(new byte[] {0, 0, 0})), id -> false),
        new Case(new Comparison(Op.GT, KEY, bytes(new byte[] {(byte) 0x80, 0, 0x05, (byte) 0xDC, 0})),
            id -> id > 3500),
        new Case(new Comparison(Op.EQ, TAG, bytes(new byte[] {'c'})), id -> id >= 2000 && id < 3000),
        new Case(new IsNull(TAG, false), id -> id < ROWS / 4));
    for (Case c : cases) {
      List<Expression> filters = List.of(c.filter());
      ParquetFilterPushdownTest.Read off = read(file, filters, false);
      ParquetFilterPushdownTest.Read on = read(file, filters, true);
      assertEquals(groups, off.rowGroups());
      assertTrue(on.rowGroups() < groups / 2, c.filter() + " read " + on.rowGroups() + " of " + groups);
      List<Long> matching = off.ids().stream().filter(c.matches()::test).toList();
      assertTrue(on.ids().containsAll(matching), c.filter().toString());
    }
    ParquetFilterPushdownTest.Read notNull = read(file, List.of(new IsNull(TAG, true)), true);
    assertTrue(notNull.rowGroups() < groups, "IS NOT NULL skips the all-null groups: " + notNull.rowGroups());
    assertTrue(notNull.ids().containsAll(List.of(1000L, 3999L)));
  }

  /** Rows with empty values, prefixes, bytes either side of 0x80, duplicates and nulls, in random order. */
  static List<Row> randomRows(Random random, int n) {
    byte[][] pool = {{}, {0}, {0, 0}, {1}, {0x7F}, {(byte) 0x80}, {(byte) 0x80, 0}, {(byte) 0xFF}, {(byte) 0xFF, 1},
        "ab".getBytes(StandardCharsets.UTF_8), "abc".getBytes(StandardCharsets.UTF_8),
        "é".getBytes(StandardCharsets.UTF_8)};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] k = i < n / 2 ? pool[random.nextInt(pool.length)] : randomBytes(random);
      rows.add(Row.of((long) i, Gen.orNull(random, 0.1, k),
          i < n / 3 ? null : Gen.orNull(random, 0.2, pool[random.nextInt(6)])));
    }
    return rows;
  }

  static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(4)];
    random.nextBytes(b);
    return b;
  }

  static List<Column> filters() {
    byte[] x80 = {(byte) 0x80};
    byte[] ab = "ab".getBytes(StandardCharsets.UTF_8);
    return List.of(col("key").equalTo(lit(x80)), col("key").lt(lit(x80)), col("key").geq(lit(x80)),
        col("key").gt(lit(new byte[] {(byte) 0xFF})), col("key").leq(lit(new byte[0])),
        col("key").isin(lit(ab), lit(new byte[] {0}), lit(null)), not(col("key").isin(lit(ab), lit(x80))),
        col("key").notEqual(lit(new byte[] {1})), col("key").eqNullSafe(lit(null)), col("key").isNull(),
        not(col("key").isNotNull().and(col("id").lt(1500))), col("tag").isNotNull().and(col("key").lt(lit(ab))),
        col("tag").equalTo(lit(new byte[] {0x7F})).or(col("key").equalTo(lit(new byte[] {(byte) 0xFF, 1}))));
  }

  @Test
  void everyBinaryFilterGivesTheSameRowsWithPushdownOnAndOff() {
    Random random = new Random(Seeds.of("parquet-binary-pushdown", 1).findFirst().orElseThrow());
    String path = dir.resolve("random").toString();
    session.createDataFrame(randomRows(random, 3000), SCHEMA).orderBy("key").coalesce(1).write()
        .option("parquet.block.size", "4096").parquet(path);
    for (Column filter : filters()) {
      List<String> off = rows(path, filter, false);
      List<String> on = rows(path, filter, true);
      assertEquals(off, on, filter.toString());
    }
    assertTrue(rows(path, col("key").equalTo(lit(new byte[] {(byte) 0x80})), true).size() > 0);
  }

  @Test
  void binaryAsStringColumnsTakeStringFilters() {
    String path = dir.resolve("strings").toString();
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 2000; i++) {
      rows.add(Row.of(i, String.format("k%05d", i).getBytes(StandardCharsets.UTF_8), null));
    }
    session.createDataFrame(rows, SCHEMA).coalesce(1).write().option("parquet.block.size", "2048").parquet(path);
    session.conf().set("spark.sql.parquet.binaryAsString", true);
    try {
      for (Column filter : List.of(col("key").equalTo("k01234"), col("key").geq("k01990"), col("key").lt("k00003"),
          col("key").isin("k00007", "k01500"), col("tag").isNull())) {
        assertEquals(rows(path, filter, false), rows(path, filter, true), filter.toString());
      }
      String plan = session.read().parquet(path).filter(col("key").equalTo("k01234")).queryExecution().explain(false);
      assertTrue(plan.contains("PushedFilters: [EqualTo(key,k01234)]"), plan);
    } finally {
      session.conf().unset("spark.sql.parquet.binaryAsString");
    }
  }

  @Test
  void explainShowsBinaryFiltersWithTheirBytes() {
    String path = dir.resolve("explain").toString();
    session.createDataFrame(List.of(Row.of(1L, new byte[] {0x48, 0x69}, null)), SCHEMA).write().parquet(path);
    String plan = session.read().parquet(path)
        .filter(col("key").equalTo(lit(new byte[] {0x48, 0x69})).and(col("tag").isNull())).queryExecution()
        .explain(false);
    assertTrue(plan.contains("PushedFilters: [EqualTo(key,[48 69]), IsNull(tag)]"), plan);
  }

  /** The rows {@code filter} selects, each as its values' display text, sorted by id. */
  private List<String> rows(String path, Column filter, boolean pushdown) {
    session.conf().set("spark.sql.parquet.filterPushdown", pushdown);
    try {
      return session.read().parquet(path).filter(filter).collectAsList().stream()
          .sorted(Comparator.comparing(r -> (Long) r.get(0)))
          .map(r -> r.get(0) + " " + show(r.get(1)) + " " + show(r.get(2))).toList();
    } finally {
      session.conf().unset("spark.sql.parquet.filterPushdown");
    }
  }

  private static String show(Object v) {
    return v instanceof byte[] b ? ValueFormat.binaryDisplay(b) : String.valueOf(v);
  }
}
