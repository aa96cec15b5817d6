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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Literal;
import io.ember.core.expr.string.FunctionHarness;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** md5, sha1/sha, sha2 and crc32 over binary and string values, against Spark's documented results and the JDK. */
class HashFunctionsTest {
  private static final byte[] SPARK = "Spark".getBytes(StandardCharsets.UTF_8);

  static Stream<Long> seeds() {
    return Seeds.of("HashFunctionsTest", 40);
  }

  private static Literal bin(byte[] b) {
    return new Literal(b, DataTypes.BINARY);
  }

  /** The JDK's digest of {@code b} as lowercase hex. */
  private static String digest(String algorithm, byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
  }

  private static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  @Test
  void sparksDocumentedResultsAgreeWithTheJdk() throws Exception {
    assertEquals("8cde774d6f7333752ed72cacddb05126", digest("MD5", SPARK));
    assertEquals("529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b", digest("SHA-256", SPARK));
    assertEquals(1557323817L, crc(SPARK));

    assertEquals("8cde774d6f7333752ed72cacddb05126", eval("md5", str("Spark")));
    assertEquals("529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b", eval("sha2", str("Spark"), i(256)));
    assertEquals(1557323817L, eval("crc32", str("Spark")));
    assertEquals(digest("SHA-1", SPARK), eval("sha1", str("Spark")));
    assertEquals(digest("SHA-1", SPARK), eval("sha", bin(SPARK)));
    assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", eval("sha1", bin(new byte[0])));
    assertEquals(0L, eval("crc32", str("")));
  }

  @Test
  void sha2BitLengthsAsSpark() throws Exception {
    assertEquals(digest("SHA-224", SPARK), eval("sha2", bin(SPARK), i(224)));
    assertEquals(digest("SHA-256", SPARK), eval("sha2", bin(SPARK), i(0)));
    assertEquals(digest("SHA-384", SPARK), eval("sha2", bin(SPARK), i(384)));
    assertEquals(digest("SHA-512", SPARK), eval("sha2", bin(SPARK), i(512)));
    assertEquals(128, ((String) eval("sha2", str("Spark"), i(512))).length());
    for (int unsupported : new int[] {1, 128, 160, 255, -256, 1024}) {
      assertNull(eval("sha2", str("Spark"), i(unsupported)), "bit length " + unsupported);
    }
    assertTrue(call("sha2", str("Spark"), i(256)).nullable(), "sha2 can give null for a non-null input");
    assertFalse(call("md5", str("Spark")).nullable());
  }

  @Test
  void nullsGiveNull() {
    assertNull(eval("md5", nullOf(DataTypes.BINARY)));
    assertNull(eval("sha1", nullOf(DataTypes.STRING)));
    assertNull(eval("crc32", nullOf(DataTypes.NULL)));
    assertNull(eval("sha2", nullOf(DataTypes.BINARY), i(256)));
    assertNull(eval("sha2", str("Spark"), nullOf(DataTypes.INTEGER)));
    assertNull(eval("sha2", str("Spark"), nullOf(DataTypes.NULL)));
    assertEquals(values(null, 0L, crc(SPARK)),
        evalColumn("crc32", DataTypes.BINARY, values(null, new byte[0], SPARK)));
  }

  @Test
  void binaryValuesHashTheirBytesEvenWhenNotUtf8() throws Exception {
    byte[] raw = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80, 'a'};
    assertEquals(digest("MD5", raw), eval("md5", bin(raw)));
    assertEquals(digest("SHA-512", raw), eval("sha2", bin(raw), i(512)));
    assertEquals(crc(raw), eval("crc32", bin(raw)));
    byte[] replaced = new String(raw, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    assertNotEquals(eval("md5", bin(replaced)), eval("md5", bin(raw)), "the bytes, not a decoded string, are hashed");
    // a string is hashed as its UTF-8 bytes
    assertEquals(digest("MD5", "é€".getBytes(StandardCharsets.UTF_8)), eval("md5", str("é€")));
  }

