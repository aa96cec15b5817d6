package io.ember.core.expr.binary;

import static io.ember.core.expr.string.FunctionHarness.call;
import static io.ember.core.expr.string.FunctionHarness.col;
import static io.ember.core.expr.string.FunctionHarness.eval;
import static io.ember.core.expr.string.FunctionHarness.i;
import static io.ember.core.expr.string.FunctionHarness.l;
import static io.ember.core.expr.string.FunctionHarness.nullOf;
import static io.ember.core.expr.string.FunctionHarness.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.expr.Cast;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.expr.string.FunctionHarness;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary functions and casts with Spark's results (as its docs' examples give them). */
class BinaryFunctionsTest {
  /** A binary literal of the given bytes (each int taken as its low 8 bits). */
  private static Literal bin(int... b) {
    byte[] bytes = new byte[b.length];
    for (int k = 0; k < b.length; k++) {
      bytes[k] = (byte) b[k];
    }
    return new Literal(bytes, DataTypes.BINARY);
  }

  private static Literal bin(String utf8) {
    return new Literal(utf8.getBytes(StandardCharsets.UTF_8), DataTypes.BINARY);
  }

  private static Object evalExpr(Expression e) {
    ColumnVector v = e.evaluate(new Batch(new StructType(List.of()), new ColumnVector[0], 1), FunctionHarness.ANSI);
    return v.get(0);
  }

  @Test
  void castsBetweenStringAndBinaryKeepTheBytes() {
    assertArrayEquals("Spark ✓".getBytes(StandardCharsets.UTF_8),
        (byte[]) evalExpr(new Cast(str("Spark ✓"), DataTypes.BINARY)));
    assertEquals("Spark ✓", evalExpr(new Cast(bin("Spark ✓"), DataTypes.STRING)));
    assertTrue(Cast.canCast(DataTypes.STRING, DataTypes.BINARY));
    assertTrue(Cast.canCast(DataTypes.BINARY, DataTypes.STRING));
    assertTrue(!Cast.canCast(DataTypes.BINARY, DataTypes.INTEGER));
    assertEquals("CAST(abc AS BINARY)", new Cast(new io.ember.core.expr.ColumnRef(0, "abc", DataTypes.STRING, true),
        DataTypes.BINARY).sql());
    assertEquals("X'4869'", bin("Hi").sql());
  }

  @Test
  void lengthsCountBytesOfBinaryAndCharactersOfStrings() {
    assertEquals(4, eval("length", bin(1, 2, 3, 4)));
    assertEquals(5, eval("length", bin("é€")));
    assertEquals(2, eval("length", str("é€")));
    assertEquals(5, eval("octet_length", str("é€")));
    assertEquals(3, eval("octet_length", bin(1, 2, 3)));
    assertEquals(24, eval("bit_length", bin(1, 2, 3)));
    assertEquals(5, eval("char_length", bin("Spark")));
    assertEquals("length(X'01')", call("length", bin(1)).sql());
    assertNull(eval("octet_length", nullOf(DataTypes.BINARY)));
  }

