package io.ember.core.types;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of named fields: the schema of a batch, a DataFrame or a struct value. Field
 * names are looked up case-insensitively, as Spark does by default ({@code spark.sql.caseSensitive=false}).
 */
public record StructType(List<StructField> fields) implements DataType {
  public StructType {
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
  }

  public static StructType of(StructField... fields) {
    return new StructType(List.of(fields));
  }

  public int size() {
    return fields.size();
  }

  public StructField field(int index) {
    return fields.get(index);
  }

  public List<String> fieldNames() {
    List<String> names = new ArrayList<>(fields.size());
    for (StructField f : fields) {
      names.add(f.name());
    }
    return names;
  }

  /** The index of the field called {@code name} (case-insensitive), or -1. The first match wins. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the field called {@code name}.
   *
   * @throws AnalysisException {@code UNRESOLVED_COLUMN} listing the fields and suggesting the closest
   */
  public int requireIndex(String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw AnalysisException.unresolvedColumn(name, fieldNames());
    }
    return i;
  }

  public StructType add(StructField field) {
    List<StructField> copy = new ArrayList<>(fields);
    copy.add(field);
    return new StructType(copy);
  }

  public StructType add(String name, DataType type) {
    return add(new StructField(name, type, true));
  }

  /** Fields at the given positions, in that order. */
  public StructType select(int... indices) {
    List<StructField> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(fields.get(i));
    }
    return new StructType(out);
  }

  @Override
  public String simpleString() {
    StringBuilder sb = new StringBuilder("struct<");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(fields.get(i).name()).append(':').append(fields.get(i).dataType().simpleString());
    }
    return sb.append('>').toString();
  }

  @Override
  public String typeName() {
    return "struct";
  }

  /** Spark's {@code printSchema()} text: {@code root} and one {@code |-- name: type (nullable = b)} line per field, nested. */
  public String treeString() {
    StringBuilder sb = new StringBuilder("root\n");
    for (StructField f : fields) {
      appendField(sb, " |", f.name(), f.dataType(), "nullable", f.nullable());
    }
    return sb.toString();
  }

  private static void appendField(
      StringBuilder sb, String prefix, String name, DataType type, String nullWord, boolean nullable) {
    sb.append(prefix).append("-- ").append(name).append(": ").append(type.typeName())
        .append(" (").append(nullWord).append(" = ").append(nullable).append(")\n");
    appendNested(sb, prefix + "    |", type);
  }

  /** The lines below a nested type's own line (a map's key has no nullability of its own). */
  private static void appendNested(StringBuilder sb, String prefix, DataType type) {
    if (type instanceof StructType st) {
      for (StructField f : st.fields()) {
        appendField(sb, prefix, f.name(), f.dataType(), "nullable", f.nullable());
      }
    } else if (type instanceof ArrayType at) {
      appendField(sb, prefix, "element", at.elementType(), "containsNull", at.containsNull());
    } else if (type instanceof MapType mt) {
      sb.append(prefix).append("-- key: ").append(mt.keyType().typeName()).append('\n');
      appendNested(sb, prefix + "    |", mt.keyType());
      appendField(sb, prefix, "value", mt.valueType(), "valueContainsNull", mt.valueContainsNull());
    }
  }

  @Override
  public String toString() {
    return "StructType(" + fields + ")";
  }

  /** Kept for symmetry with {@link Suggestions}; finds the closest field name to {@code name}. */
  public String closestFieldName(String name) {
    return Suggestions.closest(name, fieldNames());
  }
}
