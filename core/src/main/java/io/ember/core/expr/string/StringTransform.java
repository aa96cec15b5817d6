package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;
import java.util.Locale;

/**
 * A string-to-string function of one argument: {@code upper}, {@code lower}, {@code trim},
 * {@code ltrim}, {@code rtrim}, {@code reverse}, {@code initcap}. Null in, null out. ASCII rows of
 * upper/lower and all trims work on the UTF-8 bytes without decoding.
 */
public record StringTransform(Op op, Expression child) implements Expression {
  /** The transformation; trims remove the space character U+0020 only, as Spark's. */
  public enum Op {
    UPPER("upper"), LOWER("lower"), TRIM("trim"), LTRIM("ltrim"), RTRIM("rtrim"), REVERSE("reverse"),
    INITCAP("initcap");

    final String sqlName;

    Op(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  @Override
  public DataType dataType() {
    return DataTypes.STRING;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new StringTransform(op, newChildren.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector in = (StringVector) child.evaluate(input, context);
    int n = input.numRows();
    VectorBuilder.Strings out = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
    byte[] bytes = in.bytes();
    byte[] scratch = new byte[64];
    for (int i = 0; i < n; i++) {
      if (in.isNull(i)) {
        out.appendNull();
        continue;
      }
      int from = in.start(i);
      int to = from + in.byteLength(i);
      switch (op) {
        case TRIM, LTRIM, RTRIM -> trim(bytes, from, to, out);
        case UPPER, LOWER -> {
          if (Utf8.isAscii(bytes, from, to)) {
            scratch = asciiCase(bytes, from, to, scratch, op == Op.UPPER);
            out.appendUtf8(scratch, 0, to - from);
          } else {
            out.appendString(slow(in.getString(i)));
          }
        }
        default -> out.appendString(slow(in.getString(i)));
      }
    }
    return out.build();
  }

  private void trim(byte[] bytes, int from, int to, VectorBuilder.Strings out) {
    if (op != Op.RTRIM) {
      while (from < to && bytes[from] == ' ') {
        from++;
      }
    }
    if (op != Op.LTRIM) {
      while (to > from && bytes[to - 1] == ' ') {
        to--;
      }
    }
    out.appendUtf8(bytes, from, to - from);
  }

  private static byte[] asciiCase(byte[] bytes, int from, int to, byte[] scratch, boolean upper) {
    int len = to - from;
    byte[] buf = scratch.length >= len ? scratch : new byte[Math.max(len, scratch.length * 2)];
    for (int k = 0; k < len; k++) {
      byte b = bytes[from + k];
      if (upper && b >= 'a' && b <= 'z') {
        b -= 32;
      } else if (!upper && b >= 'A' && b <= 'Z') {
        b += 32;
      }
      buf[k] = b;
    }
    return buf;
  }

  private String slow(String s) {
    return switch (op) {
      case UPPER -> s.toUpperCase(Locale.ROOT);
      case LOWER -> s.toLowerCase(Locale.ROOT);
      case REVERSE -> new StringBuilder(s).reverse().toString();
      case INITCAP -> initcap(s);
      default -> throw new IllegalStateException(op.name());
    };
  }

  /** Spark's initcap: lower-cases everything, then title-cases the first letter and each letter after a space. */
  static String initcap(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    boolean start = true;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      sb.appendCodePoint(start ? Character.toTitleCase(cp) : cp);
      start = cp == ' ';
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  @Override
  public String sql() {
    return op.sqlName + "(" + child.sql() + ")";
  }
}
