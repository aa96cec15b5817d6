package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.expr.BinaryArithmetic.Op;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the resolved operator expressions the analyzer needs, checking types and inserting Spark's
 * implicit casts (see {@link TypeCoercion}). Every method throws {@link AnalysisException} with error
 * class {@code DATATYPE_MISMATCH...} when its inputs cannot be typed, naming the expression and the types.
 *
 * <p>Coercion follows Spark 4 with ANSI on: {@code int + bigint} is bigint; {@code int + double} is
 * double; {@code /} on non-decimals is always double; decimals follow Spark's precision rules; a string
 * in arithmetic is read as bigint next to an integral operand and as double otherwise; a string compared
 * with a number, boolean, date or timestamp is cast to that type (to double next to a decimal);
 * {@code date + n} and {@code date - n} (integral n) become {@code date_add} / {@code date_sub}. Datetimes and
 * ANSI intervals combine as {@link IntervalOperations} describes ({@code timestamp + interval}, {@code timestamp -
 * timestamp}, {@code interval * number}, ...).
 *
 * <p>The returned trees are immutable and thread-safe; implicit casts are {@link Cast} nodes marked
 * {@code implicit}, whose {@code sql()} is the child's, so generated column names read as the user wrote them.
 */
public final class Expressions {
  private Expressions() {}

  public static Expression add(Expression l, Expression r) {
    return arithmetic(Op.ADD, l, r);
  }

  public static Expression subtract(Expression l, Expression r) {
    return arithmetic(Op.SUBTRACT, l, r);
  }

  public static Expression multiply(Expression l, Expression r) {
    return arithmetic(Op.MULTIPLY, l, r);
  }

  /** {@code l / r}: double for non-decimal operands, as Spark's Divide. */
  public static Expression divide(Expression l, Expression r) {
    return arithmetic(Op.DIVIDE, l, r);
  }

  /** {@code l % r}: the result has the sign of the dividend. */
  public static Expression remainder(Expression l, Expression r) {
    return arithmetic(Op.REMAINDER, l, r);
  }

  /** Spark's {@code pmod(l, r)}: like {@code %}, but a negative remainder is moved into the divisor's range. */
  public static Expression pmod(Expression l, Expression r) {
    return arithmetic(Op.PMOD, l, r);
  }

  /** Unary minus. */
  public static Expression negate(Expression e) {
    Expression interval = IntervalOperations.negate(e);
    if (interval != null) {
      return interval;
    }
    DataType t = numericOperand(e, "(- " + e.sql() + ")");
    return new UnaryNumeric(UnaryNumeric.Kind.NEGATE, castTo(e, t));
  }

  /** The operand type a unary numeric operation uses: numbers as they are, strings as double, null as double. */
  static DataType numericOperand(Expression e, String sql) {
    DataType t = e.dataType();
    if (t.isNumeric()) {
      return t;
    }
    if (t instanceof StringType || t instanceof NullType) {
      return DataTypes.DOUBLE;
    }
    throw unexpectedType(sql, 1, "NUMERIC", e);
  }

  private static Expression arithmetic(Op op, Expression l, Expression r) {
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    Expression datetime = op == Op.PMOD || op == Op.REMAINDER ? null : IntervalOperations.arithmetic(op, l, r);
    if (datetime != null) {
      return datetime;
    }
    Expression dateShift = dateArithmetic(op, l, r);
    if (dateShift != null) {
      return dateShift;
    }
    String sql = op == Op.PMOD ? "pmod(" + l.sql() + ", " + r.sql() + ")"
        : "(" + l.sql() + " " + op.symbol() + " " + r.sql() + ")";
    DataType lp = promoteForArithmetic(lt, rt);
    DataType rp = promoteForArithmetic(rt, lt);
    if (lp == null || rp == null) {
      if (isArithmeticInput(lt) && isArithmeticInput(rt)) {
        throw new AnalysisException("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
            mismatch(sql, "the left and right operands of the binary operator have incompatible types ("
                + ExpressionErrors.sqlType(lt) + " and " + ExpressionErrors.sqlType(rt) + ")."));
      }
      DataType bad = isArithmeticInput(lt) ? rt : lt;
      throw new AnalysisException("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
          mismatch(sql, "the binary operator requires the input type \"NUMERIC\", not "
              + ExpressionErrors.sqlType(bad) + "."));
    }
    DataType operand = TypeCoercion.widerNumeric(lp, rp);
    if (operand instanceof DecimalType) {
      DecimalType a = TypeCoercion.asDecimal(l, lp, rt);
      DecimalType b = TypeCoercion.asDecimal(r, rp, lt);
      return new BinaryArithmetic(op, castTo(l, a), castTo(r, b), TypeCoercion.decimalResult(op, a, b));
    }
    if (op == Op.DIVIDE) {
      operand = DataTypes.DOUBLE;
    }
    return new BinaryArithmetic(op, castTo(l, operand), castTo(r, operand), operand);
  }