  @Test
  void argumentsOtherThanBinaryOrStringAreRejectedAsSpark() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("md5", i(1)));
    assertEquals("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"md5(1)\" due to data type mismatch:"
        + " The first parameter requires the \"BINARY\" type, however \"1\" has the type \"INT\".", e.getMessage());
    assertThrows(AnalysisException.class, () -> call("crc32", l(7L)));
    AnalysisException bits = assertThrows(AnalysisException.class, () -> call("sha2", str("a"), str("256")));
    assertTrue(bits.getMessage().contains("The second parameter requires the \"INT\" type"), bits.getMessage());
    assertThrows(AnalysisException.class, () -> call("sha2", str("a")));
    assertThrows(AnalysisException.class, () -> call("sha1", str("a"), str("b")));
    assertEquals("sha2('Spark', 256)", call("sha2", str("Spark"), i(256)).sql());
    assertEquals(DataTypes.LONG, call("crc32", str("a")).dataType());
    assertEquals(DataTypes.STRING, call("sha", str("a")).dataType());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void columnsOfRandomBytesAgreeWithTheJdk(long seed) {
    Seeds.check(seed, random -> {
      List<Object> column = new ArrayList<>();
      List<Object> md5 = new ArrayList<>();
      List<Object> sha384 = new ArrayList<>();
      List<Object> crc = new ArrayList<>();
      try {
        for (int r = Gen.betweenWithEdges(random, 0, 30); r > 0; r--) {
          byte[] b = new byte[Gen.betweenWithEdges(random, 0, 200)];
          random.nextBytes(b);
          byte[] v = Gen.orNull(random, 0.2, b);
          column.add(v);
          md5.add(v == null ? null : digest("MD5", v));
          sha384.add(v == null ? null : digest("SHA-384", v));
          crc.add(v == null ? null : crc(v));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      assertEquals(md5, evalColumn("md5", DataTypes.BINARY, column));
      assertEquals(sha384, evalColumn("sha2", DataTypes.BINARY, column, i(384)));
      assertEquals(crc, evalColumn("crc32", DataTypes.BINARY, column));
    });
  }

  /**
   * One batch whose rows ask sha2 for varying bit lengths (unsupported and null among them) over a literal and over
   * a column: the digest kept for a call's rows follows the bit length row by row.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void bitLengthsThatChangeWithinABatchAgreeWithTheJdk(long seed) {
    Seeds.check(seed, random -> {
      int rows = Gen.betweenWithEdges(random, 1, 40);
      VectorBuilder bits = VectorBuilder.forType(DataTypes.INTEGER, rows);
      VectorBuilder bytes = VectorBuilder.forType(DataTypes.BINARY, rows);
      List<Object> overLiteral = new ArrayList<>();
      List<Object> overColumn = new ArrayList<>();
      try {
        for (int r = 0; r < rows; r++) {
          Integer length = Gen.orNull(random, 0.1, List.of(0, 224, 256, 384, 512, 100).get(random.nextInt(6)));
          byte[] b = new byte[random.nextInt(64)];
          random.nextBytes(b);
          bits.append(length);
          bytes.append(b);
          String algorithm = length == null ? null : HashKind.sha2Algorithm(length);
          overLiteral.add(algorithm == null ? null : digest(algorithm, SPARK));
          overColumn.add(algorithm == null ? null : digest(algorithm, b));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      Batch batch = new Batch(DataTypes.struct(DataTypes.field("c0", DataTypes.INTEGER),
          DataTypes.field("c1", DataTypes.BINARY)), new ColumnVector[] {bits.build(), bytes.build()}, rows);
      assertEquals(overLiteral, column(call("sha2", bin(SPARK), col(0, DataTypes.INTEGER)), batch));
      assertEquals(overColumn, column(call("sha2", col(1, DataTypes.BINARY), col(0, DataTypes.INTEGER)), batch));
    });
  }

  @Test
  void literalArgumentsAreReadOnceAndANullLiteralNullsEveryRow() {
    VectorBuilder b = VectorBuilder.forType(DataTypes.BINARY, 3);
    b.append(SPARK);
    b.append(null);
    b.append(new byte[0]);
    Batch batch = new Batch(DataTypes.struct(DataTypes.field("c0", DataTypes.BINARY)), new ColumnVector[] {b.build()},
        3);
    assertEquals(values(crc(SPARK), crc(SPARK), crc(SPARK)), column(call("crc32", bin(SPARK)), batch));
    assertEquals(values(null, null, null), column(call("sha2", col(0, DataTypes.BINARY), nullOf(DataTypes.INTEGER)),
        batch));
    assertEquals(values(crc(SPARK), null, 0L), column(call("crc32", col(0, DataTypes.BINARY)), batch));
    Batch empty = new Batch(batch.schema(), new ColumnVector[] {VectorBuilder.forType(DataTypes.BINARY, 0).build()}, 0);
    assertEquals(List.of(), column(call("sha2", col(0, DataTypes.BINARY), i(256)), empty));
  }

  private static List<Object> column(io.ember.core.expr.Expression e, Batch batch) {
    ColumnVector v = e.evaluate(batch, FunctionHarness.ANSI);
    List<Object> out = new ArrayList<>();
    for (int r = 0; r < v.size(); r++) {
      out.add(v.get(r));
    }
    return out;
  }
}

