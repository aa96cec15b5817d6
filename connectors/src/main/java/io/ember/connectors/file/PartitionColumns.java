package io.ember.connectors.file;

import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The partition columns discovered in Hive-style directory names and each file's typed values. A column
 * is {@code int} when every non-null value is an int, {@code bigint} when a long, {@code double} when a
 * number, else {@code string}, as Spark's partition type inference for these types.
 */
public final class PartitionColumns {
  private final StructType schema;
  private final List<Object[]> valuesByFile;

  private PartitionColumns(StructType schema, List<Object[]> valuesByFile) {
    this.schema = schema;
    this.valuesByFile = valuesByFile;
  }

  public static PartitionColumns none(int files) {
    List<Object[]> values = new ArrayList<>(files);
    for (int i = 0; i < files; i++) {
      values.add(new Object[0]);
    }
    return new PartitionColumns(new StructType(List.of()), values);
  }

  /**
   * Infers the columns; all files must have the same partition keys in the same order.
   *
   * @throws AnalysisException {@code CONFLICTING_PARTITION_COLUMN_NAMES} otherwise
   */
  public static PartitionColumns discover(List<FileEntry> files, StructType dataSchema) {
    if (files.isEmpty() || files.get(0).partitionValues().isEmpty()) {
      boolean any = files.stream().anyMatch(f -> !f.partitionValues().isEmpty());
      if (!any) {
        return none(files.size());
      }
    }
    List<String> names = new ArrayList<>();
    for (FileEntry.PartitionValue pv : files.get(0).partitionValues()) {
      names.add(pv.name());
    }
    for (FileEntry f : files) {
      List<String> these = new ArrayList<>();
      for (FileEntry.PartitionValue pv : f.partitionValues()) {
        these.add(pv.name());
      }
      if (!these.equals(names)) {
        throw new AnalysisException("CONFLICTING_PARTITION_COLUMN_NAMES",
            "Conflicting partition column names detected: " + names + " and " + these + " (file " + f.path()
                + "). Partitioned directories must have the same partition columns at the same depth.");
      }
    }
    List<StructField> fields = new ArrayList<>();
    List<Integer> keep = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      if (dataSchema.indexOf(names.get(c)) >= 0) {
        continue; // a column stored in the files wins, as in Spark
      }
      keep.add(c);
      fields.add(new StructField(names.get(c), infer(files, c), true));
    }
    List<Object[]> values = new ArrayList<>(files.size());
    for (FileEntry f : files) {
      Object[] v = new Object[keep.size()];
      for (int k = 0; k < keep.size(); k++) {
        v[k] = convert(f.partitionValues().get(keep.get(k)).value(), fields.get(k).dataType());
      }
      values.add(v);
    }
    return new PartitionColumns(new StructType(fields), values);
  }

  private static DataType infer(List<FileEntry> files, int c) {
    int level = 0; // 0 int, 1 long, 2 double, 3 string
    for (FileEntry f : files) {
      String v = f.partitionValues().get(c).value();
      if (v == null) {
        continue;
      }
      level = Math.max(level, levelOf(v));
    }
    return level == 0 ? DataTypes.INTEGER : level == 1 ? DataTypes.LONG : level == 2 ? DataTypes.DOUBLE : DataTypes.STRING;
  }

  private static int levelOf(String v) {
    try {
      Integer.parseInt(v);
      return 0;
    } catch (NumberFormatException e) {
      // wider
    }
    try {
      Long.parseLong(v);
      return 1;
    } catch (NumberFormatException e) {
      // wider
    }
    try {
      Double.parseDouble(v);
      return v.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == '-' || ch == 'e' || ch == 'E') ? 2 : 3;
    } catch (NumberFormatException e) {
      return 3;
    }
  }

  private static Object convert(String v, DataType type) {
    if (v == null) {
      return null;
    }
    if (type.equals(DataTypes.INTEGER)) {
      return Integer.parseInt(v);
    }
    if (type.equals(DataTypes.LONG)) {
      return Long.parseLong(v);
    }
    if (type.equals(DataTypes.DOUBLE)) {
      return Double.parseDouble(v);
    }
    return v;
  }

  public StructType schema() {
    return schema;
  }

  /** Appends file {@code fileIndex}'s value of partition column {@code column} {@code count} times. */
  public void appendValues(int fileIndex, int column, VectorBuilder builder, int count) {
    Object v = valuesByFile.get(fileIndex)[column];
    for (int i = 0; i < count; i++) {
      builder.append(v);
    }
  }
}
