package io.ember.api.analysis;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.CreateNamedStruct;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spark's {@code Column.withField} and {@code Column.dropFields} ({@code UpdateFields}): a struct rebuilt field by
 * field with one field replaced (or added at the end) or left out, along a dotted path into nested structs ({@code
 * a.b.c}). A null struct stays null; every struct on the path must exist.
 */
public final class StructUpdates {
  /** The call {@code Column.withField(path, value)} builds: arguments struct, path (a string literal), value. */
  public static final String WITH_FIELD = "update_fields.withField";
  /** The call {@code Column.dropFields(paths...)} builds: arguments struct, then each path (string literals). */
  public static final String DROP_FIELDS = "update_fields.dropFields";

  private StructUpdates() {}

  /** {@code struct.withField(path, value)}. */
  static Expression withField(Expression struct, List<String> path, Expression value, boolean caseSensitive) {
    StructType st = requireStruct(struct, "withField");
    String name = path.get(0);
    int at = indexOf(st, name, caseSensitive);
    List<String> names = new ArrayList<>(st.fieldNames());
    List<Expression> values = fields(struct, st);
    if (path.size() > 1) {
      if (at < 0) {
        ExtractValues.field(struct, st, name, caseSensitive); // FIELD_NOT_FOUND
      }
      values.set(at, withField(values.get(at), path.subList(1, path.size()), value, caseSensitive));
    } else if (at < 0) {
      names.add(name);
      values.add(value);
    } else {
      values.set(at, value);
    }
    return nullIfNull(struct, new CreateNamedStruct(names, values));
  }

  /** {@code struct.dropFields(path)}; a missing last field drops nothing. */
  static Expression dropField(Expression struct, List<String> path, boolean caseSensitive) {
    StructType st = requireStruct(struct, "dropFields");
    int at = indexOf(st, path.get(0), caseSensitive);
    if (at < 0) {
      if (path.size() > 1) {
        ExtractValues.field(struct, st, path.get(0), caseSensitive); // FIELD_NOT_FOUND
      }
      return struct;
    }
    List<String> names = new ArrayList<>(st.fieldNames());
    List<Expression> values = fields(struct, st);
    if (path.size() > 1) {
      values.set(at, dropField(values.get(at), path.subList(1, path.size()), caseSensitive));
    } else {
      names.remove(at);
      values.remove(at);
      if (names.isEmpty()) {
        throw new AnalysisException("DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS", "Cannot resolve \"update_fields("
            + struct.sql() + ")\" due to data type mismatch: Cannot drop all fields in struct.");
      }
    }
    return nullIfNull(struct, new CreateNamedStruct(names, values));
  }

  private static StructType requireStruct(Expression e, String function) {
    if (!(e.dataType() instanceof StructType st)) {
      throw new AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "Cannot resolve \"update_fields("
          + e.sql() + ")\" due to data type mismatch: Parameter 1 of " + function + " requires the \"STRUCT\" type,"
          + " however \"" + e.sql() + "\" has the type " + ExpressionErrors.sqlType(e.dataType()) + ".");
    }
    return st;
  }

  private static List<Expression> fields(Expression struct, StructType st) {
    List<Expression> out = new ArrayList<>();
    for (int i = 0; i < st.size(); i++) {
      out.add(new GetField(struct, i, st.field(i).name()));
    }
    return out;
  }

  private static int indexOf(StructType st, String name, boolean caseSensitive) {
    for (int i = 0; i < st.size(); i++) {
      String f = st.field(i).name();
      if (caseSensitive ? f.equals(name) : f.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  private static Expression nullIfNull(Expression struct, Expression rebuilt) {
    return struct.nullable() ? Expressions.caseWhen(List.of(Expressions.isNotNull(struct)), List.of(rebuilt), null)
        : rebuilt;
  }
}
