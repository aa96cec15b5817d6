package io.ember.api;

import static io.ember.api.functions.base64;
import static io.ember.api.functions.bit_length;
import static io.ember.api.functions.col;
import static io.ember.api.functions.crc32;
import static io.ember.api.functions.decode;
import static io.ember.api.functions.encode;
import static io.ember.api.functions.hex;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.md5;
import static io.ember.api.functions.octet_length;
import static io.ember.api.functions.sha1;
import static io.ember.api.functions.sha2;
import static io.ember.api.functions.to_binary;
import static io.ember.api.functions.try_to_binary;
import static io.ember.api.functions.unbase64;
import static io.ember.api.functions.unhex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The binary and hash functions of {@link functions} on a small DataFrame: Spark's known values (digests checked
 * with other tools), round trips, nulls, and each call giving the same column (name, type, values) as its SQL form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryHashFunctionsTest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("s", DataTypes.STRING), DataTypes.field("b", DataTypes.BINARY),
      DataTypes.field("n", DataTypes.LONG));
  static final byte[] RAW = {0, (byte) 0xFF, (byte) 0x80};

  Session session;
  DataFrame df;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("binary-hash-functions").getOrCreate();
    df = session.createDataFrame(List.of(Row.of(1, "ABC", RAW, 255L), Row.of(2, null, null, null),
        Row.of(3, "é", new byte[0], -1L)), SCHEMA);
    df.createOrReplaceTempView("bh");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  /** The single column of {@code out} ordered by id, binary values as hex so that they compare by content. */
  static List<Object> values(DataFrame out) {
    List<Object> vs = new ArrayList<>();
    for (Row r : out.collectAsList()) {
      Object v = r.get(0);
      vs.add(v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : v);
    }
    return vs;
  }

  List<Object> api(Column c) {
    return values(df.orderBy("id").select(c));
  }

  @Test
  void hashesAreSparksKnownValues() {
    assertEquals(Arrays.asList("902fbdd2b1df0c4f70b4a5d23525e932", null, "66ddcd97cfdeabb2f6fb8a999b4bc76f"),
        api(md5(col("s"))));
    assertEquals("3c01bdbb26f358bab27f267924aa2c9a03fcfdb8", api(sha1(col("s"))).get(0));
    assertEquals("e4bc8a01806054986edd720593bc12f760eca5b9", api(sha1(col("b"))).get(0));
    assertEquals("b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78", api(sha2(col("s"), 256)).get(0));
    assertEquals(api(sha2(col("s"), 256)), api(sha2(col("s"), 0)));
    assertEquals("107c5072b799c4771f328304cfe1ebb375eb6ea7f35a3aa753836fad", api(sha2(col("s"), 224)).get(0));
    assertEquals(Arrays.asList(2743272264L, null, 235179326L), api(crc32(col("s"))));
    assertEquals(Arrays.asList(2178787136L, null, 0L), api(crc32(col("b"))));
    IllegalArgumentException bits = assertThrows(IllegalArgumentException.class, () -> sha2(col("s"), 100));
    assertEquals("requirement failed: numBits 100 is not in the permitted values (0, 224, 256, 384, 512)",
        bits.getMessage());
  }

  @Test
  void encodingsRoundTripAndKeepNulls() {
    assertEquals(Arrays.asList("AP+A", null, ""), api(base64(col("b"))));
    assertEquals(Arrays.asList("0x00ff80", null, "0x"), api(unbase64(base64(col("b")))));
    assertEquals("QUJD", api(base64(col("s"))).get(0));
    assertEquals(Arrays.asList("FF", null, "FFFFFFFFFFFFFFFF"), api(hex(col("n"))));
    assertEquals(Arrays.asList("00FF80", null, ""), api(hex(col("b"))));
    assertEquals(Arrays.asList("0x00ff80", null, "0x"), api(unhex(hex(col("b")))));
    assertEquals(Arrays.asList("0x004100420043", null, "0x00e9"), api(encode(col("s"), "UTF-16BE")));
    assertEquals(Arrays.asList("ABC", null, "é"), api(decode(encode(col("s"), "ISO-8859-1"), "iso-8859-1")));
    assertEquals(Arrays.asList(3, null, 2), api(octet_length(col("s"))));
    assertEquals(Arrays.asList(24, null, 0), api(bit_length(col("b"))));
    assertArrayEquals("ABC".getBytes(StandardCharsets.UTF_8),
        (byte[]) df.filter("id = 1").select(encode(col("s"), "UTF-8")).first().get(0));
  }

  @Test
  void eachCallNamesTypesAndComputesAsItsSqlForm() {
    Map<String, Column> calls = new java.util.LinkedHashMap<>();
    calls.put("hex(n)", hex(col("n")));
    calls.put("hex(b)", hex(col("b")));
    calls.put("unhex(s)", unhex(col("s")));
    calls.put("base64(b)", base64(col("b")));
    calls.put("unbase64(base64(s))", unbase64(base64(col("s"))));
    calls.put("encode(s, 'UTF-16')", encode(col("s"), "UTF-16"));
    calls.put("decode(b, 'ISO-8859-1')", decode(col("b"), "ISO-8859-1"));
    calls.put("octet_length(s)", octet_length(col("s")));
    calls.put("bit_length(s)", bit_length(col("s")));
    calls.put("md5(b)", md5(col("b")));
    calls.put("sha1(s)", sha1(col("s")));
    calls.put("sha2(b, 384)", sha2(col("b"), 384));
    calls.put("sha2(s, 512)", sha2(col("s"), 512));
    calls.put("crc32(s)", crc32(col("s")));
    for (Map.Entry<String, Column> call : calls.entrySet()) {
      DataFrame viaApi = df.orderBy("id").select(call.getValue());
      DataFrame viaSql = session.sql("SELECT " + call.getKey() + " FROM bh ORDER BY id");
      assertEquals(viaSql.schema(), viaApi.schema(), call.getKey());
      assertEquals(values(viaSql), values(viaApi), call.getKey());
      assertEquals(3, values(viaApi).size(), call.getKey());
    }
  }

  @Test
  void toBinaryAndTryToBinaryAsSpark() {
    DataFrame text = session.createDataFrame(List.of(Row.of(1, "414243"), Row.of(2, null), Row.of(3, "GG")),
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("e", DataTypes.STRING)));
    text.createOrReplaceTempView("bin_text");
    DataFrame ordered = text.orderBy("id");
    assertEquals(Arrays.asList("0x414243", null, null), values(ordered.select(try_to_binary(col("e")))));
    assertEquals(Arrays.asList("0x343134323433", null, "0x4747"),
        values(ordered.select(to_binary(col("e"), lit("UTF-8")))));
    assertEquals(Arrays.asList("0xe35e36e3", null, "0x18"),
        values(ordered.select(try_to_binary(col("e"), lit("base64")))));
    assertEquals(values(ordered.select(try_to_binary(col("e"), lit("hex")))),
        values(session.sql("SELECT try_to_binary(e, 'hex') FROM bin_text ORDER BY id")));
    assertEquals(Arrays.asList("0x414243"), values(ordered.filter("id = 1").select(to_binary(col("e")))));
    assertEquals(ordered.select(to_binary(col("e"), lit("utf8"))).schema(),
        session.sql("SELECT to_binary(e, 'utf8') FROM bin_text").schema());

    EmberException malformed = assertThrows(EmberException.class,
        () -> ordered.select(to_binary(col("e"))).collectAsList());
    assertEquals("CONVERSION_INVALID_INPUT", malformed.errorClass());
    AnalysisException format = assertThrows(AnalysisException.class,
        () -> text.select(to_binary(col("e"), lit("base2"))));
    assertEquals("DATATYPE_MISMATCH.INVALID_ARG_VALUE", format.errorClass());
    assertEquals(Arrays.asList(null, null, null), values(ordered.select(try_to_binary(col("e"), lit("base2")))));
  }
}

