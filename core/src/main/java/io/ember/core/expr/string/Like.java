package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL {@code str LIKE pattern [ESCAPE escape]}: {@code %} matches any sequence, {@code _} any one
 * character, {@code escape} (default backslash) makes the next wildcard or escape literal; the whole
 * string must match. A literal pattern whose only wildcard is {@code %} ({@code 'abc%'},
 * {@code '%abc%'}, {@code 'a%b%c'}) is matched on the UTF-8 bytes; others go through a cached regex.
 * Null in, null out.
 */
public record Like(Expression str, Expression pattern, char escape) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return str.nullable() || pattern.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(str, pattern);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new Like(c.get(0), c.get(1), escape);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    String constant = FunctionArgs.constantString(pattern);
    List<byte[]> segments = constant == null ? null : percentSegments(constant, escape);
    if (segments == null) {
      return RowEval.map(input, context, children(), DataTypes.BOOLEAN,
          v -> Regexes.like((String) v[1], escape).matcher((String) v[0]).matches());
    }
    StringVector s = (StringVector) str.evaluate(input, context);
    int n = input.numRows();
    boolean[] out = new boolean[n];
    boolean leading = constant.startsWith("%");
    boolean trailing = constant.endsWith("%");
    for (int i = 0; i < n; i++) {
      if (!s.isNull(i)) {
        out[i] = matches(s.bytes(), s.start(i), s.start(i) + s.byteLength(i), segments, leading, trailing);
      }
    }
    boolean[] nulls = s.nullMask() == null ? null : java.util.Arrays.copyOf(s.nullMask(), n);
    return new BooleanVector(out, nulls, n);
  }

  /** The literal runs between {@code %}s, or null when the pattern has {@code _} or the escape character. */
  static List<byte[]> percentSegments(String pattern, char escape) {
    if (pattern.indexOf('_') >= 0 || pattern.indexOf(escape) >= 0) {
      return null;
    }
    List<byte[]> segments = new ArrayList<>();
    for (String part : pattern.split("%", -1)) {
      if (!part.isEmpty()) {
        segments.add(part.getBytes(StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static boolean matches(byte[] b, int from, int to, List<byte[]> segments, boolean leading, boolean trailing) {
    if (segments.isEmpty()) {
      return leading || from == to; // '%', '%%' match anything; '' matches only the empty string
    }
    int pos = from;
    int last = segments.size() - 1;
    for (int k = 0; k <= last; k++) {
      byte[] seg = segments.get(k);
      if (k == 0 && !leading) {
        if (seg.length > to - pos || !Utf8.regionEquals(b, pos, seg, 0, seg.length)) {
          return false;
        }
        pos += seg.length;
      } else if (k == last && !trailing) {
        int at = to - seg.length;
        return at >= pos && Utf8.regionEquals(b, at, seg, 0, seg.length);
      } else {
        int at = Utf8.indexOf(b, pos, to, seg, 0, seg.length, pos);
        if (at < 0) {
          return false;
        }
        pos = at + seg.length;
      }
    }
    return trailing || pos == to;
  }

  @Override
  public String sql() {
    String base = str.sql() + " LIKE " + pattern.sql();
    return escape == '\\' ? base : base + " ESCAPE '" + escape + "'";
  }
}
