package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.api.internal.Literals;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.Op;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Map types and nested-value access on the wire: type JSON, binary batches and {@code EXTRACT_VALUE} expressions. */
class NestedTypesBridgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MapType MAP = DataTypes.createMapType(DataTypes.STRING, DataTypes.array(DataTypes.LONG), false);
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("m", MAP));

  private static Map<Object, Object> ordered(Object... kv) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void mapTypesAreWrittenAndReadAsPySparksJson() throws Exception {
    assertEquals(JSON.readTree("{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":{\"type\":\"array\","
        + "\"elementType\":\"long\",\"containsNull\":true},\"valueContainsNull\":false}"), TypeCodec.toJson(MAP));
    assertEquals(MAP, TypeCodec.fromJson(TypeCodec.toJson(MAP)));
    assertEquals(SCHEMA, TypeCodec.schemaFromJson(TypeCodec.schemaJson(SCHEMA)));
    assertEquals(DataTypes.createMapType(DataTypes.STRING, DataTypes.INTEGER),
        TypeCodec.schemaFromJson(JSON.readTree("\"m map<string, int>\"")).field(0).dataType());
  }

  @Test
  void mapColumnsRoundTripWithOffsetsKeysThenValues() {
    List<Row> rows = List.of(Row.of(1, ordered("a", List.of(1L), "b", List.of())), Row.of(2, null),
        Row.of(3, ordered()), Row.of(4, ordered("z", Arrays.asList(null, 5L))));
    Batch batch = Batch.fromRows(SCHEMA, rows);
    assertEquals(rows, BatchCodec.decode(BatchCodec.encode(batch), SCHEMA).toRows());
    Batch sliced = batch.take(new int[] {3, 0}, 2);
    assertEquals(List.of(rows.get(3), rows.get(0)), BatchCodec.decode(BatchCodec.encode(sliced), SCHEMA).toRows());
    ByteBuffer layout = ByteBuffer.wrap(BatchCodec.encode(batch)).order(ByteOrder.LITTLE_ENDIAN);
    layout.position(8 + 1 + 4 * 4 + 1 + 4); // header, the id vector, the map's null mask flag and mask
    assertEquals(List.of(0, 2, 2, 2, 3, 3), List.of(layout.getInt(), layout.getInt(), layout.getInt(),
        layout.getInt(), layout.getInt(), layout.getInt()));
  }

  @Test
  void aNullKeyInAnIncomingBatchIsRefused() {
    StructType schema = DataTypes.struct(DataTypes.field("m", DataTypes.createMapType(DataTypes.INTEGER,
        DataTypes.INTEGER)));
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putInt(1).put((byte) 0).putInt(0).putInt(1).putInt(1); // one row, one entry
    b.put((byte) 1).put((byte) 1).putInt(0); // the key: null
    b.put((byte) 0).putInt(9); // the value
    byte[] payload = Arrays.copyOf(b.array(), b.position());
    EmberException e = assertThrows(EmberException.class, () -> BatchCodec.decode(payload, schema));
    assertEquals("NULL_MAP_KEY", e.errorClass());
  }

  @Test
  void getItemAndGetFieldDecodeToExtractValue() throws Exception {
    ExprDecoder exprs = new ExprDecoder(id -> id, null);
    LogicalExpr e = exprs.decode(JSON.readTree("{\"expr\":\"op\",\"op\":\"EXTRACT_VALUE\",\"args\":[{\"expr\":\"col\","
        + "\"name\":\"s\"},{\"expr\":\"lit\",\"value\":\"f\",\"type\":\"string\"}]}"));
    assertEquals(new LogicalExpr.Operator(Op.EXTRACT_VALUE, List.of(new LogicalExpr.UnresolvedColumn("s", null),
        Literals.of("f"))), e);
    assertEquals("s[f]", e.prettyName());
  }
}
