package io.ember.operators.explode;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code explode}, {@code explode_outer}, {@code posexplode} and {@code posexplode_outer} of one array
 * column: one output row per element, holding the input's other columns (in order, without the array column),
 * then the 0-based position if {@code withPosition}, then the element. A null or empty array gives no row, or
 * with {@code outer} one row whose position and element are null. Stateless.
 *
 * @param inputSchema the input schema
 * @param arrayColumn the index of the array column
 * @param outer true for the {@code _outer} variants
 * @param withPosition true for the {@code posexplode} variants
 * @param positionName the name of the position column (Spark: {@code pos})
 * @param elementName the name of the element column (Spark: {@code col})
 */
public record ExplodeSpec(
    StructType inputSchema, int arrayColumn, boolean outer, boolean withPosition, String positionName, String elementName)
    implements OperatorSpec {
  public ExplodeSpec {
    StructField f = inputSchema.field(arrayColumn);
    if (!(f.dataType() instanceof ArrayType)) {
      throw AnalysisException.typeMismatch(
          "explode(" + f.name() + ")",
          "Parameter 1 requires the \"ARRAY\" type, however \"" + f.name() + "\" has the type \""
              + f.dataType().simpleString() + "\".");
    }
  }

  /** {@code explode(col)} with Spark's output name {@code col}. */
  public static ExplodeSpec explode(StructType inputSchema, int arrayColumn, boolean outer) {
    return new ExplodeSpec(inputSchema, arrayColumn, outer, false, "pos", "col");
  }

  /** {@code posexplode(col)} with Spark's output names {@code pos} and {@code col}. */
  public static ExplodeSpec posexplode(StructType inputSchema, int arrayColumn, boolean outer) {
    return new ExplodeSpec(inputSchema, arrayColumn, outer, true, "pos", "col");
  }

  @Override
  public Operator create() {
    return new ExplodeOperator(this);
  }

  @Override
  public StructType outputSchema() {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < inputSchema.size(); i++) {
      if (i != arrayColumn) {
        fields.add(inputSchema.field(i));
      }
    }
    if (withPosition) {
      fields.add(new StructField(positionName, DataTypes.INTEGER, outer));
    }
    ArrayType at = (ArrayType) inputSchema.field(arrayColumn).dataType();
    fields.add(new StructField(elementName, at.elementType(), at.containsNull() || outer));
    return new StructType(fields);
  }

  @Override
  public String explain() {
    String fn = (withPosition ? "posexplode" : "explode") + (outer ? "_outer" : "");
    return "Generate(" + fn + "(" + inputSchema.field(arrayColumn).name() + "))";
  }
}
