package io.ember.api.analysis;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.GetArrayItem;
import io.ember.core.expr.Literal;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Spark's {@code ExtractValue}: what {@code child[key]} ({@code col.getItem}, {@code col.getField}, {@code s.f} in a
 * name) means for the type of {@code child}: a struct field by name, an array element by 0-based position, the field
 * of every struct of an array of structs by name ({@code arr.f}), a map value by key.
 */
final class ExtractValues {
  private ExtractValues() {}

  /**
   * The value of {@code child} at {@code key}; field names match case-insensitively unless {@code caseSensitive}.
   *
   * @throws AnalysisException {@code FIELD_NOT_FOUND}, {@code INVALID_EXTRACT_FIELD_TYPE} (a struct key that is not
   *     a string literal), {@code INVALID_EXTRACT_BASE_FIELD_TYPE} (a child that is not a struct, array or map),
   *     {@code DATATYPE_MISMATCH} (a key of the wrong type)
   */
  static Expression extract(Expression child, Expression key, boolean caseSensitive) {
    DataType t = child.dataType();
    if (t instanceof StructType st) {
      if (!(key instanceof Literal l) || !(l.value() instanceof String name)) {
        throw new AnalysisException("INVALID_EXTRACT_FIELD_TYPE",
            "Field name should be a non-null string literal, but it's " + key.sql() + ".");
      }
      return field(child, st, name, caseSensitive);
    }
    if (t instanceof ArrayType at && at.elementType() instanceof StructType est && key instanceof Literal l
        && l.value() instanceof String name) {
      GetField f = field(child, est, name, caseSensitive);
      return new io.ember.core.expr.ArrayStructField(child, f.ordinal(), f.name());
    }
    if (t instanceof ArrayType) {
      DataType kt = key.dataType();
      if (!(kt instanceof IntegerType) && !(kt instanceof LongType) && !(kt instanceof NullType)) {
        throw AnalysisException.typeMismatch(child.sql() + "[" + key.sql() + "]", "Parameter 2 requires the"
            + " \"INTEGRAL\" type, however \"" + key.sql() + "\" has the type " + ExpressionErrors.sqlType(kt) + ".");
      }
      return new GetArrayItem(child, Expressions.cast(key, DataTypes.INTEGER));
    }
    if (t instanceof io.ember.core.types.MapType) {
      return io.ember.core.expr.MapFunctions.getValue(child, key, null);
    }
    throw new AnalysisException("INVALID_EXTRACT_BASE_FIELD_TYPE", "Can't extract a value from \"" + child.sql()
        + "\". Need a complex type [STRUCT, ARRAY, MAP] but got " + ExpressionErrors.sqlType(t) + ".");
  }

  /** Whether {@code t} is or holds a map, which Spark can neither order, group nor compare. */
  static boolean containsMap(DataType t) {
    if (t instanceof io.ember.core.types.MapType) {
      return true;
    }
    if (t instanceof ArrayType at) {
      return containsMap(at.elementType());
    }
    return t instanceof StructType st && st.fields().stream().anyMatch(f -> containsMap(f.dataType()));
  }

  /**
   * Field {@code name} of struct {@code child}: the field spelled exactly so, else the one field equal ignoring case
   * (unless {@code caseSensitive}).
   *
   * @throws AnalysisException {@code FIELD_NOT_FOUND} listing the struct's fields, or
   *     {@code AMBIGUOUS_REFERENCE_TO_FIELDS}
   */
  static GetField field(Expression child, StructType st, String name, boolean caseSensitive) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < st.size(); i++) {
      if (st.field(i).name().equals(name)) {
        return new GetField(child, i, st.field(i).name());
      }
      if (!caseSensitive && st.field(i).name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        found.add(i);
      }
    }
    if (found.size() == 1) {
      return new GetField(child, found.get(0), st.field(found.get(0)).name());
    }
    if (found.size() > 1) {
      throw new AnalysisException("AMBIGUOUS_REFERENCE_TO_FIELDS", "Ambiguous reference to the field `" + name
          + "`. It appears " + found.size() + " times in the schema.");
    }
    throw new AnalysisException("FIELD_NOT_FOUND", "No such struct field `" + name + "` in "
        + st.fieldNames().stream().map(f -> "`" + f + "`").collect(Collectors.joining(", ")) + ".");
  }
}