  /**
   * Spark's rewrite of {@code date + n}, {@code n + date} and {@code date - n} (n an int or bigint) into
   * {@code date_add} / {@code date_sub}; null when the operands are not of that shape.
   */
  private static Expression dateArithmetic(Op op, Expression l, Expression r) {
    boolean lDate = l.dataType() instanceof DateType;
    boolean rDate = r.dataType() instanceof DateType;
    if (op == Op.ADD && lDate && isIntegral(r.dataType())) {
      return FunctionRegistry.standard().build("date_add", List.of(l, r));
    }
    if (op == Op.ADD && rDate && isIntegral(l.dataType())) {
      return FunctionRegistry.standard().build("date_add", List.of(r, l));
    }
    if (op == Op.SUBTRACT && lDate && isIntegral(r.dataType())) {
      return FunctionRegistry.standard().build("date_sub", List.of(l, r));
    }
    return null;
  }

  private static boolean isIntegral(DataType t) {
    return t instanceof IntegerType || t instanceof LongType;
  }

  private static boolean isArithmeticInput(DataType t) {
    return t.isNumeric() || t instanceof StringType || t instanceof NullType;
  }

  /** The numeric type {@code t} takes in arithmetic next to {@code other}, or null when it cannot. */
  private static DataType promoteForArithmetic(DataType t, DataType other) {
    if (t.isNumeric()) {
      return other.isNumeric() || other instanceof StringType || other instanceof NullType ? t : null;
    }
    if (t instanceof NullType) {
      if (other.isNumeric()) {
        return other;
      }
      return other instanceof NullType || other instanceof StringType ? DataTypes.DOUBLE : null;
    }
    if (t instanceof StringType) {
      if (other instanceof IntegerType || other instanceof LongType) {
        return DataTypes.LONG;
      }
      return other.isNumeric() || other instanceof StringType || other instanceof NullType ? DataTypes.DOUBLE : null;
    }
    return null;
  }

  public static Expression equalTo(Expression l, Expression r) {
    return comparison(Comparison.Op.EQ, l, r);
  }

  public static Expression notEqual(Expression l, Expression r) {
    return comparison(Comparison.Op.NE, l, r);
  }

  public static Expression lessThan(Expression l, Expression r) {
    return comparison(Comparison.Op.LT, l, r);
  }

  public static Expression lessThanOrEqual(Expression l, Expression r) {
    return comparison(Comparison.Op.LE, l, r);
  }

  public static Expression greaterThan(Expression l, Expression r) {
    return comparison(Comparison.Op.GT, l, r);
  }

  public static Expression greaterThanOrEqual(Expression l, Expression r) {
    return comparison(Comparison.Op.GE, l, r);
  }

  /** {@code l <=> r}: equality where null equals null; never null. */
  public static Expression nullSafeEqual(Expression l, Expression r) {
    return comparison(Comparison.Op.NULL_SAFE_EQ, l, r);
  }

  private static Expression comparison(Comparison.Op op, Expression l, Expression r) {
    DataType t = TypeCoercion.comparisonType(l.dataType(), r.dataType());
    if (t == null || t instanceof StructType) {
      String sql = "(" + l.sql() + " " + op.symbol() + " " + r.sql() + ")";
      throw new AnalysisException("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
          mismatch(sql, "the left and right operands of the binary operator have incompatible types ("
              + ExpressionErrors.sqlType(l.dataType()) + " and " + ExpressionErrors.sqlType(r.dataType()) + ")."));
    }
    return new Comparison(op, castTo(l, t), castTo(r, t));
  }

  /** SQL's three-valued {@code l AND r}. */
  public static Expression and(Expression l, Expression r) {
    String sql = "(" + l.sql() + " AND " + r.sql() + ")";
    return new And(booleanOperand(l, sql, 1), booleanOperand(r, sql, 2));
  }

