package io.ember.core.expr.binary;

import static io.ember.core.expr.string.FunctionHarness.call;
import static io.ember.core.expr.string.FunctionHarness.col;
import static io.ember.core.expr.string.FunctionHarness.eval;
import static io.ember.core.expr.string.FunctionHarness.evalColumn;
import static io.ember.core.expr.string.FunctionHarness.i;
import static io.ember.core.expr.string.FunctionHarness.l;
import static io.ember.core.expr.string.FunctionHarness.nullOf;
import static io.ember.core.expr.string.FunctionHarness.str;
import static io.ember.core.expr.string.FunctionHarness.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructField;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hash} and {@code xxhash64} against values Spark computed: its documentation, PySpark's docstrings, and the
 * Spark-checked expectations that Velox and cuDF publish for their Spark-compatible hashes (each obtained by running
 * Spark). Every Ember type is covered, nulls, -0.0, NaN, infinities, empty and multi-byte UTF-8 strings, decimals on
 * both sides of 18 digits, and nested arrays and structs.
 */
class SparkHashFunctionsTest {
  private static final String PUNCTUATION_AND_HANGUL = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\ud720\ud721";

  static Stream<Long> seeds() {
    return Seeds.of("SparkHashFunctionsTest", 20);
  }

  private static List<Object> hash(DataType type, Object... rows) {
    return evalColumn("hash", type, values(rows));
  }

  private static List<Object> xxhash64(DataType type, Object... rows) {
    return evalColumn("xxhash64", type, values(rows));
  }

  private static Literal bin(byte[] b) {
    return new Literal(b, DataTypes.BINARY);
  }

  @Test
  void sparksDocumentedExamples() {
    assertEquals(-1321691492, eval("hash", str("Spark"), call("array", i(123)), i(2)));
    assertEquals(5602566077635097486L, eval("xxhash64", str("Spark"), call("array", i(123)), i(2)));
    assertEquals(-757602832, eval("hash", str("ABC")));
    assertEquals(599895104, eval("hash", str("ABC"), str("DEF")));
    assertEquals(4105715581806190027L, eval("xxhash64", str("ABC")));
    assertEquals(3233247871021311208L, eval("xxhash64", str("ABC"), str("DEF")));
  }

  @Test
  void nullsLeaveTheSeedSoNullHashesTo42() {
    assertEquals(42, eval("hash", new Literal(null, DataTypes.NULL)));
    assertEquals(42L, eval("xxhash64", new Literal(null, DataTypes.NULL)));
    assertEquals(values(42, 142593372), hash(DataTypes.STRING, null, ""));
    assertEquals(142593372, eval("hash", str(""), nullOf(DataTypes.INTEGER)));
    assertEquals(933211791, eval("hash", nullOf(DataTypes.STRING), i(0)));
    assertEquals(1143746540, eval("hash", str(""), i(0)));
    assertEquals(-7444071767201028348L, eval("xxhash64", str(""), nullOf(DataTypes.INTEGER)));
    assertEquals(3614696996920510707L, eval("xxhash64", nullOf(DataTypes.STRING), i(0)));
    assertEquals(5333022629466737987L, eval("xxhash64", str(""), i(0)));
    assertEquals(values(42L), xxhash64(DataTypes.array(DataTypes.INTEGER), (Object) null));
    Expression h = call("hash", col(0, DataTypes.STRING));
    assertFalse(h.nullable());
    assertEquals("hash(c0)", h.sql());
    assertEquals(DataTypes.INTEGER, h.dataType());
    assertEquals(DataTypes.LONG, call("xxhash64", col(0, DataTypes.STRING), i(1)).dataType());
    assertEquals("xxhash64(c0, 1)", call("xxhash64", col(0, DataTypes.STRING), i(1)).sql());
  }

