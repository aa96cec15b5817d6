package io.ember.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ember.core.serde.EmberKryo;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Map vectors: building, taking rows, and crossing the wire (Kryo) whole, sliced and nested. */
class MapVectorTest {
  private static final MapType SCORES = DataTypes.createMapType(DataTypes.STRING, DataTypes.INTEGER);
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("m", SCORES),
      DataTypes.field("nested", DataTypes.array(DataTypes.createMapType(DataTypes.INTEGER, DataTypes.array(
          DataTypes.STRING)))));

  private static Map<Object, Object> ordered(Object... kv) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static List<Row> rows() {
    return List.of(
        Row.of(1, ordered("a", 1, "b", 2), List.of(ordered(7, List.of("x")), ordered())),
        Row.of(2, null, null),
        Row.of(3, ordered(), Arrays.asList(null, ordered(8, null))),
        Row.of(4, ordered("z", null), List.of()));
  }

  @Test
  void builtMapsKeepEntryOrderAndTakeRows() {
    Batch batch = Batch.fromRows(SCHEMA, rows());
    assertEquals(rows(), batch.toRows());
    MapVector m = (MapVector) batch.column(1);
    assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) m.get(0)).keySet()));
    ColumnVector taken = m.take(new int[] {3, -1, 0}, 3);
    assertEquals(ordered("z", null), taken.get(0));
    assertNull(taken.get(1));
    assertEquals(ordered("a", 1, "b", 2), taken.get(2));
  }

  @Test
  void mapsRoundTripThroughKryoWholeAndSliced() {
    Batch batch = Batch.fromRows(SCHEMA, rows());
    assertEquals(rows(), EmberKryo.fromBytes(EmberKryo.toBytes(batch), Batch.class).toRows());
    Batch sliced = batch.take(new int[] {3, 0}, 2);
    assertEquals(List.of(rows().get(3), rows().get(0)),
        EmberKryo.fromBytes(EmberKryo.toBytes(sliced), Batch.class).toRows());
    ColumnVector offsetSlice = batch.column(1).slice(2, 2);
    ColumnVector back = EmberKryo.fromBytes(EmberKryo.toBytes(offsetSlice), ColumnVector.class);
    assertEquals(Arrays.asList(ordered(), ordered("z", null)), Arrays.asList(back.get(0), back.get(1)));
    for (int f = 0; f < SCHEMA.size(); f++) {
      DataType t = SCHEMA.field(f).dataType();
      assertEquals(t, EmberKryo.fromBytes(EmberKryo.toBytes(t), DataType.class));
    }
    Row row = batch.row(0);
    assertEquals(row, EmberKryo.fromBytes(EmberKryo.toBytes(row), Row.class));
    Row plain = Row.of(1, new java.util.HashMap<>(Map.of("k", 1L)), Map.of("a", List.of(1)));
    assertEquals(plain, EmberKryo.fromBytes(EmberKryo.toBytes(plain), Row.class));
  }

  @Test
  void mutableMapsComeBackAsTheirOwnClassForFieldsOfThatType() {
    Map<?, ?> hash = EmberKryo.fromBytes(EmberKryo.toBytes(new java.util.HashMap<>(Map.of("k", 1))), Map.class);
    assertEquals(java.util.HashMap.class, hash.getClass());
    Map<?, ?> linked = EmberKryo.fromBytes(EmberKryo.toBytes(ordered("b", 2, "a", 1)), Map.class);
    assertEquals(LinkedHashMap.class, linked.getClass());
    assertEquals(List.of("b", "a"), List.copyOf(linked.keySet()));
    assertEquals(ordered("b", 2, "a", 1), linked);
  }

  @Test
  void schemaAndValuesPrintAsSpark() {
    assertEquals(String.join("\n",
        "root",
        " |-- id: integer (nullable = true)",
        " |-- m: map (nullable = true)",
        " |    |-- key: string",
        " |    |-- value: integer (valueContainsNull = true)",
        " |-- nested: array (nullable = true)",
        " |    |-- element: map (containsNull = true)",
        " |    |    |-- key: integer",
        " |    |    |-- value: array (valueContainsNull = true)",
        " |    |    |    |-- element: string (containsNull = true)", ""), SCHEMA.treeString());
    assertEquals("{7 -> [x]}", ValueFormat.toDisplayString(ordered(7, List.of("x")),
        DataTypes.createMapType(DataTypes.INTEGER, DataTypes.array(DataTypes.STRING)), java.time.ZoneOffset.UTC));
    assertEquals("map<int,array<string>>", DataTypes.createMapType(DataTypes.INTEGER,
        DataTypes.array(DataTypes.STRING)).simpleString());
  }
}