  /** SQL's three-valued {@code l OR r}. */
  public static Expression or(Expression l, Expression r) {
    String sql = "(" + l.sql() + " OR " + r.sql() + ")";
    return new Or(booleanOperand(l, sql, 1), booleanOperand(r, sql, 2));
  }

  public static Expression not(Expression e) {
    return new Not(booleanOperand(e, "(NOT " + e.sql() + ")", 1));
  }

  private static Expression booleanOperand(Expression e, String sql, int position) {
    DataType t = e.dataType();
    if (t instanceof BooleanType) {
      return e;
    }
    if (t instanceof NullType) {
      return castTo(e, DataTypes.BOOLEAN);
    }
    throw unexpectedType(sql, position, "BOOLEAN", e);
  }

  public static Expression isNull(Expression e) {
    return new IsNull(e, false);
  }

  public static Expression isNotNull(Expression e) {
    return new IsNull(e, true);
  }

  /**
   * {@code value IN (list)}; all are cast to the type they can be compared as. An empty list is false
   * for every row, null values included (Spark's {@code spark.sql.legacy.nullInEmptyListBehavior=false}).
   */
  public static Expression in(Expression value, List<Expression> list) {
    if (list.isEmpty()) {
      return new In(value, List.of());
    }
    DataType t = value.dataType();
    for (Expression e : list) {
      DataType next = t == null ? null : TypeCoercion.comparisonType(t, e.dataType());
      if (next == null || next instanceof StructType) {
        StringBuilder types = new StringBuilder("[").append(value.dataType().simpleString());
        for (Expression x : list) {
          types.append(", ").append(x.dataType().simpleString());
        }
        String sql = new In(value, list).sql();
        throw new AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
            mismatch(sql, "Input to `in` should all be the same type, but it's " + types + "]."));
      }
      t = next;
    }
    List<Expression> cast = new ArrayList<>(list.size());
    for (Expression e : list) {
      cast.add(castTo(e, t));
    }
    return new In(castTo(value, t), cast);
  }

  /** {@code lo <= e AND e <= hi}, as Spark's {@code between}. */
  public static Expression between(Expression e, Expression lo, Expression hi) {
    return and(greaterThanOrEqual(e, lo), lessThanOrEqual(e, hi));
  }

  /**
   * {@code CAST(e AS to)}.
   *
   * @throws AnalysisException {@code DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION} when Spark cannot cast the pair
   */
  public static Expression cast(Expression e, DataType to) {
    if (!Cast.canCast(e.dataType(), to)) {
      throw Cast.cannotCast(e, to);
    }
    return new Cast(e, to);
  }

  /**
   * {@code CASE WHEN conditions[i] THEN values[i] ... ELSE elseValue END}; {@code elseValue} may be null.
   * Conditions must be boolean; the values are cast to their common type.
   */
  public static Expression caseWhen(List<Expression> conditions, List<Expression> values, Expression elseValue) {
    if (conditions.isEmpty() || conditions.size() != values.size()) {
      throw new AnalysisException("WRONG_NUM_ARGS",
          "CASE WHEN needs one value per condition and at least one condition; got " + conditions.size()
              + " conditions and " + values.size() + " values.");
    }
    List<DataType> types = new ArrayList<>();
    for (Expression v : values) {
      types.add(v.dataType());
    }
    if (elseValue != null) {
      types.add(elseValue.dataType());
    }
    CaseWhen unresolved = new CaseWhen(conditions, values, elseValue, DataTypes.NULL);
    DataType t = TypeCoercion.commonType(types);
    if (t == null) {
      throw new AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
          mismatch(unresolved.sql(), "Input to `casewhen` should all be the same type, but it's "
              + typeList(types) + "."));
    }
    List<Expression> conds = new ArrayList<>();
    for (int k = 0; k < conditions.size(); k++) {
      Expression c = conditions.get(k);
      if (!(c.dataType() instanceof BooleanType) && !(c.dataType() instanceof NullType)) {
        throw new AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            mismatch(unresolved.sql(), "Parameter " + (2 * k + 1) + " requires the \"BOOLEAN\" type, however \""
                + c.sql() + "\" has the type " + ExpressionErrors.sqlType(c.dataType()) + "."));
      }
      conds.add(castTo(c, DataTypes.BOOLEAN));
    }
    List<Expression> vals = new ArrayList<>();
    for (Expression v : values) {
      vals.add(castTo(v, t));
    }
    return new CaseWhen(conds, vals, elseValue == null ? null : castTo(elseValue, t), t);
  }

  /** The first non-null argument; arguments are cast to their common type. */
  public static Expression coalesce(List<Expression> args) {
    if (args.isEmpty()) {
      throw FunctionRegistry.wrongNumArgs("coalesce", "> 0", 0);
    }
    List<Expression> cast = castToCommon("coalesce", args);
    return new Coalesce(cast, cast.get(0).dataType());
  }

  /** {@code args} cast to their common type, or {@code DATATYPE_MISMATCH.DATA_DIFF_TYPES} naming {@code function}. */
  static List<Expression> castToCommon(String function, List<Expression> args) {
    List<DataType> types = new ArrayList<>();
    for (Expression a : args) {
      types.add(a.dataType());
    }
    DataType t = TypeCoercion.commonType(types);
    if (t == null) {
      throw new AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
          mismatch(callSql(function, args), "Input to `" + function + "` should all be the same type, but it's "
              + typeList(types) + "."));
    }
    List<Expression> out = new ArrayList<>();
    for (Expression a : args) {
      out.add(castTo(a, t));
    }
    return out;
  }

  /** {@code e} itself when it has type {@code t}; else an implicit cast (a typed null literal for a null literal). */
  static Expression castTo(Expression e, DataType t) {
    if (e.dataType().equals(t)) {
      return e;
    }
    if (e instanceof Literal lit && lit.value() == null) {
      return new Literal(null, t);
    }
    return new Cast(e, t, true);
  }

  /** True when {@code e} can be computed once before the query runs: deterministic and built from literals only. */
  public static boolean isFoldable(Expression e) {
    if (e instanceof Literal) {
      return true;
    }
    List<Expression> children = e.children();
    if (children.isEmpty() || !e.foldable()) {
      return false;
    }
    for (Expression c : children) {
      if (!isFoldable(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An equivalent tree in which every foldable subtree is replaced by its value as a {@link Literal}. A
   * subtree whose evaluation fails (for example {@code 1 / 0} under ANSI) is kept, so that the error is
   * raised only if a row actually reaches it.
   */
  public static Expression foldConstants(Expression e, EvalContext ctx) {
    if (e instanceof Literal) {
      return e;
    }
    List<Expression> children = e.children();
    List<Expression> folded = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression c : children) {
      Expression f = foldConstants(c, ctx);
      changed |= f != c;
      folded.add(f);
    }
    Expression current = changed ? e.withChildren(folded) : e;
    if (!isFoldable(current)) {
      return current;
    }
    try {
      Batch one = new Batch(new StructType(List.of()), new ColumnVector[0], 1);
      return new Literal(current.evaluate(one, ctx).get(0), current.dataType());
    } catch (EmberException failure) {
      return current;
    }
  }

  static String mismatch(String sql, String reason) {
    return "Cannot resolve \"" + sql + "\" due to data type mismatch: " + reason;
  }

  static AnalysisException unexpectedType(String sql, int position, String required, Expression e) {
    return new AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        mismatch(sql, "Parameter " + position + " requires the \"" + required + "\" type, however \"" + e.sql()
            + "\" has the type " + ExpressionErrors.sqlType(e.dataType()) + "."));
  }

  static String callSql(String function, List<Expression> args) {
    StringBuilder sb = new StringBuilder(function).append('(');
    for (int k = 0; k < args.size(); k++) {
      sb.append(k > 0 ? ", " : "").append(args.get(k).sql());
    }
    return sb.append(')').toString();
  }

  private static String typeList(List<DataType> types) {
    StringBuilder sb = new StringBuilder("(");
    for (int k = 0; k < types.size(); k++) {
      sb.append(k > 0 ? " or " : "").append(ExpressionErrors.sqlType(types.get(k)));
    }
    return sb.append(')').toString();
  }

  /** True for the types arithmetic can produce without a decimal: int, bigint, double. */
  static boolean isPrimitiveNumeric(DataType t) {
    return t instanceof IntegerType || t instanceof LongType || t instanceof DoubleType;
  }
}