  @Test
  void integersBooleansAndDates() {
    assertEquals(values(-559580957, 933211791, -1604776387, 141248195, 751823303, -1080202046, 42),
        hash(DataTypes.INTEGER, 1, 0, -1, 0xdeadbeef, 100, -100, null));
    assertEquals(values(-6698625589789238999L, 3614696996920510707L, 2017008487422258757L, -8041005359684616715L),
        xxhash64(DataTypes.INTEGER, 1, 0, -1, 0xdeadbeef));
    assertEquals(values(-559580957, 933211791, 42), hash(DataTypes.BOOLEAN, true, false, null));
    assertEquals(values(-6698625589789238999L, 3614696996920510707L), xxhash64(DataTypes.BOOLEAN, true, false));
    // A date is its days since 1970-01-01, as an int.
    assertEquals(values(933211791, 751823303, -1080202046),
        hash(DataTypes.DATE, LocalDate.ofEpochDay(0), LocalDate.ofEpochDay(100), LocalDate.ofEpochDay(-100)));
  }

  @Test
  void longsAndTimestamps() {
    assertEquals(values(-1712319331, -1670924195, -939490007, -1604625029, -853646085, -256235155, 1114849490),
        hash(DataTypes.LONG, 1L, 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0xcafecafedeadbeefL, 100L));
    assertEquals(values(-7001672635703045582L, -5252525462095825812L, 3858142552250413010L,
            -3246596055638297850L, -8619748838626508300L, -6259772178006417012L),
        xxhash64(DataTypes.LONG, 1L, 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0xcafecafedeadbeefL));
    // A timestamp is its microseconds since the epoch, as a long: 1970-01-01 00:00:12.345678.
    Instant t = Instant.ofEpochSecond(12, 345_678_000);
    assertEquals(values(1402875301), hash(DataTypes.TIMESTAMP, t));
    assertEquals(values(782671362992292307L), xxhash64(DataTypes.TIMESTAMP, t));
  }

