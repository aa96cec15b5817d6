package io.ember.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAndRowTest {
  private final StructType schema = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER, false), DataTypes.field("name", DataTypes.STRING));
  private final Batch batch = Batch.fromRows(schema, List.of(Row.of(1, "a"), Row.of(2, null), Row.of(3, "c")));

  @Test
  void fromRowsAndBackToRows() {
    assertEquals(3, batch.numRows());
    assertEquals(List.of(Row.of(1, "a"), Row.of(2, null), Row.of(3, "c")), batch.toRows());
    assertEquals("b", Batch.fromRows(schema, List.of(Row.of(9, "b"))).row(0).getAs("NAME"));
  }

  @Test
  void takeSliceSelectAndConcat() {
    assertEquals(List.of(Row.of(3, "c"), Row.of(1, "a")), batch.take(new int[] {2, 0}, 2).toRows());
    assertEquals(List.of(Row.of(2, null)), batch.slice(1, 1).toRows());
    assertSame(batch, batch.slice(0, 3));
    Batch names = batch.selectColumns(1);
    assertEquals(List.of("name"), names.schema().fieldNames());
    Batch both = Batch.concat(schema, List.of(batch, batch.slice(0, 1)));
    assertEquals(4, both.numRows());
    assertEquals(Row.of(1, "a"), both.row(3));
    assertEquals(0, Batch.empty(schema).numRows());
  }

  @Test
  void mismatchedColumnsAreRejected() {
    ColumnVector ints = StringVector.of("x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Batch(schema, new ColumnVector[] {ints, ints}, 1));
    assertTrue(e.getMessage().contains("holds string but the schema says int"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Batch.fromRows(schema, List.of(Row.of(1))));
  }

  @Test
  void rowAccessByNameAndPosition() {
    Row r = batch.row(0);
    assertEquals(1, r.getInt(0));
    assertEquals(1, (int) r.getAs("id"));
    assertEquals(1, r.fieldIndex("name"));
    assertThrows(AnalysisException.class, () -> r.fieldIndex("nmae"));
    assertThrows(NullPointerException.class, () -> batch.row(1).getInt(1));
    assertTrue(batch.row(1).isNullAt(1));
  }

  @Test
  void rowEqualityIgnoresTheSchemaAndPrintsAsSpark() {
    assertEquals(Row.of(1, "a"), batch.row(0));
    assertEquals(Row.of(1, "a").hashCode(), batch.row(0).hashCode());
    assertNotEquals(Row.of(1, "b"), batch.row(0));
    Row mixed = Row.of(1, null, 2.0, new BigDecimal("1.50"), LocalDate.of(2024, 1, 2),
        Instant.parse("2024-01-02T03:04:05Z"), Arrays.asList(1, null));
    assertEquals("[1,null,2.0,1.50,2024-01-02,2024-01-02 03:04:05,[1, NULL]]", mixed.toString());
  }
}
