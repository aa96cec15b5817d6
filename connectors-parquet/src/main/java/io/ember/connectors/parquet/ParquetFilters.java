package io.ember.connectors.parquet;

import io.ember.core.data.ValueFormat;
import io.ember.core.expr.And;
import io.ember.core.expr.Cast;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.Comparison.Op;
import io.ember.core.expr.Expression;
import io.ember.core.expr.In;
import io.ember.core.expr.IsNull;
import io.ember.core.expr.Literal;
import io.ember.core.expr.Not;
import io.ember.core.expr.Or;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns a scan's pushed filters into a Parquet {@link FilterPredicate} for one file, as Spark's
 * {@code ParquetFilters}: {@code =}, {@code <=>}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code !=},
 * {@code IN}, {@code IS [NOT] NULL} between a top-level column and literals, and {@code AND}/{@code OR}/{@code NOT}
 * of them, on int, long, double, boolean, string, binary, date, timestamp and decimal columns. Parquet uses the
 * predicate only to skip row groups that cannot hold a matching row; Ember still filters every row read.
 *
 * <p>The contract is: a row for which the filter is TRUE always satisfies the predicate. So a conjunct that cannot be
 * converted is left out of an {@code AND}; an {@code OR} is converted only whole; and under {@code NOT} only
 * predicates that hold for exactly the rows where the filter is TRUE are used. Columns convert only where the file's
 * physical type orders values as Ember does: signed INT32/INT64, DATE, TIMESTAMP(MICROS), STRING, DECIMAL,
 * DOUBLE/FLOAT and BINARY without a logical type (unsigned byte order, as Ember compares binary values and Parquet's
 * binary statistics do), read as binary with binary literals or, with {@code spark.sql.parquet.binaryAsString} or a
 * string schema, as strings with string literals. A double column takes {@code =}, {@code IN}, {@code <} and
 * {@code <=} with literals other than NaN (NaN is greater than any value for Ember but left out of Parquet's
 * statistics), {@code 0.0} standing for both zeros, and none under {@code NOT}. A column compared through a widening
 * cast (an int column with a long literal) converts when the literal has the column's type exactly.
 */
final class ParquetFilters {
  private ParquetFilters() {}

  /** What a pushed leaf compares: a file column of one physical kind. */
  private enum Kind { INT, LONG, DOUBLE, FLOAT, BOOLEAN, BINARY, DECIMAL_INT, DECIMAL_LONG, DECIMAL_FIXED }

  private record Leaf(String path, Kind kind, int scale, int length) {}

  /** A converted filter: the predicate and Spark's text for it ({@code GreaterThan(a,5)}). */
  private record Pushed(FilterPredicate predicate, String text) {}

  /**
   * The predicate for {@code filters} (conjuncts bound to {@code dataSchema}) on a file of {@code fileSchema}, or
   * null when none converts.
   */
  static FilterPredicate predicate(List<Expression> filters, StructType dataSchema, MessageType fileSchema) {
    FilterPredicate all = null;
    for (Expression f : filters) {
      Pushed p = new Converter(dataSchema, fileSchema).convert(f, false);
      if (p != null) {
        all = all == null ? p.predicate() : FilterApi.and(all, p.predicate());
      }
    }
    return all;
  }

  /**
   * Spark's text of the filters of {@code filters} that convert for files written with {@code dataSchema} as Ember
   * and Spark write them, one entry per converted conjunct, for {@code explain()}.
   */
  static List<String> describe(List<Expression> filters, StructType dataSchema) {
    List<Type> fields = new ArrayList<>();
    for (StructField f : dataSchema.fields()) {
      try {
        fields.add(ParquetSchemas.toParquet(new StructType(List.of(f))).getType(0));
      } catch (RuntimeException e) {
        // a column Parquet cannot hold takes no filter
      }
    }
    MessageType written = new MessageType(ParquetSchemas.MESSAGE_NAME, fields);
    List<String> out = new ArrayList<>();
    for (Expression f : filters) {
      Pushed p = new Converter(dataSchema, written).convert(f, false);
      if (p != null) {
        out.add(p.text());
      }
    }
    return out;
  }

  private static final class Converter {
    private final StructType dataSchema;
    private final MessageType file;

    Converter(StructType dataSchema, MessageType file) {
      this.dataSchema = dataSchema;
      this.file = file;
    }

