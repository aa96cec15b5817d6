package io.ember.core.data;

import io.ember.core.types.DataType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A columnar micro-batch: {@link #numRows()} rows of a {@link StructType}, one {@link ColumnVector} per
 * field. Immutable; operators pass batches by reference within a JVM and serialize them with Kryo
 * across JVMs ({@link io.ember.core.serde.EmberKryo}).
 */
public final class Batch {
  private final StructType schema;
  private final ColumnVector[] columns;
  private final int numRows;

  /**
   * @throws IllegalArgumentException if the column count, a column's size or a column's type does not
   *     match the schema
   */
  public Batch(StructType schema, ColumnVector[] columns, int numRows) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.columns = columns;
    this.numRows = numRows;
    if (columns.length != schema.size()) {
      throw new IllegalArgumentException(
          "Batch has " + columns.length + " columns but its schema has " + schema.size() + ": " + schema.simpleString());
    }
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].size() != numRows) {
        throw new IllegalArgumentException(
            "Column " + schema.field(i).name() + " has " + columns[i].size() + " rows, expected " + numRows);
      }
      if (!columns[i].type().equals(schema.field(i).dataType())) {
        throw new IllegalArgumentException(
            "Column " + schema.field(i).name() + " holds " + columns[i].type().simpleString()
                + " but the schema says " + schema.field(i).dataType().simpleString());
      }
    }
  }

  public Batch(StructType schema, List<ColumnVector> columns, int numRows) {
    this(schema, columns.toArray(new ColumnVector[0]), numRows);
  }

  /** A batch with no rows. */
  public static Batch empty(StructType schema) {
    ColumnVector[] cols = new ColumnVector[schema.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = VectorBuilder.forType(schema.field(i).dataType(), 0).build();
    }
    return new Batch(schema, cols, 0);
  }

  /** A batch holding {@code rows} (values as {@link ColumnVector#get(int)} returns them). */
  public static Batch fromRows(StructType schema, List<Row> rows) {
    VectorBuilder[] builders = new VectorBuilder[schema.size()];
    for (int c = 0; c < builders.length; c++) {
      builders[c] = VectorBuilder.forType(schema.field(c).dataType(), rows.size());
    }
    for (Row r : rows) {
      if (r.size() != builders.length) {
        throw new IllegalArgumentException(
            "Row " + r + " has " + r.size() + " values but the schema has " + builders.length + " fields");
      }
      for (int c = 0; c < builders.length; c++) {
        builders[c].append(r.get(c));
      }
    }
    ColumnVector[] cols = new ColumnVector[builders.length];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = builders[c].build();
    }
    return new Batch(schema, cols, rows.size());
  }

  /** Concatenates batches of one schema. */
  public static Batch concat(StructType schema, List<Batch> batches) {
    if (batches.size() == 1) {
      return batches.get(0);
    }
    int total = 0;
    for (Batch b : batches) {
      total += b.numRows;
    }
    ColumnVector[] cols = new ColumnVector[schema.size()];
    for (int c = 0; c < cols.length; c++) {
      VectorBuilder builder = builderFor(schema.field(c).dataType(), batches, c, total);
      for (Batch b : batches) {
        builder.appendAll(b.columns[c]);
      }
      cols[c] = builder.build();
    }
    return new Batch(schema, cols, total);
  }

  /** A builder for column {@code c} of the batches, sized for all their rows (and a string column's bytes). */
  private static VectorBuilder builderFor(DataType type, List<Batch> batches, int c, int total) {
    if (!(type instanceof StringType)) {
      return VectorBuilder.forType(type, total);
    }
    long bytes = 0;
    for (Batch b : batches) {
      if (b.columns[c] instanceof StringVector s && s.size() > 0) {
        bytes += s.offsets()[s.size()] - s.offsets()[0];
      }
    }
    return VectorBuilder.strings(total, (int) Math.min(bytes, Integer.MAX_VALUE - 8));
  }

  public StructType schema() {
    return schema;
  }

  public int numRows() {
    return numRows;
  }

  public int numColumns() {
    return columns.length;
  }

  public ColumnVector column(int index) {
    return columns[index];
  }

  /** The column vectors; callers must not modify the array. */
  public ColumnVector[] columns() {
    return columns;
  }

  /** A batch of the given columns, in that order. */
  public Batch selectColumns(int... indices) {
    ColumnVector[] cols = new ColumnVector[indices.length];
    for (int i = 0; i < indices.length; i++) {
      cols[i] = columns[indices[i]];
    }
    return new Batch(schema.select(indices), cols, numRows);
  }

  /** A batch of {@code count} rows: row {@code k} is this batch's row {@code rows[k]}. */
  public Batch take(int[] rows, int count) {
    ColumnVector[] cols = new ColumnVector[columns.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = columns[i].take(rows, count);
    }
    return new Batch(schema, cols, count);
  }

  /** Rows {@code [from, from + count)}. */
  public Batch slice(int from, int count) {
    if (from == 0 && count == numRows) {
      return this;
    }
    ColumnVector[] cols = new ColumnVector[columns.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = columns[i].slice(from, count);
    }
    return new Batch(schema, cols, count);
  }

  /** The same columns under another schema of the same types (for renames and nullability changes). */
  public Batch withSchema(StructType newSchema) {
    return new Batch(newSchema, columns, numRows);
  }

  public Row row(int index) {
    Object[] values = new Object[columns.length];
    for (int c = 0; c < columns.length; c++) {
      values[c] = columns[c].get(index);
    }
    return new Row(schema, values);
  }

  public List<Row> toRows() {
    List<Row> rows = new ArrayList<>(numRows);
    for (int r = 0; r < numRows; r++) {
      rows.add(row(r));
    }
    return rows;
  }

  @Override
  public String toString() {
    return "Batch(" + numRows + " rows, " + schema.simpleString() + ")";
  }
}
