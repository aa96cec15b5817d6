package io.ember.api;

import static io.ember.api.BinaryHashFunctionsTest.values;
import static io.ember.api.functions.col;
import static io.ember.api.functions.expr;
import static io.ember.api.functions.hash;
import static io.ember.api.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code functions.hash} and {@code functions.xxhash64} on a DataFrame: Spark's documented values, a null row, every
 * call giving the same column (name, type, values) as its SQL and {@code expr()} forms, and Spark's errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkHashColumnsTest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("c1", DataTypes.STRING), DataTypes.field("c2", DataTypes.STRING),
      DataTypes.field("b", DataTypes.BINARY), DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("dec", DataTypes.decimal(38, 11)), DataTypes.field("arr", DataTypes.array(DataTypes.LONG)),
      DataTypes.field("st", DataTypes.struct(DataTypes.field("a", DataTypes.LONG), DataTypes.field("b",
          DataTypes.LONG))),
      DataTypes.field("m", DataTypes.createMapType(DataTypes.STRING, DataTypes.INTEGER)));

  Session session;
  DataFrame df;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("spark-hash-columns").getOrCreate();
    df = session.createDataFrame(List.of(
        Row.of(1, "ABC", "DEF", "ABC".getBytes(StandardCharsets.UTF_8), -0.0, new BigDecimal("-1E-11"),
            List.of(1L, 2L, 3L), Row.of(11L, 1L), Map.of("k", 1)),
        Row.of(2, null, null, null, null, null, null, null, null),
        Row.of(3, "\ud720\ud721", "", new byte[0], Double.NaN, new BigDecimal("0.00000000100"), List.of(),
            Row.of(1L, null), Map.of())), SCHEMA);
    df.createOrReplaceTempView("hashed");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  List<Object> api(Column c) {
    return values(df.orderBy("id").select(c));
  }

  @Test
  void sparksDocumentedValuesAndNullRows() {
    assertEquals(Arrays.asList(-757602832, 42), api(hash(col("c1"))).subList(0, 2));
    assertEquals(Arrays.asList(599895104, 42), api(hash(col("c1"), col("c2"))).subList(0, 2));
    assertEquals(Arrays.asList(4105715581806190027L, 42L), api(xxhash64(col("c1"))).subList(0, 2));
    assertEquals(Arrays.asList(3233247871021311208L, 42L), api(xxhash64(col("c1"), col("c2"))).subList(0, 2));
    assertEquals(api(hash(col("c1"))).get(0), api(hash(col("b"))).get(0));
    assertEquals(List.of(-1321691492), values(session.sql("SELECT hash('Spark', array(123), 2)")));
    assertEquals(List.of(5602566077635097486L), values(session.sql("SELECT xxhash64('Spark', array(123), 2)")));
    assertEquals(Arrays.asList(1398487324, 42, -295670906), api(hash(col("dec"))));
    assertEquals(Arrays.asList(-729369738, 42, -1712319331), api(hash(col("st"))));
    assertEquals(Arrays.asList(4904562767517797033L, 42L, 42L), api(xxhash64(col("arr"))));
    assertEquals(Arrays.asList(-1670924195, 42, -1281358385), api(hash(col("d"))));
    assertFalse(df.select(hash(col("c1"))).schema().fields().get(0).nullable());
  }

  @Test
  void eachCallNamesTypesAndComputesAsItsSqlAndExprForms() {
    Map<String, Column> calls = new LinkedHashMap<>();
    calls.put("hash(c1)", hash(col("c1")));
    calls.put("hash(c1, c2)", hash(col("c1"), col("c2")));
    calls.put("hash(b, d, dec, arr, st)", hash(col("b"), col("d"), col("dec"), col("arr"), col("st")));
    calls.put("hash(id, NULL, c2)", hash(col("id"), functions.lit(null), col("c2")));
    calls.put("xxhash64(c1)", xxhash64(col("c1")));
    calls.put("xxhash64(c2, c1)", xxhash64(col("c2"), col("c1")));
    calls.put("xxhash64(st, arr, dec, d, b, id)",
        xxhash64(col("st"), col("arr"), col("dec"), col("d"), col("b"), col("id")));
    for (Map.Entry<String, Column> call : calls.entrySet()) {
      DataFrame viaApi = df.orderBy("id").select(call.getValue());
      DataFrame viaSql = session.sql("SELECT " + call.getKey() + " FROM hashed ORDER BY id");
      DataFrame viaExpr = df.orderBy("id").select(expr(call.getKey()));
      assertEquals(viaSql.schema(), viaApi.schema(), call.getKey());
      assertEquals(viaSql.schema(), viaExpr.schema(), call.getKey());
      assertEquals(call.getKey(), viaApi.schema().fields().get(0).name());
      assertEquals(values(viaSql), values(viaApi), call.getKey());
      assertEquals(values(viaSql), values(viaExpr), call.getKey());
      assertEquals(3, values(viaApi).size(), call.getKey());
    }
  }

  @Test
  void mapsAndNoColumnsAreRefusedAsSparkRefusesThem() {
    AnalysisException viaApi = assertThrows(AnalysisException.class, () -> df.select(hash(col("c1"), col("m"))));
    assertEquals("DATATYPE_MISMATCH.HASH_MAP_TYPE", viaApi.errorClass());
    AnalysisException viaSql = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT xxhash64(array(m)) FROM hashed").collectAsList());
    assertEquals("DATATYPE_MISMATCH.HASH_MAP_TYPE", viaSql.errorClass());
    AnalysisException none = assertThrows(AnalysisException.class, () -> df.select(xxhash64()));
    assertEquals("WRONG_NUM_ARGS", none.errorClass());
  }
}