  @Test
  void hexAndUnhexAsSpark() {
    assertEquals("11", eval("hex", i(17)));
    assertEquals("FFFFFFFFFFFFFFFF", eval("hex", l(-1L)));
    assertEquals("537061726B2053514C", eval("hex", str("Spark SQL")));
    assertEquals("00FF7F", eval("hex", bin(0, -1, 0x7F)));
    assertArrayEquals("Spark SQL".getBytes(StandardCharsets.UTF_8), (byte[]) eval("unhex", str("537061726B2053514C")));
    assertArrayEquals(new byte[] {0x01, (byte) 0xAB}, (byte[]) eval("unhex", str("1ab")));
    assertArrayEquals(new byte[0], (byte[]) eval("unhex", str("")));
    assertNull(eval("unhex", str("GG")));
    assertNull(eval("unhex", nullOf(DataTypes.STRING)));
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("hex", new Literal(1.5, DataTypes.DOUBLE)));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
  }

  @Test
  void base64AndBack() {
    assertEquals("U3BhcmsgU1FM", eval("base64", str("Spark SQL")));
    assertEquals("AP8=", eval("base64", bin(0, -1)));
    assertEquals("", eval("base64", bin()));
    assertArrayEquals("Spark SQL".getBytes(StandardCharsets.UTF_8), (byte[]) eval("unbase64", str("U3BhcmsgU1FM")));
    assertArrayEquals(new byte[] {0, -1}, (byte[]) eval("unbase64", str("AP8=\n")));
    EmberException bad = assertThrows(EmberException.class, () -> eval("unbase64", str("U3BhcmsgU1FM=")));
    assertEquals("CONVERSION_INVALID_INPUT", bad.errorClass());
  }

  @Test
  void encodeAndDecodeWithSparksCharsets() {
    assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a'}, (byte[]) eval("encode", str("a"), str("utf-16")));
    assertArrayEquals(new byte[] {(byte) 0xE9}, (byte[]) eval("encode", str("é"), str("ISO-8859-1")));
    assertEquals("abc", eval("decode", bin("abc"), str("utf-8")));
    assertEquals("é", eval("decode", bin(0xE9), str("iso-8859-1")));
    assertNull(eval("decode", nullOf(DataTypes.BINARY), str("utf-8")));
    EmberException charset = assertThrows(EmberException.class, () -> eval("encode", str("a"), str("utf-9")));
    assertEquals("INVALID_PARAMETER_VALUE.CHARSET", charset.errorClass());
    assertTrue(charset.getMessage().contains("'US-ASCII', 'ISO-8859-1', 'UTF-8'"), charset.getMessage());
    EmberException unmappable = assertThrows(EmberException.class, () -> eval("encode", str("é"), str("US-ASCII")));
    assertEquals("MALFORMED_CHARACTER_CODING", unmappable.errorClass());
    EmberException malformed = assertThrows(EmberException.class, () -> eval("decode", bin(-1), str("UTF-8")));
    assertEquals("MALFORMED_CHARACTER_CODING", malformed.errorClass());
  }

  @Test
  void concatOfBinariesIsBinaryAndOfMixedArgumentsAString() {
    Expression both = call("concat", bin(1, 2), bin(), bin(3));
    assertEquals(DataTypes.BINARY, both.dataType());
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) evalExpr(both));
    assertNull(eval("concat", bin(1), nullOf(DataTypes.BINARY)));
    Expression mixed = call("concat", bin("ab"), str("c"));
    assertEquals(DataTypes.STRING, mixed.dataType());
    assertEquals("abc", evalExpr(mixed));
  }

  @Test
  void comparisonsOrderUnsignedAndMeetStringsAsBinary() {
    assertEquals(true, evalExpr(Expressions.lessThan(bin(0x7F), bin(0x80))));
    assertEquals(true, evalExpr(Expressions.lessThan(bin(1), bin(1, 0))));
    assertEquals(true, evalExpr(Expressions.equalTo(bin("abc"), str("abc"))));
    assertEquals(false, evalExpr(Expressions.equalTo(bin("abc"), bin("abd"))));
    assertEquals(true, evalExpr(Expressions.in(bin(1, 2), List.of(bin(1), bin(1, 2)))));
    assertEquals(false, evalExpr(Expressions.in(bin(1, 2), List.of(bin(1), bin(2, 1)))));
  }

  /** The bytes of a binary result as upper-case hex (null for null), as Spark's golden files print them. */
  private static String hexOf(Object v) {
    return v == null ? null : java.util.HexFormat.of().withUpperCase().formatHex((byte[]) v);
  }

  @Test
  void toBinaryReadsHexUtf8AndBase64AsSpark() {
    assertEquals("737472696E67", hexOf(eval("to_binary", str("737472696E67"))));
    assertEquals("0ABC", hexOf(eval("to_binary", str("abc"), str("Hex"))));
    assertEquals("012345", hexOf(eval("to_binary", str("12345"), str("hex"))));
    assertEquals("", hexOf(eval("to_binary", str(""))));
    assertEquals("616263", hexOf(eval("to_binary", str("abc"), str("UTF-8"))));
    assertEquals("E5A4A7E58D83", hexOf(eval("to_binary", str("大千"), str("utf8"))));
    assertEquals("69B71D", hexOf(eval("to_binary", str(" ab cd "), str("base64"))));
    assertEquals("69B7", hexOf(eval("to_binary", str(" ab c="), str("BASE64"))));
    assertEquals("", hexOf(eval("to_binary", str("  "), str("base64"))));
    assertEquals("616263", hexOf(eval("to_binary", str("abc"), call("concat", str("utf"), str("-8")))));
    assertNull(eval("to_binary", str("abc"), nullOf(DataTypes.STRING)));
    assertNull(eval("to_binary", nullOf(DataTypes.STRING), str("utf-8")));
    assertNull(eval("to_binary", nullOf(DataTypes.NULL), nullOf(DataTypes.NULL)));
    assertEquals(DataTypes.BINARY, call("to_binary", str("abc"), str("utf-8")).dataType());
    assertEquals("to_binary('abc', 'utf-8')", call("to_binary", str("abc"), str("utf-8")).sql());
  }

  @Test
  void toBinaryFailsOnMalformedInputAndTryToBinaryGivesNull() {
    for (String[] bad : new String[][] {{"GG", "hex"}, {"01 AF", "hex"}, {"a", "base64"}, {"a?", "base64"},
        {"abcde", "base64"}, {"abcd=", "base64"}, {"a===", "base64"}, {"ab==f", "base64"}, {" ab cdef= = ", "base64"}}) {
      EmberException e = assertThrows(EmberException.class, () -> eval("to_binary", str(bad[0]), str(bad[1])));
      assertEquals("CONVERSION_INVALID_INPUT", e.errorClass());
      assertTrue(e.getMessage().startsWith("[CONVERSION_INVALID_INPUT] The value '" + bad[0] + "' ('" + bad[1].toUpperCase(java.util.Locale.ROOT)
          + "') cannot be converted to \"BINARY\""), e.getMessage());
      assertTrue(e.getMessage().contains("Use `try_to_binary` to tolerate malformed input"), e.getMessage());
      assertNull(eval("try_to_binary", str(bad[0]), str(bad[1])), bad[0]);
    }
    assertNull(eval("try_to_binary", str("GG")));
    assertEquals("0123", hexOf(eval("try_to_binary", str("123"))));
    assertEquals("69B7", hexOf(eval("try_to_binary", str(" ab c="), str("base64"))));
    assertEquals("2020", hexOf(eval("try_to_binary", str("  "), str("utf8"))));
    assertNull(eval("try_to_binary", str("abc"), str("invalidFormat")));
    assertNull(eval("try_to_binary", str("abc"), i(1)));
    assertNull(eval("try_to_binary", str("abc"), nullOf(DataTypes.STRING)));
    assertEquals(List.of(true, false, false), List.of(call("try_to_binary", col(0, DataTypes.STRING)).nullable(),
        call("to_binary", new Literal("61", DataTypes.STRING), str("hex")).nullable(),
        call("to_binary", new Literal("a", DataTypes.STRING), str("utf-8")).nullable()));
  }

  @Test
  void toBinaryFormatsMustBeKnownFoldableStrings() {
    AnalysisException invalid = assertThrows(AnalysisException.class,
        () -> call("to_binary", str("abc"), str("invalidFormat")));
    assertEquals("DATATYPE_MISMATCH.INVALID_ARG_VALUE", invalid.errorClass());
    assertEquals("[DATATYPE_MISMATCH.INVALID_ARG_VALUE] Cannot resolve \"to_binary('abc', 'invalidFormat')\" due to data type mismatch: The fmt value must"
        + " to be a case-insensitive \"STRING\" literal of 'hex', 'utf-8', 'utf8', or 'base64', but got"
        + " 'invalidFormat'.", invalid.getMessage());
    AnalysisException number = assertThrows(AnalysisException.class, () -> call("to_binary", str("abc"), i(1)));
    assertEquals("DATATYPE_MISMATCH.INVALID_ARG_VALUE", number.errorClass());
    assertTrue(number.getMessage().endsWith("but got 1."), number.getMessage());
    for (String name : List.of("to_binary", "try_to_binary")) {
      AnalysisException column = assertThrows(AnalysisException.class,
          () -> call(name, str("abc"), col(0, DataTypes.STRING)));
      assertEquals("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", column.errorClass());
      assertTrue(column.getMessage().contains("the input `fmt` should be a foldable \"STRING\" expression; however,"
          + " got \"c0\"."), column.getMessage());
      assertEquals("WRONG_NUM_ARGS",
          assertThrows(AnalysisException.class, () -> call(name)).errorClass());
    }
  }

  @Test
  void toBinaryOverAColumn() {
    assertEquals(java.util.Arrays.asList("0A", null, "FF"),
        FunctionHarness.evalColumn("to_binary", DataTypes.STRING, java.util.Arrays.asList("a", null, "ff"))
            .stream().map(BinaryFunctionsTest::hexOf).toList());
    assertEquals(java.util.Arrays.asList("61", null, null),
        FunctionHarness.evalColumn("try_to_binary", DataTypes.STRING, java.util.Arrays.asList("YQ==", null, "Y"),
            str("base64")).stream().map(BinaryFunctionsTest::hexOf).toList());
  }
}

