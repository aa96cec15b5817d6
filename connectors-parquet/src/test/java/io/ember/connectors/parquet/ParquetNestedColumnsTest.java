package io.ember.connectors.parquet;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.ReadRequest;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structs, arrays and maps: written in Spark's layout (three-level lists, {@code key_value} maps), read back by Ember
 * and by Parquet's own record assembly, across row groups, with nulls at every level.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetNestedColumnsTest {
  static final StructType POINT = DataTypes.struct(DataTypes.field("x", DataTypes.LONG),
      DataTypes.field("tags", DataTypes.array(DataTypes.STRING)));
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("s", DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER),
          DataTypes.field("b", DataTypes.STRING), DataTypes.field("d", DataTypes.decimal(20, 2)),
          DataTypes.field("day", DataTypes.DATE), DataTypes.field("ts", DataTypes.TIMESTAMP))),
      DataTypes.field("xs", DataTypes.array(DataTypes.INTEGER)),
      DataTypes.field("m", new MapType(DataTypes.STRING, DataTypes.DOUBLE, true)),
      DataTypes.field("points", DataTypes.array(POINT)),
      DataTypes.field("byKey", new MapType(DataTypes.INTEGER, POINT, true)),
      DataTypes.field("grid", DataTypes.array(DataTypes.array(DataTypes.decimal(5, 1)))));

  @TempDir
  static Path dir;

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("parquet-nested").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<Row> rows(Random random, int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.of(i,
          Gen.orNull(random, 0.2, Row.of(Gen.orNull(random, 0.2, random.nextInt()),
              Gen.orNull(random, 0.2, Gen.string(random, 6)),
              Gen.orNull(random, 0.2, BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, 2)),
              Gen.orNull(random, 0.2, LocalDate.ofEpochDay(random.nextInt(40_000) - 20_000)),
              Gen.orNull(random, 0.2, Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000) * 1000L)))),
          Gen.orNull(random, 0.2, list(random, 4, () -> Gen.orNull(random, 0.2, random.nextInt(100)))),
          Gen.orNull(random, 0.2, map(random, 3, () -> "k" + random.nextInt(1000),
              () -> Gen.orNull(random, 0.2, random.nextDouble()))),
          Gen.orNull(random, 0.2, list(random, 3, () -> Gen.orNull(random, 0.2, point(random)))),
          Gen.orNull(random, 0.2, map(random, 2, () -> random.nextInt(50), () -> Gen.orNull(random, 0.3, point(random)))),
          Gen.orNull(random, 0.2, list(random, 3, () -> Gen.orNull(random, 0.2,
              list(random, 3, () -> Gen.orNull(random, 0.2, BigDecimal.valueOf(random.nextInt(20_000) - 10_000, 1))))))));
    }
    return rows;
  }

  static Row point(Random random) {
    return Row.of(Gen.orNull(random, 0.2, random.nextLong()),
        Gen.orNull(random, 0.2, list(random, 2, () -> Gen.orNull(random, 0.2, Gen.string(random, 3)))));
  }

  static <T> List<T> list(Random random, int max, java.util.function.Supplier<T> element) {
    List<T> out = new ArrayList<>();
    for (int i = random.nextInt(max + 1); i > 0; i--) {
      out.add(element.get());
    }
    return out;
  }

  static <K, V> Map<K, V> map(Random random, int max, java.util.function.Supplier<K> key,
      java.util.function.Supplier<V> value) {
    Map<K, V> out = new LinkedHashMap<>();
    for (int i = random.nextInt(max + 1); i > 0; i--) {
      out.put(key.get(), value.get());
    }
    return out;
  }

  static Stream<Long> seeds() {
    return Seeds.of("parquet-nested", 2);
  }

  @Test
  void nestedColumnsRoundTripAcrossRowGroups() {
    for (long seed : seeds().toList()) {
      List<Row> rows = rows(new Random(seed), 1500);
      String out = dir.resolve("round-" + seed).toString();
      session.createDataFrame(rows, SCHEMA).coalesce(1).write().option("parquet.block.size", "16384").parquet(out);
      var back = session.read().parquet(out);
      assertEquals(SCHEMA.simpleString(), back.schema().simpleString(), "seed " + seed);
      assertEquals(rows, back.orderBy("id").collectAsList(), "seed " + seed);
      assertEquals(rows.stream().filter(r -> (int) r.get(0) % 7 == 3).map(r -> Row.of(r.get(5), r.get(0))).toList(),
          back.filter(col("id").mod(7).equalTo(3)).select("byKey", "id").orderBy("id").collectAsList(),
          "pruned, seed " + seed);
    }
  }

  @Test
  void nestedColumnsBesideSkippedRowGroupsAndOffsets() throws IOException {
    List<Row> rows = rows(new Random(seeds().findFirst().orElseThrow()), 1200);
    String out = dir.resolve("skips").toString();
    session.createDataFrame(rows, SCHEMA).coalesce(1).write().option("parquet.block.size", "8192").parquet(out);
    Path part;
    try (Stream<Path> files = Files.list(Path.of(out))) {
      part = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    FileSplit split = new FileSplit(0, part.toString(), 0, Files.size(part));
    List<Expression> late = List.of(new Comparison(Comparison.Op.GE,
        new ColumnRef(0, "id", DataTypes.INTEGER, true), new Literal(1000, DataTypes.INTEGER)));
    int[] columns = {0, 4, 2, 5};
    List<List<Object>> all = read(split, columns, List.of(), 0);
    assertEquals(rows.stream().map(r -> Arrays.asList(r.get(0), r.get(4), r.get(2), r.get(5))).toList(), all);
    for (int skip : new int[] {1, 333, 999}) {
      assertEquals(all.subList(skip, all.size()), read(split, columns, List.of(), skip), "skip " + skip);
    }
    List<List<Object>> pushed = read(split, columns, late, 0);
    assertTrue(pushed.size() < all.size(), "some row groups are skipped");
    assertEquals(all.subList(1000, all.size()), pushed.subList(pushed.size() - 200, pushed.size()));
    // ids are written in order, so row 1100's position in the split is 1100, skipped row groups included
    assertEquals(all.subList(1100, all.size()), read(split, columns, late, 1100));
  }

  static List<List<Object>> read(FileSplit split, int[] columns, List<Expression> filters, long skip)
      throws IOException {
    List<List<Object>> out = new ArrayList<>();
    try (ParquetSplitReader r = new ParquetSplitReader(split,
        new ReadRequest(SCHEMA, columns, ZoneOffset.UTC, filters), true, false)) {
      r.skip(skip);
      while (true) {
        VectorBuilder[] b = new VectorBuilder[columns.length];
        for (int c = 0; c < columns.length; c++) {
          b[c] = VectorBuilder.forType(SCHEMA.field(columns[c]).dataType(), 100);
        }
        int n = r.read(b, 100);
        ColumnVector[] v = Arrays.stream(b).map(VectorBuilder::build).toArray(ColumnVector[]::new);
        for (int i = 0; i < n; i++) {
          List<Object> row = new ArrayList<>();
          for (ColumnVector x : v) {
            row.add(x.get(i));
          }
          out.add(row);
        }
        if (n < 100) {
          return out;
        }
      }
    }
  }

  @Test
  void filesUseSparksLayoutAndParquetAssemblesTheSameValues() throws IOException {
    String out = dir.resolve("layout").toString();
    StructType schema = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("xs", DataTypes.array(DataTypes.INTEGER)),
        DataTypes.field("m", new MapType(DataTypes.STRING, DataTypes.LONG, true)),
        DataTypes.field("s", DataTypes.struct(DataTypes.field("a", DataTypes.STRING, false))));
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("one", 1L);
    m.put("none", null);
    session.createDataFrame(List.of(Row.of(1, Arrays.asList(1, null, 3), m, Row.of("q")),
        Row.of(2, List.of(), Map.of(), null), Row.of(3, null, null, Row.of("r"))), schema)
        .coalesce(1).write().parquet(out);
    Path part;
    try (Stream<Path> files = Files.list(Path.of(out))) {
      part = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    try (ParquetFileReader reader = ParquetFiles.open(part.toString(), 0, Files.size(part))) {
      MessageType written = reader.getFooter().getFileMetaData().getSchema();
      assertEquals("""
          message spark_schema {
            optional int32 id;
            optional group xs (LIST) {
              repeated group list {
                optional int32 element;
              }
            }
            optional group m (MAP) {
              repeated group key_value {
                required binary key (STRING);
                optional int64 value;
              }
            }
            optional group s {
              required binary a (STRING);
            }
          }
          """, written.toString());
      PageReadStore pages = reader.readNextRowGroup();
      RecordReader<Group> records = new ColumnIOFactory().getColumnIO(written)
          .getRecordReader(pages, new GroupRecordConverter(written));
      Group first = records.read();
      assertEquals(3, first.getGroup("xs", 0).getFieldRepetitionCount("list"));
      assertEquals(0, first.getGroup("xs", 0).getGroup("list", 1).getFieldRepetitionCount("element"));
      assertEquals(3, first.getGroup("xs", 0).getGroup("list", 2).getInteger("element", 0));
      assertEquals("none", first.getGroup("m", 0).getGroup("key_value", 1).getString("key", 0));
      assertEquals(0, first.getGroup("m", 0).getGroup("key_value", 1).getFieldRepetitionCount("value"));
      assertEquals("q", first.getGroup("s", 0).getString("a", 0));
      Group second = records.read();
      assertEquals(1, second.getFieldRepetitionCount("xs"));
      assertEquals(0, second.getGroup("xs", 0).getFieldRepetitionCount("list"));
      assertEquals(0, second.getFieldRepetitionCount("s"));
      assertEquals(0, records.read().getFieldRepetitionCount("xs"));
    }
  }

  @Test
  void aNestedColumnReadAsAnotherTypeFailsNamingIt() {
    String out = dir.resolve("mismatch").toString();
    session.createDataFrame(List.of(Row.of(1, List.of(1, 2))), DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("xs", DataTypes.array(DataTypes.INTEGER)))).write().parquet(out);
    EmberException e = assertThrows(EmberException.class,
        () -> session.read().schema("id INT, xs ARRAY<STRING>").parquet(out).collectAsList());
    assertTrue(e.getMessage().contains("[xs]") && e.getMessage().contains("ARRAY<STRING>"), e.getMessage());
    assertEquals(List.of(Row.of(1, List.of(1, 2))),
        session.read().schema(DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
            DataTypes.field("xs", new ArrayType(DataTypes.INTEGER, false)))).parquet(out).collectAsList());
  }
}
