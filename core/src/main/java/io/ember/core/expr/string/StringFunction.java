package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string function evaluated row by row ({@link RowEval}): null in any argument gives null. The
 * argument order of each {@link Kind} is stated on it; builders in {@code StringFunctions} check and
 * coerce the arguments first.
 */
public record StringFunction(Kind kind, List<Expression> args) implements Expression {
  public StringFunction {
    args = List.copyOf(args);
  }

  /** The function and its row kernel. */
  public enum Kind {
    /** {@code concat(s...)}. */
    CONCAT("concat", DataTypes.STRING),
    /** {@code (src, trimChars)}: removes leading and trailing characters found in trimChars. */
    TRIM_BOTH("trim", DataTypes.STRING),
    /** {@code (src, trimChars)}. */
    TRIM_LEADING("ltrim", DataTypes.STRING),
    /** {@code (src, trimChars)}. */
    TRIM_TRAILING("rtrim", DataTypes.STRING),
    /** {@code (str, len, pad)}. */
    LPAD("lpad", DataTypes.STRING),
    /** {@code (str, len, pad)}. */
    RPAD("rpad", DataTypes.STRING),
    /** {@code (str, times)}. */
    REPEAT("repeat", DataTypes.STRING),
    /** {@code (src, matching, replace)}. */
    TRANSLATE("translate", DataTypes.STRING),
    /** {@code (str, search, replace)}: every occurrence of search replaced; an empty search changes nothing. */
    REPLACE("replace", DataTypes.STRING),
    /** {@code (str, len)}: the first len characters, empty for len <= 0. */
    LEFT("left", DataTypes.STRING),
    /** {@code (str, len)}: the last len characters, empty for len <= 0. */
    RIGHT("right", DataTypes.STRING),
    /** {@code (str, regex, limit)}: an array of the parts. */
    SPLIT("split", DataTypes.array(DataTypes.STRING)),
    /** {@code (str, regex, replacement, position)}. */
    REGEXP_REPLACE("regexp_replace", DataTypes.STRING),
    /** {@code (str, regex, groupIndex)}. */
    REGEXP_EXTRACT("regexp_extract", DataTypes.STRING),
    /** {@code (str, regex)}: true when the regex matches somewhere in str. */
    RLIKE("RLIKE", DataTypes.BOOLEAN);

    final String sqlName;
    final DataType type;

    Kind(String sqlName, DataType type) {
      this.sqlName = sqlName;
      this.type = type;
    }
  }

  @Override
  public DataType dataType() {
    return kind.type;
  }

  @Override
  public boolean nullable() {
    return args.stream().anyMatch(Expression::nullable);
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new StringFunction(kind, newChildren);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    if (kind == Kind.SPLIT && LiteralSplit.isLiteral(FunctionArgs.constantString(args.get(1)))) {
      ColumnVector strings = args.get(0).evaluate(input, context);
      if (strings instanceof StringVector sv) {
        return LiteralSplit.split((ArrayType) kind.type, sv, FunctionArgs.constantString(args.get(1)),
            args.get(2).evaluate(input, context));
      }
    }
    Pattern literal = literalRegex();
    return RowEval.map(input, context, args, kind.type, v -> apply(v, literal));
  }

  /** The compiled regex when this is a regex function whose pattern is a literal, compiled once per batch. */
  private Pattern literalRegex() {
    boolean regexKind = kind == Kind.SPLIT || kind == Kind.REGEXP_REPLACE || kind == Kind.REGEXP_EXTRACT
        || kind == Kind.RLIKE;
    String constant = regexKind ? FunctionArgs.constantString(args.get(1)) : null;
    return constant == null ? null : Regexes.regex(constant, functionName());
  }

  private Pattern regex(Object pattern, Pattern literal) {
    return literal != null ? literal : Regexes.regex((String) pattern, functionName());
  }

  private String functionName() {
    return kind.sqlName.toLowerCase(java.util.Locale.ROOT);
  }

  private Object apply(Object[] v, Pattern literal) {
    return switch (kind) {
      case CONCAT -> concat(v);
      case TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING -> trimChars((String) v[0], (String) v[1]);
      case LPAD, RPAD -> pad((String) v[0], (Integer) v[1], (String) v[2], kind == Kind.LPAD);
      case REPEAT -> ((Integer) v[1]) <= 0 ? "" : ((String) v[0]).repeat((Integer) v[1]);
      case TRANSLATE -> translate((String) v[0], (String) v[1], (String) v[2]);
      case REPLACE -> ((String) v[1]).isEmpty() ? v[0] : ((String) v[0]).replace((String) v[1], (String) v[2]);
      case LEFT, RIGHT -> leftOrRight((String) v[0], (Integer) v[1], kind == Kind.LEFT);
      case SPLIT -> split((String) v[0], regex(v[1], literal), (Integer) v[2]);
      case REGEXP_REPLACE -> regexpReplace((String) v[0], regex(v[1], literal), (String) v[2], (Integer) v[3]);
      case REGEXP_EXTRACT -> regexpExtract((String) v[0], regex(v[1], literal), (Integer) v[2]);
      case RLIKE -> regex(v[1], literal).matcher((String) v[0]).find();
    };
  }

