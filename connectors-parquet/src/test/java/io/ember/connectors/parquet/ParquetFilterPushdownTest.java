package io.ember.connectors.parquet;

import static io.ember.api.functions.col;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Column;
import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.sink.RecordWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.Comparison.Op;
import io.ember.core.expr.Expression;
import io.ember.core.expr.IsNull;
import io.ember.core.expr.Literal;
import io.ember.core.expr.Or;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filter pushdown: row groups that the statistics or dictionaries rule out are not read, and every query returns the
 * same rows with {@code spark.sql.parquet.filterPushdown} on and off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetFilterPushdownTest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.LONG),
      DataTypes.field("bucket", DataTypes.STRING), DataTypes.field("score", DataTypes.DOUBLE));
  static final int ROWS = 4000;
  static final ColumnRef ID = new ColumnRef(0, "id", DataTypes.LONG, false);
  static final ColumnRef BUCKET = new ColumnRef(1, "bucket", DataTypes.STRING, true);

  @TempDir
  Path dir;

  @TempDir
  static Path shared;

  Session session;
  Path mixed;

  @BeforeAll
  void start() throws IOException {
    session = Session.builder().master("local[2]").appName("parquet-pushdown").getOrCreate();
    mixed = Files.createDirectories(shared.resolve("mixed"));
    Random random = new Random(Seeds.of("parquet-pushdown", 1).findFirst().orElseThrow());
    session.createDataFrame(mixedRows(random, 3000), MIXED).coalesce(1).write()
        .option("parquet.block.size", "8192").parquet(mixed.resolve("t").toString());
    try (var files = Files.list(mixed.resolve("t"))) {
      Path part = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
      assertTrue(rowGroups(part) >= 4, "the test needs several row groups, got " + rowGroups(part));
    }
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  /** Ids in order, so each row group holds one range; {@code bucket} is constant within runs of 500 rows. */
  static void writeSorted(Path file) throws IOException {
    VectorBuilder[] b = {VectorBuilder.forType(DataTypes.LONG, ROWS), VectorBuilder.forType(DataTypes.STRING, ROWS),
        VectorBuilder.forType(DataTypes.DOUBLE, ROWS)};
    for (int i = 0; i < ROWS; i++) {
      b[0].append((long) i);
      b[1].append(i % 1000 < 500 ? "low" : (i / 1000) % 2 == 0 ? "even" : "odd");
      b[2].append(i % 7 == 0 ? null : i * 0.5);
    }
    writeSmallRowGroups(file, new Batch(SCHEMA, new ColumnVector[] {b[0].build(), b[1].build(), b[2].build()}, ROWS));
  }

  /** Writes {@code batch} uncompressed in row groups of about 2 KB, so that a few thousand rows make many. */
  static void writeSmallRowGroups(Path file, Batch batch) throws IOException {
    FileOptions options = new FileOptions(Map.of("parquet.block.size", "2048", "compression", "none"));
    int[] all = java.util.stream.IntStream.range(0, batch.schema().size()).toArray();
    try (OutputStream out = Files.newOutputStream(file);
        RecordWriter w = ParquetFormat.INSTANCE.openWriter(out, batch.schema(), all, options)) {
      for (int r = 0; r < batch.numRows(); r++) {
        w.write(batch, r, all);
      }
    }
  }

  /** The ids a split reader produces under {@code filters}, and how many row groups it read. */
  record Read(List<Long> ids, int rowGroups, long consumed) {}

  static Read read(Path file, List<Expression> filters, boolean pushdown, long skip) throws IOException {
    return read(file, SCHEMA, filters, pushdown, skip);
  }

  /** The ids (a long first column of {@code schema}) a split reader produces under {@code filters}. */
  static Read read(Path file, StructType schema, List<Expression> filters, boolean pushdown, long skip)
      throws IOException {
    FileSplit split = new FileSplit(0, file.toString(), 0, Files.size(file));
    List<Long> ids = new ArrayList<>();
    try (ParquetSplitReader r = new ParquetSplitReader(split,
        new ReadRequest(schema, new int[] {0}, ZoneOffset.UTC, filters), pushdown, false)) {
      r.skip(skip);
      while (true) {
        VectorBuilder[] b = {VectorBuilder.forType(DataTypes.LONG, 256)};
        int n = r.read(b, 256);
        ColumnVector v = b[0].build();
        for (int i = 0; i < n; i++) {
          ids.add((Long) v.get(i));
        }
        if (n < 256) {
          return new Read(ids, r.rowGroupsRead(), r.consumed());
        }
      }
    }
  }

  @Test
  void selectiveFiltersReadFewerRowGroupsAndKeepEveryMatchingRow() throws IOException {
    Path file = dir.resolve("sorted.parquet");
    writeSorted(file);
    int groups = rowGroups(file);
    assertTrue(groups >= 8, "the test needs many row groups, got " + groups);
    List<List<Expression>> selective = List.of(
        List.of(new Comparison(Op.GE, ID, new Literal(3900L, DataTypes.LONG))),
        List.of(new Comparison(Op.GT, new Literal(100L, DataTypes.LONG), ID)),
        List.of(new Or(new Comparison(Op.EQ, ID, new Literal(5L, DataTypes.LONG)),
            new Comparison(Op.EQ, ID, new Literal(3995L, DataTypes.LONG)))),
        List.of(new Comparison(Op.EQ, BUCKET, new Literal("odd", DataTypes.STRING)),
            new Comparison(Op.LT, ID, new Literal(2000L, DataTypes.LONG))),
        List.of(new IsNull(BUCKET, false)));
    for (List<Expression> filters : selective) {
      Read off = read(file, filters, false, 0);
      Read on = read(file, filters, true, 0);
      assertEquals(groups, off.rowGroups());
      assertTrue(on.rowGroups() < groups / 2, filters + " read " + on.rowGroups() + " of " + groups);
      assertEquals(ROWS, on.consumed());
      List<Long> matching = off.ids().stream().filter(id -> matches(filters, id)).toList();
      assertTrue(on.ids().containsAll(matching), filters.toString());
    }
    Read none = read(file, List.of(new IsNull(ID, false)), true, 0);
    assertEquals(0, none.rowGroups());
    assertEquals(List.of(), none.ids());
  }

  static int rowGroups(Path file) throws IOException {
    try (var reader = ParquetFiles.open(file.toString(), 0, Files.size(file))) {
      return reader.getRowGroups().size();
    }
  }

  /** The filters of the test above on row {@code id} of {@link #writeSorted}. */
  private static boolean matches(List<Expression> filters, long id) {
    String bucket = id % 1000 < 500 ? "low" : (id / 1000) % 2 == 0 ? "even" : "odd";
    return switch (filters.size()) {
      case 2 -> bucket.equals("odd") && id < 2000;
      default -> {
        Expression f = filters.get(0);
        if (f instanceof Or) {
          yield id == 5 || id == 3995;
        } else if (f instanceof IsNull) {
          yield false;
        }
        yield ((Comparison) f).op() == Op.GE ? id >= 3900 : id < 100;
      }
    };
  }

  @Test
  void offsetsCountTheRowsOfSkippedRowGroups() throws IOException {
    Path file = dir.resolve("offsets.parquet");
    writeSorted(file);
    List<Expression> filters = List.of(new Comparison(Op.GE, ID, new Literal(3000L, DataTypes.LONG)));
    Read all = read(file, filters, true, 0);
    int half = all.ids().size() / 2;
    long position = all.ids().get(half);
    Read rest = read(file, filters, true, position);
    assertEquals(all.ids().subList(half, all.ids().size()), rest.ids());
    assertEquals(ROWS, rest.consumed());
  }

  static final StructType MIXED = DataTypes.struct(DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("l", DataTypes.LONG), DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("s", DataTypes.STRING), DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("day", DataTypes.DATE), DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("dec", DataTypes.decimal(9, 2)), DataTypes.field("wide", DataTypes.decimal(25, 3)));

  /** Rows sorted by {@code i} with nulls everywhere but {@code i}, NaN, both zeros and unicode strings. */
  static List<Row> mixedRows(Random random, int n) {
    List<Row> rows = new ArrayList<>();
    double[] doubles = {0.0, -0.0, Double.NaN, 1.5, -2.25, Double.POSITIVE_INFINITY};
    for (int i = 0; i < n; i++) {
      rows.add(Row.of(i,
          Gen.orNull(random, 0.1, (long) i * 1_000_000_007L),
          Gen.orNull(random, 0.1, i % 3 == 0 ? doubles[random.nextInt(doubles.length)] : i / 10.0),
          Gen.orNull(random, 0.1, i < n / 2 ? "a" + (i % 50) : "ζ" + (i % 50)),
          Gen.orNull(random, 0.1, i < n / 3),
          Gen.orNull(random, 0.1, LocalDate.of(2020, 1, 1).plusDays(i)),
          Gen.orNull(random, 0.1, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 3600L)),
          Gen.orNull(random, 0.1, BigDecimal.valueOf(i * 101L - 50_000, 2)),
          Gen.orNull(random, 0.1, new BigDecimal(i + "123456789012345.678"))));
    }
    return rows;
  }

  /** Filters on every type, with nulls, negation, widening casts and the double edge cases. */
  static List<Column> mixedFilters() {
    return List.of(
        col("i").gt(2500), col("i").leq(10).or(col("i").geq(2990)), col("i").isin(3, 1500, 2999),
        col("i").equalTo(lit(7L)), col("i").lt(lit(100.0)), col("i").gt(lit(5_000_000_000L)),
        col("l").geq(2_000_000_000_000L), col("l").isNull(), not(col("l").isNotNull().and(col("i").lt(2990))),
        col("d").equalTo(0.0), col("d").equalTo(-0.0), col("d").lt(0.0), col("d").leq(-0.0), col("d").gt(250.0),
        col("d").isin(1.5, -0.0), not(col("d").lt(100.0)), col("d").equalTo(Double.NaN), col("d").notEqual(1.5),
        col("s").equalTo("ζ7"), col("s").lt("a2"), col("s").gt("ζ"), not(col("s").isin("a1", "ζ1")),
        col("s").eqNullSafe(lit(null)), col("b").equalTo(true), col("b").notEqual(false), not(col("b")),
        col("day").geq(LocalDate.of(2027, 1, 1)), col("day").equalTo(LocalDate.of(2020, 1, 5)),
        col("ts").lt(Instant.parse("2024-01-02T00:00:00Z")), col("ts").geq(Instant.parse("2024-04-01T00:00:00Z")),
        col("dec").gt(new BigDecimal("200.5")), col("dec").equalTo(new BigDecimal("-499.99")),
        col("dec").lt(new BigDecimal("-499.995")), col("wide").geq(new BigDecimal("2900123456789012345.678")),
        col("wide").isin(new BigDecimal("5123456789012345.678")), col("i").gt(2000).and(col("s").startsWith("ζ1")),
        not(col("i").lt(2990).or(col("dec").isNull())));
  }

  @Test
  void everyFilterGivesTheSameRowsWithPushdownOnAndOff() {
    String path = mixed.resolve("t").toString();
    for (Column filter : mixedFilters()) {
      List<List<Object>> off = rows(path, filter, false);
      List<List<Object>> on = rows(path, filter, true);
      assertEquals(off, on, filter.toString());
    }
  }

  private List<List<Object>> rows(String path, Column filter, boolean pushdown) {
    session.conf().set("spark.sql.parquet.filterPushdown", pushdown);
    try {
      List<List<Object>> out = new ArrayList<>();
      for (Row r : session.read().parquet(path).filter(filter).collectAsList()) {
        List<Object> values = new ArrayList<>();
        for (int c = 0; c < r.size(); c++) {
          values.add(r.get(c));
        }
        out.add(values);
      }
      out.sort(Comparator.comparing(v -> (Integer) v.get(0)));
      return out;
    } finally {
      session.conf().unset("spark.sql.parquet.filterPushdown");
    }
  }

  @Test
  void explainShowsThePushedFiltersAsSparkDoes() {
    String path = mixed.resolve("t").toString();
    DataFrame q = session.read().parquet(path).filter(col("i").gt(5).and(col("s").isNotNull()))
        .filter(col("d").isin(1.5, 2.5).or(col("day").isNull()));
    String plan = q.queryExecution().explain(false);
    assertTrue(plan.contains("PushedFilters: [GreaterThan(i,5), IsNotNull(s), Or(In(d, [1.5,2.5]),IsNull(day))]"),
        plan);
    session.conf().set("spark.sql.parquet.filterPushdown", false);
    try {
      String off = session.read().parquet(path).filter(col("i").gt(5)).queryExecution().explain(false);
      assertFalse(off.contains("PushedFilters"), off);
    } finally {
      session.conf().unset("spark.sql.parquet.filterPushdown");
    }
  }
}
