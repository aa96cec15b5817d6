package io.ember.api.sql;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.data.IntervalFormat;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.datetime.AnsiIntervals;
import io.ember.core.types.DataType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.YearMonthIntervalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;

/**
 * Spark's ANSI interval literals in SQL text. The parser reads {@code INTERVAL '1' HOUR}, {@code INTERVAL 10
 * MINUTES}, {@code INTERVAL -'1' DAY} and {@code INTERVAL '1 02:00:00' DAY TO SECOND}; this class types what it
 * read ({@link #literal(SqlIntervalLiteral)}, {@link #call(SqlCall)}). Spark's multi-unit form ({@code interval 1
 * day 2 hours}) and the units the parser lacks ({@code milliseconds}, {@code microseconds}) are first rewritten
 * by {@link #rewrite(String)} into the equivalent from-to literal, the one Spark itself prints for the value
 * ({@code INTERVAL '1 02' DAY TO HOUR}), which the parser then reads like any other.
 */
final class IntervalLiterals {
  private static final Set<String> UNITS = Set.of("year", "month", "week", "day", "hour", "minute", "second",
      "millisecond", "microsecond");
  /** One unit-value pair: a number, optionally signed, optionally in single quotes; then a unit word. */
  private static final Pattern PAIR = Pattern.compile(
      "\\s+('[+-]?\\d+(?:\\.\\d*)?'|[+-]?\\s*\\d+(?:\\.\\d*)?)\\s+([A-Za-z]+)\\b");

  private IntervalLiterals() {}

  /**
   * {@code sql} with each multi-unit interval literal (outside strings, quoted names and comments) replaced by
   * its from-to form; other text unchanged.
   *
   * @throws AnalysisException {@code INVALID_INTERVAL_FORMAT.*} for a literal that mixes year-month and day-time
   *     units or is out of range
   */
  static String rewrite(String sql) {
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    while (words.next()) {
      if (words.isLetterWord() && words.is("interval")) {
        int[] span = new int[1];
        String replacement = multiUnit(sql, words.end(), span);
        if (replacement != null) {
          edits.replace(words.start(), span[0], replacement);
          words.resumeAt(span[0]);
        }
      }
    }
    return edits.apply();
  }

  /**
   * The from-to literal for the unit-value pairs from {@code from}, when there are several or a unit the parser
   * lacks; null otherwise. {@code span[0]} receives the index after the pairs.
   */
  private static String multiUnit(String sql, int from, int[] span) {
    List<String> pairs = new ArrayList<>();
    boolean unusualUnit = false;
    int at = from;
    Matcher m = PAIR.matcher(sql);
    while (m.find(at) && m.start() == at) {
      String unit = m.group(2).toLowerCase(Locale.ROOT);
      String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
      if (!UNITS.contains(singular)) {
        break;
      }
      unusualUnit |= singular.equals("millisecond") || singular.equals("microsecond");
      pairs.add(m.group(1).replace("'", "").replaceAll("\\s+", "") + " " + unit);
      at = m.end();
    }
    if (pairs.isEmpty() || pairs.size() == 1 && !unusualUnit) {
      return null;
    }
    span[0] = at;
    return format(AnsiIntervals.unitValues(String.join(" ", pairs)));
  }

  private static String format(AnsiIntervals.Value v) {
    return v.type() instanceof DayTimeIntervalType dt ? IntervalFormat.dayTime(v.value(), dt)
        : IntervalFormat.yearMonth((int) v.value(), (YearMonthIntervalType) v.type());
  }

  /** {@code INTERVAL [-]'value' UNIT [TO UNIT]}, typed as Spark types it. */
  static LogicalExpr.LiteralValue literal(SqlIntervalLiteral lit) {
    SqlIntervalLiteral.IntervalValue iv = lit.getValueAs(SqlIntervalLiteral.IntervalValue.class);
    SqlIntervalQualifier q = iv.getIntervalQualifier();
    boolean negative = iv.getSign() < 0;
    String value = iv.getIntervalLiteral();
    TimeUnit start = q.getStartUnit();
    TimeUnit end = q.getEndUnit();
    AnsiIntervals.Value v;
    if (end == null || end == start) {
      v = AnsiIntervals.unitValues(value.trim() + " " + unitName(start, lit));
      if (negative) {
        v = negate(v, value);
      }
    } else {
      v = AnsiIntervals.fromTo(value, negative, unitName(start, lit), unitName(end, lit));
    }
    return new LogicalExpr.LiteralValue(v.javaValue(), v.type());
  }

  /** {@code INTERVAL 10 MINUTES} (an unquoted number), which the parser reads as a call of {@code INTERVAL}. */
  static LogicalExpr.LiteralValue call(SqlCall call) {
    SqlNode number = call.operand(0);
    SqlIntervalQualifier q = (SqlIntervalQualifier) call.operand(1);
    boolean negative = false;
    if (number instanceof SqlCall sign
        && (sign.getKind() == SqlKind.MINUS_PREFIX || sign.getKind() == SqlKind.PLUS_PREFIX)) {
      negative = sign.getKind() == SqlKind.MINUS_PREFIX;
      number = sign.operand(0);
    }
    if (!(number instanceof SqlNumericLiteral n)) {
      throw new AnalysisException("INVALID_INTERVAL_FORMAT.INVALID_VALUE",
          "Error parsing interval " + call + ": the value of an interval literal must be a number or a string.");
    }
    if (q.getEndUnit() != null && q.getEndUnit() != q.getStartUnit()) {
      throw new AnalysisException("INVALID_INTERVAL_FORMAT.INVALID_FROM_TO_VALUE",
          "Error parsing interval " + call + ": the value of a from-to interval must be a string, as in INTERVAL '"
              + n.toValue() + "' " + q + ".");
    }
    String text = (negative ? "-" : "") + n.toValue() + " " + unitName(q.getStartUnit(), call);
    AnsiIntervals.Value v = AnsiIntervals.unitValues(text);
    return new LogicalExpr.LiteralValue(v.javaValue(), v.type());
  }

  /** The interval type a {@code CAST(x AS INTERVAL DAY TO SECOND)} names. */
  static DataType type(SqlIntervalQualifier q) {
    TimeUnit start = q.getStartUnit();
    TimeUnit end = q.getEndUnit() == null ? start : q.getEndUnit();
    DataType t = AnsiIntervals.fieldsType(start.name(), end.name());
    if (t == null) {
      throw SqlUnsupported.of("the type INTERVAL " + q);
    }
    return t;
  }

  private static AnsiIntervals.Value negate(AnsiIntervals.Value v, String text) {
    if (v.value() == Long.MIN_VALUE) {
      throw new AnalysisException("INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION",
          "Error parsing '" + text + "' to interval. The interval value is out of range.");
    }
    return new AnsiIntervals.Value(v.type(), -v.value());
  }

  private static String unitName(TimeUnit unit, SqlNode where) {
    String name = unit.name().toLowerCase(Locale.ROOT);
    if (!UNITS.contains(name)) {
      throw SqlUnsupported.of("the interval unit " + unit.name() + " in " + where);
    }
    return name;
  }
}
