package io.ember.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows given to createDataFrame are checked against the schema and converted. */
class ExternalRowsTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("i", DataTypes.INTEGER), DataTypes.field("d", DataTypes.decimal(5, 2)),
      DataTypes.field("day", DataTypes.DATE), DataTypes.field("xs", DataTypes.array(DataTypes.LONG)));

  @Test
  void valuesAreConvertedToTheirCanonicalForm() {
    List<Row> out = ExternalRows.convert(List.of(
        Row.of((short) 3, new BigDecimal("1.5"), java.sql.Date.valueOf("2024-05-06"), new Object[] {1L, null})), SCHEMA);
    assertEquals(Row.of(3, new BigDecimal("1.50"), LocalDate.of(2024, 5, 6), java.util.Arrays.asList(1L, null)), out.get(0));
    assertEquals(SCHEMA, out.get(0).schema());
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithItsField() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> ExternalRows.convert(List.of(Row.of(1, null, null, null), Row.of("2", null, null, null)), SCHEMA));
    assertEquals("INVALID_EXTERNAL_TYPE", e.errorClass());
    assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("\"INT\"")
        && e.getMessage().contains("row 1, field `i`"), e.getMessage());
  }

  @Test
  void wrongFieldCountAndNullsInNonNullableFieldsAreRejected() {
    assertEquals("WRONG_NUM_FIELDS", assertThrows(EmberIllegalArgumentException.class,
        () -> ExternalRows.convert(List.of(Row.of(1)), SCHEMA)).errorClass());
    StructType strict = new StructType(List.of(new StructField("id", DataTypes.LONG, false)));
    assertEquals("NOT_NULL_VIOLATION", assertThrows(EmberIllegalArgumentException.class,
        () -> ExternalRows.convert(List.of(Row.of((Object) null)), strict)).errorClass());
  }

  @Test
  void decimalsThatDoNotFitAreRejected() {
    assertEquals("NUMERIC_VALUE_OUT_OF_RANGE", assertThrows(EmberIllegalArgumentException.class,
        () -> ExternalRows.convert(List.of(Row.of(1, new BigDecimal("1234.5"), null, null)), SCHEMA)).errorClass());
  }
}