    /** {@code e} as a predicate; with {@code exact}, only one that holds for exactly the rows where e is TRUE. */
    Pushed convert(Expression e, boolean exact) {
      if (e instanceof And a) {
        Pushed l = convert(a.left(), exact);
        Pushed r = convert(a.right(), exact);
        if (l != null && r != null) {
          return new Pushed(FilterApi.and(l.predicate(), r.predicate()), "And(" + l.text() + "," + r.text() + ")");
        }
        return exact ? null : l != null ? l : r;
      } else if (e instanceof Or o) {
        Pushed l = convert(o.left(), exact);
        Pushed r = l == null ? null : convert(o.right(), exact);
        return r == null ? null
            : new Pushed(FilterApi.or(l.predicate(), r.predicate()), "Or(" + l.text() + "," + r.text() + ")");
      } else if (e instanceof Not n) {
        Pushed c = convert(n.child(), true);
        return c == null ? null : new Pushed(FilterApi.not(c.predicate()), "Not(" + c.text() + ")");
      } else if (e instanceof IsNull n) {
        return isNull(n, leafOf(n.child()));
      } else if (e instanceof Comparison c) {
        return comparison(c, exact);
      } else if (e instanceof In in) {
        return in(in, exact);
      }
      return null;
    }

    private Pushed isNull(IsNull n, Leaf leaf) {
      if (leaf == null) {
        return null;
      }
      String name = columnName(n.child());
      return n.negated()
          ? new Pushed(notEq(leaf, null), "IsNotNull(" + name + ")")
          : new Pushed(eq(leaf, null), "IsNull(" + name + ")");
    }

    private Pushed comparison(Comparison c, boolean exact) {
      Op op = c.op();
      Expression column = c.left();
      Expression literal = c.right();
      if (c.left() instanceof Literal) {
        column = c.right();
        literal = c.left();
        op = flip(op);
      }
      Leaf leaf = leafOf(column);
      if (leaf == null || !(literal instanceof Literal lit)) {
        return null;
      }
      String name = columnName(column);
      if (lit.value() == null) {
        return op == Op.NULL_SAFE_EQ ? new Pushed(eq(leaf, null), "IsNull(" + name + ")") : null;
      }
      Comparable<?> v = value(lit.value(), literalType(column, lit), columnType(column), leaf);
      if (v == null) {
        return null;
      }
      String text = "(" + name + "," + text(lit.value()) + ")";
      boolean isDouble = leaf.kind() == Kind.DOUBLE || leaf.kind() == Kind.FLOAT;
      if (isDouble && (exact || op == Op.NE || op == Op.GT || op == Op.GE)) {
        return null;
      }
      return switch (op) {
        case EQ -> new Pushed(isDouble ? doubleEq(leaf, v) : eq(leaf, v), "EqualTo" + text);
        case NULL_SAFE_EQ -> new Pushed(isDouble ? doubleEq(leaf, v) : eq(leaf, v), "EqualNullSafe" + text);
        case NE -> exact ? null : new Pushed(notEq(leaf, v), "Not(EqualTo" + text + ")");
        case LT -> order(leaf, op, isDouble ? positiveZero(v) : v, "LessThan" + text);
        case LE -> order(leaf, op, isDouble ? positiveZero(v) : v, "LessThanOrEqual" + text);
        case GT -> order(leaf, op, v, "GreaterThan" + text);
        case GE -> order(leaf, op, v, "GreaterThanOrEqual" + text);
      };
    }

    private Pushed in(In in, boolean exact) {
      Leaf leaf = leafOf(in.value());
      if (leaf == null || exact && (leaf.kind() == Kind.DOUBLE || leaf.kind() == Kind.FLOAT)) {
        return null;
      }
      Set<Comparable<?>> values = new LinkedHashSet<>();
      List<String> texts = new ArrayList<>();
      for (Expression item : in.list()) {
        if (!(item instanceof Literal lit)) {
          return null;
        }
        if (lit.value() == null) {
          continue;
        }
        Comparable<?> v = value(lit.value(), literalType(in.value(), lit), columnType(in.value()), leaf);
        if (v == null) {
          return null;
        }
        values.add(v);
        if (v instanceof Double d && d == 0.0) {
          values.add(0.0d);
          values.add(-0.0d);
        } else if (v instanceof Float f && f == 0.0f) {
          values.add(0.0f);
          values.add(-0.0f);
        }
        texts.add(text(lit.value()));
      }
      if (values.isEmpty()) {
        return null;
      }
      return new Pushed(inSet(leaf, values), "In(" + columnName(in.value()) + ", [" + String.join(",", texts) + "])");
    }

    /** The file column {@code e} reads (a column, or a column under a widening cast), or null. */
    private Leaf leafOf(Expression e) {
      ColumnRef ref = e instanceof Cast c && c.child() instanceof ColumnRef r && widens(r.dataType(), c.dataType())
          ? r : e instanceof ColumnRef r ? r : null;
      if (ref == null || ref.index() >= dataSchema.size()) {
        return null;
      }
      Type t = ParquetSplitReader.find(file, dataSchema.field(ref.index()).name());
      if (t == null || !t.isPrimitive() || t.getRepetition() == Type.Repetition.REPEATED) {
        return null;
      }
      return leaf(t.asPrimitiveType(), ref.dataType());
    }

