package io.ember.operators.stream;

import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The row kind of a changelog: a stream whose rows are added to or taken back from the result of the operator that
 * emitted them, as Flink's {@code RowKind}. A changelog carries the kind as its last column, named {@link #COLUMN},
 * of type {@code int}, never null: {@link #INSERT} for a row added ({@code INSERT} or {@code UPDATE_AFTER}),
 * {@link #RETRACT} for a row taken back ({@code UPDATE_BEFORE} or {@code DELETE}). A row taken back was emitted
 * earlier with the same values and {@link #INSERT}.
 *
 * <p>An updating aggregation whose output feeds another aggregation emits a changelog (see {@link
 * io.ember.operators.stream.aggregate.StreamingAggregateSpec#changelog()}); projections and filters carry the column
 * through unchanged; the {@link io.ember.operators.stream.aggregate.RetractingAggregateSpec} applies it. A sink never
 * sees the column.
 */
public final class RowKind {
  /** The name of the row-kind column. */
  public static final String COLUMN = "__row_kind";
  /** A row added to the result. */
  public static final int INSERT = 1;
  /** A row taken back from the result. */
  public static final int RETRACT = -1;

  private RowKind() {}

  /** The row-kind column's field. */
  public static StructField field() {
    return new StructField(COLUMN, DataTypes.INTEGER, false);
  }

  /** {@code schema} followed by the row-kind column. */
  public static StructType append(StructType schema) {
    List<StructField> fields = new ArrayList<>(schema.fields());
    fields.add(field());
    return new StructType(fields);
  }

  /** True when {@code schema}'s last column is the row-kind column. */
  public static boolean isChangelog(StructType schema) {
    return schema.size() > 0 && schema.field(schema.size() - 1).name().equals(COLUMN);
  }
}
