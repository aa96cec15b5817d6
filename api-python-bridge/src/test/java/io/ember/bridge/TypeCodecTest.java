package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void simpleTypesAreWrittenAsPySparkJsonValues() {
    assertEquals("\"null\"", TypeCodec.toJson(DataTypes.NULL).toString());
    assertEquals("\"boolean\"", TypeCodec.toJson(DataTypes.BOOLEAN).toString());
    assertEquals("\"integer\"", TypeCodec.toJson(DataTypes.INTEGER).toString());
    assertEquals("\"long\"", TypeCodec.toJson(DataTypes.LONG).toString());
    assertEquals("\"double\"", TypeCodec.toJson(DataTypes.DOUBLE).toString());
    assertEquals("\"string\"", TypeCodec.toJson(DataTypes.STRING).toString());
    assertEquals("\"date\"", TypeCodec.toJson(DataTypes.DATE).toString());
    assertEquals("\"timestamp\"", TypeCodec.toJson(DataTypes.TIMESTAMP).toString());
    assertEquals("\"decimal(12,3)\"", TypeCodec.toJson(DataTypes.decimal(12, 3)).toString());
  }

  @Test
  void aSchemaIsWrittenAsPySparksStructJson() {
    StructType schema = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER, false),
        DataTypes.field("tags", new ArrayType(DataTypes.STRING, false)));

    assertEquals("{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"integer\",\"nullable\":false,"
        + "\"metadata\":{}},{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\","
        + "\"containsNull\":false},\"nullable\":true,\"metadata\":{}}]}", TypeCodec.toJson(schema).toString());
  }

  @Test
  void everyTypeRoundTrips() {
    StructType inner = DataTypes.struct(DataTypes.field("x", DataTypes.DOUBLE));
    List<DataType> types = List.of(DataTypes.NULL, DataTypes.BOOLEAN, DataTypes.INTEGER, DataTypes.LONG,
        DataTypes.DOUBLE, DataTypes.STRING, DataTypes.DATE, DataTypes.TIMESTAMP, DataTypes.decimal(38, 18),
        DataTypes.array(DataTypes.array(DataTypes.DATE)), new ArrayType(inner, false),
        DataTypes.struct(DataTypes.field("s", inner, false), DataTypes.field("d", DataTypes.decimal(5, 0))));
    for (DataType t : types) {
      assertEquals(t, TypeCodec.fromJson(TypeCodec.toJson(t)), t.simpleString());
    }
  }

  @Test
  void voidIsReadAsTheNullType() throws Exception {
    assertEquals(DataTypes.NULL, TypeCodec.fromJson(json("\"void\"")));
  }

  @Test
  void aSchemaMayBeGivenAsDdl() throws Exception {
    assertEquals(DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING)),
        TypeCodec.schemaFromJson(json("\"a INT, b STRING\"")));
  }

  @Test
  void anUnknownTypeNamesItselfInTheError() throws Exception {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> TypeCodec.fromJson(json("\"interval\"")));

    assertEquals("BRIDGE_INVALID_TYPE", e.errorClass());
    assertTrue(e.getMessage().startsWith("[BRIDGE_INVALID_TYPE] Cannot read the data type \"interval\"."),
        e.getMessage());
  }

  @Test
  void aStructFieldWithoutANameIsRefused() throws Exception {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> TypeCodec.schemaFromJson(json("{\"type\":\"struct\",\"fields\":[{\"type\":\"long\"}]}")));

    assertTrue(e.getMessage().contains("a struct field needs a \"name\" string"), e.getMessage());
  }

  @Test
  void intervalTypesUsePySparksNames() {
    DataType hour = new io.ember.core.types.DayTimeIntervalType(1, 1);
    assertEquals("\"interval day to second\"", TypeCodec.toJson(DataTypes.DAY_TIME_INTERVAL).toString());
    assertEquals("\"interval hour\"", TypeCodec.toJson(hour).toString());
    assertEquals("\"interval year to month\"", TypeCodec.toJson(DataTypes.YEAR_MONTH_INTERVAL).toString());
    for (DataType t : List.of(DataTypes.DAY_TIME_INTERVAL, hour, DataTypes.YEAR_MONTH_INTERVAL)) {
      assertEquals(t, TypeCodec.fromJson(TypeCodec.toJson(t)), t.simpleString());
    }
  }
}