    private String columnName(Expression e) {
      ColumnRef ref = e instanceof ColumnRef r ? r : (ColumnRef) ((Cast) e).child();
      return dataSchema.field(ref.index()).name();
    }

    private static DataType columnType(Expression e) {
      return e instanceof Cast c ? c.child().dataType() : e.dataType();
    }

    private static DataType literalType(Expression column, Literal lit) {
      return column instanceof Cast c ? c.dataType() : lit.dataType();
    }
  }

  /** A cast that keeps every value and its order: int to long or double, a decimal to a wider decimal. */
  private static boolean widens(DataType from, DataType to) {
    if (from.equals(DataTypes.INTEGER)) {
      return to.equals(DataTypes.LONG) || to.equals(DataTypes.DOUBLE);
    }
    return from instanceof DecimalType f && to instanceof DecimalType t && t.scale() >= f.scale()
        && t.precision() - t.scale() >= f.precision() - f.scale();
  }

  /** The kind of file column {@code p} read as Ember's {@code type}, or null when its order differs from Ember's. */
  private static Leaf leaf(PrimitiveType p, DataType type) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    String path = p.getName();
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      if (!(type instanceof DecimalType)) {
        return null;
      }
      return switch (p.getPrimitiveTypeName()) {
        case INT32 -> new Leaf(path, Kind.DECIMAL_INT, d.getScale(), 0);
        case INT64 -> new Leaf(path, Kind.DECIMAL_LONG, d.getScale(), 0);
        case FIXED_LEN_BYTE_ARRAY -> new Leaf(path, Kind.DECIMAL_FIXED, d.getScale(), p.getTypeLength());
        default -> null;
      };
    }
    boolean signed = a == null || a instanceof IntLogicalTypeAnnotation i && i.isSigned();
    return switch (p.getPrimitiveTypeName()) {
      case BOOLEAN -> type.equals(DataTypes.BOOLEAN) ? new Leaf(path, Kind.BOOLEAN, 0, 0) : null;
      case INT32 -> signed && type.equals(DataTypes.INTEGER)
          || a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation && type.equals(DataTypes.DATE)
          ? new Leaf(path, Kind.INT, 0, 0) : null;
      case INT64 -> signed && type.equals(DataTypes.LONG)
          || a instanceof TimestampLogicalTypeAnnotation ts && ts.getUnit() == TimeUnit.MICROS
          && type.equals(DataTypes.TIMESTAMP) ? new Leaf(path, Kind.LONG, 0, 0) : null;
      case DOUBLE -> type.equals(DataTypes.DOUBLE) ? new Leaf(path, Kind.DOUBLE, 0, 0) : null;
      case FLOAT -> type.equals(DataTypes.DOUBLE) ? new Leaf(path, Kind.FLOAT, 0, 0) : null;
      case BINARY -> a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation && type.equals(DataTypes.STRING)
          || a == null && (type.equals(DataTypes.BINARY) || type.equals(DataTypes.STRING))
          ? new Leaf(path, Kind.BINARY, 0, 0) : null;
      default -> null;
    };
  }

  /**
   * {@code value} (a literal of {@code literalType}) as the file column stores it, or null when the column cannot
   * hold it exactly (a long beyond int, a decimal with more digits than the column's scale, NaN).
   */
  private static Comparable<?> value(Object value, DataType literalType, DataType columnType, Leaf leaf) {
    try {
      return switch (leaf.kind()) {
        case BOOLEAN -> (Boolean) value;
        case INT -> value instanceof LocalDate d ? Math.toIntExact(d.toEpochDay())
            : columnType.equals(DataTypes.INTEGER) ? exactInt(value) : null;
        case LONG -> value instanceof Instant i
            ? Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000L)
            : ((Number) value).longValue();
        case DOUBLE -> Double.isNaN(((Number) value).doubleValue()) ? null : ((Number) value).doubleValue();
        case FLOAT -> {
          double d = ((Number) value).doubleValue();
          yield Double.isNaN(d) || (double) (float) d != d ? null : (float) d;
        }
        case BINARY -> value instanceof byte[] b
            ? (columnType.equals(DataTypes.BINARY) ? Binary.fromConstantByteArray(b) : null)
            : columnType.equals(DataTypes.STRING) ? Binary.fromString(value.toString()) : null;
        case DECIMAL_INT -> unscaled(value, leaf).intValueExact();
        case DECIMAL_LONG -> unscaled(value, leaf).longValueExact();
        case DECIMAL_FIXED -> fixed(unscaled(value, leaf), leaf.length());
      };
    } catch (ArithmeticException | ClassCastException e) {
      return null;
    }
  }

  private static Integer exactInt(Object value) {
    if (value instanceof Double d) {
      return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d.doubleValue() : null;
    }
    return Math.toIntExact(((Number) value).longValue());
  }

  private static BigInteger unscaled(Object value, Leaf leaf) {
    return ((BigDecimal) value).setScale(leaf.scale()).unscaledValue();
  }

  /** A FIXED_LEN_BYTE_ARRAY decimal: big-endian two's complement, sign-extended to {@code length} bytes. */
  private static Binary fixed(BigInteger unscaled, int length) {
    byte[] minimal = unscaled.toByteArray();
    if (minimal.length > length) {
      throw new ArithmeticException("out of the column's precision");
    }
    byte[] out = new byte[length];
    byte pad = (byte) (unscaled.signum() < 0 ? -1 : 0);
    java.util.Arrays.fill(out, 0, length - minimal.length, pad);
    System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
    return Binary.fromConstantByteArray(out);
  }

  private static Op flip(Op op) {
    return switch (op) {
      case LT -> Op.GT;
      case LE -> Op.GE;
      case GT -> Op.LT;
      case GE -> Op.LE;
      default -> op;
    };
  }

  private static String text(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString()
        : value instanceof byte[] b ? ValueFormat.binaryDisplay(b) : String.valueOf(value);
  }

  /** For {@code <} and {@code <=} on doubles: {@code -0.0} as {@code 0.0}, which Parquet orders after it. */
  private static Comparable<?> positiveZero(Comparable<?> v) {
    if (v instanceof Double d && d == 0.0) {
      return 0.0d;
    }
    return v instanceof Float f && f == 0.0f ? 0.0f : v;
  }

  /** {@code = v} on doubles, where {@code 0.0} and {@code -0.0} are equal for Ember but not for Parquet. */
  private static FilterPredicate doubleEq(Leaf leaf, Comparable<?> v) {
    if (v instanceof Double d && d == 0.0) {
      return FilterApi.or(eq(leaf, 0.0d), eq(leaf, -0.0d));
    } else if (v instanceof Float f && f == 0.0f) {
      return FilterApi.or(eq(leaf, 0.0f), eq(leaf, -0.0f));
    }
    return eq(leaf, v);
  }

  private static Pushed order(Leaf leaf, Op op, Comparable<?> v, String text) {
    if (leaf.kind() == Kind.BOOLEAN) {
      return null;
    }
    return new Pushed(switch (op) {
      case LT -> lt(column(leaf), v);
      case LE -> ltEq(column(leaf), v);
      case GT -> gt(column(leaf), v);
      default -> gtEq(column(leaf), v);
    }, text);
  }

  /** The FilterApi column of {@code leaf}: every kind but boolean supports ordering. */
  @SuppressWarnings("rawtypes")
  private static Operators.Column column(Leaf leaf) {
    return switch (leaf.kind()) {
      case INT, DECIMAL_INT -> FilterApi.intColumn(leaf.path());
      case LONG, DECIMAL_LONG -> FilterApi.longColumn(leaf.path());
      case DOUBLE -> FilterApi.doubleColumn(leaf.path());
      case FLOAT -> FilterApi.floatColumn(leaf.path());
      case BOOLEAN -> FilterApi.booleanColumn(leaf.path());
      case BINARY, DECIMAL_FIXED -> FilterApi.binaryColumn(leaf.path());
    };
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static FilterPredicate eq(Leaf leaf, Comparable<?> v) {
    return FilterApi.eq((Operators.Column & Operators.SupportsEqNotEq) column(leaf), (Comparable) v);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static FilterPredicate notEq(Leaf leaf, Comparable<?> v) {
    return FilterApi.notEq((Operators.Column & Operators.SupportsEqNotEq) column(leaf), (Comparable) v);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static FilterPredicate inSet(Leaf leaf, Set<Comparable<?>> values) {
    return FilterApi.in((Operators.Column & Operators.SupportsEqNotEq) column(leaf), (Set) values);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static FilterPredicate lt(Operators.Column c, Comparable<?> v) {
    return FilterApi.lt((Operators.Column & Operators.SupportsLtGt) c, (Comparable) v);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static FilterPredicate ltEq(Operators.Column c, Comparable<?> v) {
    return FilterApi.ltEq((Operators.Column & Operators.SupportsLtGt) c, (Comparable) v);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static FilterPredicate gt(Operators.Column c, Comparable<?> v) {
    return FilterApi.gt((Operators.Column & Operators.SupportsLtGt) c, (Comparable) v);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static FilterPredicate gtEq(Operators.Column c, Comparable<?> v) {
    return FilterApi.gtEq((Operators.Column & Operators.SupportsLtGt) c, (Comparable) v);
  }
}
