package io.ember.api.sql;

import io.ember.api.internal.Literals;
import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Spark's typed numeric literals (sql-ref-literals), which the parser does not know: {@code 10L} (bigint),
 * {@code 10S} (smallint), {@code 10Y} (tinyint), {@code 1.5D} or {@code 1e3D} (double), {@code 1.5F} (float) and
 * {@code 1.5BD} (decimal), suffixes in any case. {@link #rewrite} blanks each suffix that directly follows a number
 * (outside strings, quoted names and comments, and not inside a word such as {@code t1L}) so that every position
 * in the text stays where it was, and remembers the suffix by the position of the number's last character; the
 * translator then asks {@link #typed} for the literal the parsed number stands for. Without this the parser reads
 * {@code SELECT 1.5D} as {@code 1.5 AS D}.
 *
 * <p>Ember has no smallint, tinyint or float types: {@code S} and {@code Y} literals are checked against Spark's
 * ranges and become int, {@code F} literals are checked against float's range and become double.
 */
final class TypedLiterals {
  /** A literal suffix and the type it gives. */
  enum Suffix {
    BIGINT("bigint"), SMALLINT("smallint"), TINYINT("tinyint"), DOUBLE("double"), FLOAT("float"), DECIMAL("decimal");

    final String typeName;

    Suffix(String typeName) {
      this.typeName = typeName;
    }
  }

  private final Map<Long, Suffix> suffixes;

  private TypedLiterals(Map<Long, Suffix> suffixes) {
    this.suffixes = suffixes;
  }

  /** No typed literals (text that was not rewritten). */
  static final TypedLiterals NONE = new TypedLiterals(Map.of());

  /** SQL text with its literal suffixes blanked, and which numbers had which. */
  record Rewritten(String sql, TypedLiterals literals) {}

  static Rewritten rewrite(String sql) {
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    Map<Long, Suffix> found = new HashMap<>();
    int n = sql.length();
    while (words.next()) {
      int i = words.start();
      char c = words.first();
      boolean startsNumber = Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)));
      if (!startsNumber || (i > 0 && (SqlParsing.isWordChar(sql.charAt(i - 1)) || sql.charAt(i - 1) == '.'))) {
        continue;
      }
      int end = numberEnd(sql, i);
      boolean integral = true;
      for (int k = i; k < end; k++) {
        integral &= Character.isDigit(sql.charAt(k));
      }
      int wordEnd = end;
      while (wordEnd < n && SqlParsing.isWordChar(sql.charAt(wordEnd))) {
        wordEnd++;
      }
      Suffix suffix = suffix(sql.substring(end, wordEnd).toLowerCase(Locale.ROOT), integral);
      if (suffix != null) {
        edits.blank(end, wordEnd);
        found.put(TextPositions.ofOffset(sql, end - 1), suffix);
      }
      words.resumeAt(wordEnd);
    }
    return edits.changed() ? new Rewritten(edits.apply(), new TypedLiterals(found)) : new Rewritten(sql, NONE);
  }

  /** The end of the number starting at {@code i}: digits, an optional fraction and an optional exponent. */
  private static int numberEnd(String sql, int i) {
    int n = sql.length();
    int j = i;
    while (j < n && Character.isDigit(sql.charAt(j))) {
      j++;
    }
    if (j < n && sql.charAt(j) == '.') {
      j++;
      while (j < n && Character.isDigit(sql.charAt(j))) {
        j++;
      }
    }
    if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
      int k = j + 1;
      if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
        k++;
      }
      if (k < n && Character.isDigit(sql.charAt(k))) {
        while (k < n && Character.isDigit(sql.charAt(k))) {
          k++;
        }
        j = k;
      }
    }
    return j;
  }

  /** The suffix {@code word} names after a number ({@code L}, {@code S}, {@code Y} only after digits alone). */
  private static Suffix suffix(String word, boolean integral) {
    return switch (word) {
      case "l" -> integral ? Suffix.BIGINT : null;
      case "s" -> integral ? Suffix.SMALLINT : null;
      case "y" -> integral ? Suffix.TINYINT : null;
      case "d" -> Suffix.DOUBLE;
      case "f" -> Suffix.FLOAT;
      case "bd" -> Suffix.DECIMAL;
      default -> null;
    };
  }

  /**
   * The typed literal {@code n} (negated when a unary minus precedes it) stands for, or null when it had no
   * suffix.
   *
   * @throws AnalysisException {@code INVALID_NUMERIC_LITERAL_RANGE} for a value outside its type's range, and
   *     {@code DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION} for a decimal of more than 38 digits
   */
  LogicalExpr typed(SqlNumericLiteral n, boolean negate) {
    if (suffixes.isEmpty()) {
      return null;
    }
    SqlParserPos pos = n.getParserPosition();
    Suffix suffix = suffixes.get(TextPositions.key(pos.getEndLineNum(), pos.getEndColumnNum()));
    if (suffix == null) {
      return null;
    }
    BigDecimal v = n.getValueAs(BigDecimal.class);
    v = negate ? v.negate() : v;
    return switch (suffix) {
      case BIGINT -> Literals.of(inRange(v, suffix, Long.MIN_VALUE, Long.MAX_VALUE).longValueExact());
      case SMALLINT -> Literals.of(inRange(v, suffix, Short.MIN_VALUE, Short.MAX_VALUE).intValueExact());
      case TINYINT -> Literals.of(inRange(v, suffix, Byte.MIN_VALUE, Byte.MAX_VALUE).intValueExact());
      case DOUBLE -> Literals.of(inRange(v, suffix, Double.MAX_VALUE).doubleValue());
      case FLOAT -> Literals.of(inRange(v, suffix, Float.MAX_VALUE).doubleValue());
      case DECIMAL -> Literals.of(decimal(v));
    };
  }

  private static BigDecimal inRange(BigDecimal v, Suffix s, long min, long max) {
    if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw outOfRange(v, s, String.valueOf(min), String.valueOf(max));
    }
    return v;
  }

  private static BigDecimal inRange(BigDecimal v, Suffix s, double max) {
    BigDecimal limit = new BigDecimal(max);
    if (v.abs().compareTo(limit) > 0) {
      String m = s == Suffix.FLOAT ? Float.toString((float) max) : Double.toString(max);
      throw outOfRange(v, s, "-" + m.replace("E", "E+"), m.replace("E", "E+"));
    }
    return v;
  }

  private static AnalysisException outOfRange(BigDecimal v, Suffix s, String min, String max) {
    return new AnalysisException("INVALID_NUMERIC_LITERAL_RANGE", "Numeric literal " + v.toPlainString()
        + " is outside the valid range for " + s.typeName + " with minimum value of " + min
        + " and maximum value of " + max + ". Please adjust the value accordingly.");
  }

  /** The decimal of {@code v}'s own digits (a negative scale, as of {@code 1e3BD}, widened to scale 0). */
  private static BigDecimal decimal(BigDecimal v) {
    BigDecimal d = v.scale() < 0 ? v.setScale(0) : v;
    int precision = Math.max(d.precision(), d.scale());
    if (precision > 38) {
      throw new AnalysisException("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
          "Decimal precision " + precision + " exceeds max precision 38.");
    }
    return d;
  }
}