  @Test
  void doublesNormalizeNegativeZeroAndNaN() {
    double otherNaN = Double.longBitsToDouble(0x7ff0000000000001L);
    assertEquals(values(-1670924195, -1670924195, -460888942, -1281358385, -1281358385, 833680482, 461104036,
            -508695674, 1897734433),
        hash(DataTypes.DOUBLE, 0.0, -0.0, 1.0, Double.NaN, otherNaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE));
    assertEquals(values(-5252525462095825812L, -5252525462095825812L, -2162451265447482029L,
            -3127944061524951246L, 5810986238603807492L, 5326262080505358431L),
        xxhash64(DataTypes.DOUBLE, 0.0, -0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
  }

  @Test
  void stringsAreTheirUtf8BytesWithSparksMurmurTail() {
    // 0, 5, 26, 8, 19, 24, 42 and 38 bytes: every tail length. The last ends in two bytes of a 3-byte Hangul
    // character (0x9C 0xA1), which Spark mixes in one at a time as negative ints.
    assertEquals(values(142593372, 228093765, -1990933474, 2036199019, 1217302703, -715697185, -2061143941,
            -111635966),
        hash(DataTypes.STRING, "", "Spark", "abcdefghijklmnopqrstuvwxyz", "12345678", "The quick brown fox",
            "jumps over the lazy dog.", "All work and no play makes Jack a dull boy", PUNCTUATION_AND_HANGUL));
    assertEquals(values(-7444071767201028348L, -4294468057691064905L, -3265757659154784300L,
            6863040065134489090L, -633855189410948723L),
        xxhash64(DataTypes.STRING, "", "Spark", "abcdefghijklmnopqrstuvwxyz", "12345678",
            "12345678djdejidecjjeijcneknceincne"));
  }

  @Test
  void binaryHashesAsTheStringOfTheSameBytes() {
    for (String s : List.of("", "Spark", PUNCTUATION_AND_HANGUL, "\u00e9\u20ac\ud834\udd1e multi-byte",
        "12345678djdejidecjjeijcneknceincne")) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      assertEquals(eval("hash", str(s)), eval("hash", bin(utf8)), s);
      assertEquals(eval("xxhash64", str(s)), eval("xxhash64", bin(utf8)), s);
    }
    assertEquals(-111635966, eval("hash", bin(PUNCTUATION_AND_HANGUL.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void decimalsUpTo18DigitsAreUnscaledLongsWiderOnesTheirBytes() {
    DataType small = DataTypes.decimal(18, 7);
    assertEquals(values(-1670924195, 1114849490, 904948192),
        hash(small, new BigDecimal("0.0000000"), new BigDecimal("0.0000100"), new BigDecimal("-0.0000100")));
    DataType wide = DataTypes.decimal(38, 11);
    // Unscaled 0, 100 and -1 are one byte each; the last, 0xFF, is mixed in as a negative int.
    assertEquals(values(-783713497, -295670906, 1398487324, -52622807, -1359749815),
        hash(wide, new BigDecimal("0E-11"), new BigDecimal("1.00E-9"), new BigDecimal("-1E-11"),
            new BigDecimal("-9999999999999999.99999999999"),
            new BigDecimal("99999999999999999999999999.99999999999")));
    DataType integral = DataTypes.decimal(38, 0);
    BigDecimal max = new BigDecimal("99999999999999999999999999999999999999");
    assertEquals(values(-277285195, -783713497, -1198355617, -817514053, 1400911110),
        hash(integral, new BigDecimal(12345678), BigDecimal.ZERO, new BigDecimal(-12345678), max, max.negate()));
    assertEquals(values(4541350547708072824L, -8959994473701255385L, -7692719129258511951L, -47190729175993179L,
            -2254039905620870768L),
        xxhash64(integral, new BigDecimal(12345678), BigDecimal.ZERO, new BigDecimal(-12345678), max, max.negate()));
  }

  @Test
  void arraysHashTheirElementsInOrderSkippingNulls() {
    assertEquals(values(-1834803471), hash(DataTypes.array(DataTypes.INTEGER), List.of(0, 1)));
    DataType longs = DataTypes.array(DataTypes.LONG);
    assertEquals(values(-6041664978295882827L, 42L, 4904562767517797033L),
        xxhash64(longs, List.of(1L, 2L, 3L, 4L, 5L), List.of(), List.of(1L, 2L, 3L)));
    assertEquals(values(-6698625589789238999L, 8420071140774656230L, 42L),
        xxhash64(DataTypes.array(DataTypes.INTEGER), values(1, null), values(null, 2), values((Object) null)));
    DataType nested = DataTypes.array(longs);
    assertEquals(values(1246926396), hash(nested, List.of(List.of(1L, 2L), List.of(), List.of(1L, 100L, 2L))));
    assertEquals(values(-6041664978295882827L, -1052942565807509112L, 42L, 42L, 42L),
        xxhash64(nested, List.of(values(1L, null, 2L, 3L), List.of(4L, 5L)),
            List.of(values(1L, null, 2L, 3L), List.of(6L, 7L, 8L)), List.of(List.of()),
            List.of(values((Object) null)), values((Object) null)));
  }

  @Test
  void structsHashTheirFieldsInOrderSkippingNulls() {
    DataType pair = DataTypes.struct(DataTypes.field("a", DataTypes.LONG), DataTypes.field("b", DataTypes.LONG));
    assertEquals(values(-729369738, 78809581, 42), hash(pair, Row.of(11L, 1L), Row.of(12L, 2L), null));
    assertEquals(values(-8198029865082835910L, 351067884137457704L, -7001672635703045582L, 404280023041566627L,
            42L),
        xxhash64(pair, Row.of(1L, 2L), Row.of(3L, 4L), Row.of(1L, null), Row.of(null, 4L), null));
    DataType flagged = DataTypes.struct(DataTypes.field("n", DataTypes.INTEGER),
        DataTypes.field("f", DataTypes.BOOLEAN));
    assertEquals(values(-195158775, -1057720493), hash(flagged, Row.of(11, true), Row.of(12, false)));
    DataType colours = DataTypes.array(DataTypes.struct(DataTypes.field("n", DataTypes.INTEGER),
        DataTypes.field("s", DataTypes.STRING)));
    assertEquals(values(-1074044201, -514935617, 42, 42),
        hash(colours, values(Row.of(2, "red"), null, Row.of(1, "blue")),
            List.of(Row.of(1, "green"), Row.of(null, "red")), List.of(), values(null, null)));
    assertEquals(values(-4096178443626566478L, -8973283971856715104L, 42L),
        xxhash64(colours, List.of(Row.of(1, "red"), Row.of(2, "blue"), Row.of(3, "green")),
            values(Row.of(1, "red"), null, Row.of(3, "green")), values((Object) null)));
  }

  @Test
  void intervalsHashAsTheirStoredValues() {
    // A day-time interval is its microseconds as a long, a year-month interval its months as an int.
    assertEquals(eval("hash", l(90_000_000L)), eval("hash", call("make_dt_interval", i(0), i(0), i(1), i(30))));
    assertEquals(eval("xxhash64", i(14)), eval("xxhash64", call("make_ym_interval", i(1), i(2))));
  }

  @Test
  void mapsAreRefusedAsSparkDoesButHashKeyThenValue() {
    DataType ints = DataTypes.createMapType(DataTypes.INTEGER, DataTypes.INTEGER);
    for (String name : List.of("hash", "xxhash64")) {
      AnalysisException e = assertThrows(AnalysisException.class,
          () -> call(name, str("a"), col(0, DataTypes.array(ints))));
      assertEquals("DATATYPE_MISMATCH.HASH_MAP_TYPE", e.errorClass());
      assertTrue(e.getMessage().contains("Input to the function `" + name + "` cannot contain elements of the"
          + " \"MAP\" type"), e.getMessage());
      AnalysisException none = assertThrows(AnalysisException.class, () -> call(name));
      assertEquals("WRONG_NUM_ARGS", none.errorClass());
      assertTrue(none.getMessage().contains("requires > 0 parameters"), none.getMessage());
    }
    // What Spark computes under spark.sql.legacy.allowHashOnMapType: each entry's key, then its value.
    assertEquals(List.of(245521047), direct(HashAlgorithm.MURMUR3, ints, Map.of(1, 1)));
    Map<Long, Double> doubles = new LinkedHashMap<>();
    double[] values = {17.0, 36.0, 8.0, 28.0, 24.0, 32.0};
    for (int k = 0; k < values.length; k++) {
      doubles.put(k + 1L, values[k]);
    }
    assertEquals(List.of(-6303587702533348160L),
        direct(HashAlgorithm.XXHASH64, DataTypes.createMapType(DataTypes.LONG, DataTypes.DOUBLE), doubles));
  }

  /** The expression built directly, past the registry's map check, over one row holding {@code value}. */
  private static List<Object> direct(HashAlgorithm algorithm, DataType type, Object value) {
    VectorBuilder b = VectorBuilder.forType(type, 1);
    b.append(value);
    Batch batch = new Batch(DataTypes.struct(DataTypes.field("c0", type)), new ColumnVector[] {b.build()}, 1);
    ColumnVector out = new HashExpression(algorithm, List.of(col(0, type))).evaluate(batch, EvalContext.defaults());
    return List.of(out.get(0));
  }

  @Test
  void theHashPrimitivesMatchTheReferenceAlgorithms() {
    // XXH64's published values (seed 0); MurmurHash3 x86_32's for inputs whose length is a multiple of four,
    // where Spark's variant and the reference agree.
    assertEquals(0xEF46DB3751D8E999L, XxHash64.hashBytes(new byte[0], 0, 0, 0));
    assertEquals(0xE66AE7354FCFEE98L, XxHash64.hashBytes(ascii("ABC"), 0, 3, 0));
    assertEquals(0x32DD38952C4BC720L, XxHash64.hashBytes(ascii("xxhash"), 0, 6, 0));
    assertEquals(0, Murmur3x86.hashBytes(new byte[0], 0, 0, 0));
    assertEquals(0x514E28B7, Murmur3x86.hashBytes(new byte[0], 0, 0, 1));
    assertEquals(0x81F16F39, Murmur3x86.hashBytes(new byte[0], 0, 0, 0xffffffff));
    assertEquals(0x2362F9DE, Murmur3x86.hashBytes(new byte[4], 0, 4, 0));
    assertEquals(0xBA6BD213, Murmur3x86.hashBytes(ascii("test"), 0, 4, 0));
    // An offset into a larger array reads only the bytes asked for.
    assertEquals(0x32DD38952C4BC720L, XxHash64.hashBytes(ascii("..xxhash.."), 2, 6, 0));
    assertEquals(0xBA6BD213, Murmur3x86.hashBytes(ascii("xtestx"), 1, 4, 0));
    // An int or a long hashes as its little-endian bytes would.
    assertEquals(XxHash64.hashBytes(new byte[] {1, 0, 0, 0}, 0, 4, 42), XxHash64.hashInt(1, 42));
    assertEquals(XxHash64.hashBytes(new byte[] {2, 0, 0, 0, 0, 0, 0, (byte) 0x80}, 0, 8, 42),
        XxHash64.hashLong(0x8000000000000002L, 42));
    assertEquals(Murmur3x86.hashBytes(new byte[] {(byte) 0xEF, (byte) 0xBE, (byte) 0xAD, (byte) 0xDE}, 0, 4, 42),
        Murmur3x86.hashInt(0xDEADBEEF, 42));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Column evaluation agrees with hashing each row's values as literals, one row at a time, for random rows of
   * several types in one call: batching, offsets into shared byte arrays and the running hash per row hold.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void aBatchHashesAsItsRowsOneByOne(long seed) {
    Seeds.check(seed, random -> {
      List<DataType> types = List.of(DataTypes.STRING, DataTypes.LONG, DataTypes.DOUBLE,
          DataTypes.array(DataTypes.STRING), DataTypes.decimal(30, 4), DataTypes.BOOLEAN);
      int rows = Gen.between(random, 0, 40);
      List<List<Object>> columns = new ArrayList<>();
      ColumnVector[] vectors = new ColumnVector[types.size()];
      List<Expression> refs = new ArrayList<>();
      StructField[] fields = new StructField[types.size()];
      for (int c = 0; c < types.size(); c++) {
        List<Object> column = new ArrayList<>();
        VectorBuilder b = VectorBuilder.forType(types.get(c), rows);
        for (int r = 0; r < rows; r++) {
          column.add(Gen.orNull(random, 0.2, randomValue(random, types.get(c))));
          b.append(column.get(r));
        }
        columns.add(column);
        vectors[c] = b.build();
        refs.add(col(c, types.get(c)));
        fields[c] = DataTypes.field("c" + c, types.get(c));
      }
      Batch batch = new Batch(DataTypes.struct(fields), vectors, rows);
      for (String name : List.of("hash", "xxhash64")) {
        ColumnVector out = FunctionRegistry.standard().build(name, refs).evaluate(batch, EvalContext.defaults());
        assertEquals(rows, out.size());
        for (int r = 0; r < rows; r++) {
          Expression[] literals = new Expression[types.size()];
          for (int c = 0; c < types.size(); c++) {
            literals[c] = new Literal(columns.get(c).get(r), types.get(c));
          }
          assertEquals(eval(name, literals), out.get(r), name + " row " + r);
        }
      }
    });
  }

  private static Object randomValue(Random random, DataType t) {
    if (t.equals(DataTypes.STRING)) {
      return Gen.string(random, 12);
    } else if (t.equals(DataTypes.LONG)) {
      return Gen.anyLong(random);
    } else if (t.equals(DataTypes.DOUBLE)) {
      return Gen.anyDouble(random);
    } else if (t.equals(DataTypes.BOOLEAN)) {
      return random.nextBoolean();
    } else if (t instanceof DecimalType) {
      return BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, 4);
    }
    return Gen.listOf(random, 4, () -> Gen.orNull(random, 0.2, Gen.string(random, 6)));
  }
}