  private static String concat(Object[] v) {
    StringBuilder sb = new StringBuilder();
    for (Object o : v) {
      sb.append((String) o);
    }
    return sb.toString();
  }

  private String trimChars(String src, String chars) {
    int[] cps = src.codePoints().toArray();
    int from = 0;
    int to = cps.length;
    if (kind != Kind.TRIM_TRAILING) {
      while (from < to && chars.indexOf(cps[from]) >= 0) {
        from++;
      }
    }
    if (kind != Kind.TRIM_LEADING) {
      while (to > from && chars.indexOf(cps[to - 1]) >= 0) {
        to--;
      }
    }
    return new String(cps, from, to - from);
  }

  private static String pad(String str, int len, String pad, boolean left) {
    int[] cps = str.codePoints().toArray();
    int missing = len - cps.length;
    if (missing <= 0 || pad.isEmpty()) {
      return new String(cps, 0, Math.max(0, Math.min(len, cps.length)));
    }
    int[] padCps = pad.codePoints().toArray();
    StringBuilder fill = new StringBuilder();
    for (int k = 0; k < missing; k++) {
      fill.appendCodePoint(padCps[k % padCps.length]);
    }
    return left ? fill + str : str + fill;
  }

  private static String leftOrRight(String str, int len, boolean left) {
    int count = str.codePointCount(0, str.length());
    if (len <= 0) {
      return "";
    }
    if (len >= count) {
      return str;
    }
    return left ? str.substring(0, str.offsetByCodePoints(0, len))
        : str.substring(str.offsetByCodePoints(0, count - len));
  }

  private static String translate(String src, String matching, String replace) {
    Map<Integer, Integer> dict = new HashMap<>();
    int[] from = matching.codePoints().toArray();
    int[] to = replace.codePoints().toArray();
    for (int k = 0; k < from.length; k++) {
      dict.putIfAbsent(from[k], k < to.length ? to[k] : -1);
    }
    StringBuilder sb = new StringBuilder(src.length());
    src.codePoints().forEach(cp -> {
      int r = dict.getOrDefault(cp, cp);
      if (r >= 0) {
        sb.appendCodePoint(r);
      }
    });
    return sb.toString();
  }

  private static List<String> split(String str, Pattern regex, int limit) {
    return Arrays.asList(regex.split(str, limit > 0 ? limit : -1));
  }

  private static String regexpReplace(String str, Pattern regex, String replacement, int position) {
    if (position <= 0) {
      throw new EmberIllegalArgumentException(
          "INVALID_PARAMETER_VALUE.REGEX_POSITION",
          "The value of parameter(s) `position` in `regexp_replace` is invalid: expects a positive"
              + " position, but got " + position + ".");
    }
    int start = position - 1;
    if (start != 0 && start >= str.length()) {
      return str;
    }
    Matcher m = regex.matcher(str);
    m.region(start, str.length());
    StringBuilder sb = new StringBuilder(str.length());
    while (m.find()) {
      m.appendReplacement(sb, replacement);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String regexpExtract(String str, Pattern regex, int idx) {
    Matcher m = regex.matcher(str);
    if (!m.find()) {
      return ""; // as Spark, the group index is only checked once something matched
    }
    int groups = m.groupCount();
    if (idx < 0 || idx > groups) {
      String expectation = idx < 0
          ? "Expects group index must be non-negative, but got " + idx + "."
          : "Expects group index between 0 and " + groups + ", but got " + idx + ".";
      throw new EmberIllegalArgumentException(
          "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
          "The value of parameter(s) `idx` in `regexp_extract` is invalid: " + expectation);
    }
    String g = m.group(idx);
    return g == null ? "" : g;
  }

  @Override
  public String sql() {
    if (kind == Kind.RLIKE) {
      return args.get(0).sql() + " RLIKE " + args.get(1).sql();
    }
    StringJoiner j = new StringJoiner(", ", kind.sqlName + "(", ")");
    for (Expression a : args) {
      j.add(a.sql());
    }
    return j.toString();
  }
}
