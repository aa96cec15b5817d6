package io.ember.connectors.file.csv;

import io.ember.core.text.Temporal;
import io.ember.connectors.file.Utf8;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DateType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.StringType;
import io.ember.core.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts one CSV field (a char slice) to a column's type in two steps, so that a record can be checked
 * whole before anything is appended: {@link #parse} validates and keeps the value, {@link #append} adds it
 * (or null) to the builder. Numbers never go through strings or boxes.
 */
abstract class FieldConverter {
  boolean isNull;

  /** Parses the slice; false when it does not convert (the record is malformed). */
  abstract boolean parse(char[] c, int off, int len);

  abstract void appendValue(VectorBuilder b);

  final void setNull() {
    isNull = true;
  }

  final void append(VectorBuilder b) {
    if (isNull) {
      b.appendNull();
    } else {
      appendValue(b);
    }
  }

  /** A converter for {@code type}; throws for types CSV cannot hold (arrays, structs). */
  static FieldConverter forType(DataType type, CsvOptions o, Temporal t, Utf8 utf8) {
    if (type instanceof StringType) {
      return new Str(utf8);
    } else if (type instanceof IntegerType) {
      return new Int();
    } else if (type instanceof LongType) {
      return new Lng();
    } else if (type instanceof DoubleType) {
      return new Dbl(o);
    } else if (type instanceof BooleanType) {
      return new Bool();
    } else if (type instanceof DateType) {
      return new Date(t);
    } else if (type instanceof TimestampType) {
      return new Timestamp(t);
    } else if (type instanceof DecimalType dt) {
      return new Dec(dt);
    }
    throw new io.ember.core.errors.AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
        "The CSV datasource doesn't support the column of the type \"" + type.simpleString() + "\".");
  }

  static final class Str extends FieldConverter {
    private final Utf8 utf8;
    private char[] c;
    private int off;
    private int len;

    Str(Utf8 utf8) {
      this.utf8 = utf8;
    }

    @Override
    boolean parse(char[] c, int off, int len) {
      this.c = c;
      this.off = off;
      this.len = len;
      isNull = false;
      return true;
    }

    /** Holds a string that is not in the field buffer (the emptyValue). */
    void setText(String s) {
      this.c = s.toCharArray();
      this.off = 0;
      this.len = c.length;
      isNull = false;
    }

    @Override
    void appendValue(VectorBuilder b) {
      utf8.append((VectorBuilder.Strings) b, c, off, len);
    }
  }

  static final class Int extends FieldConverter {
    private final boolean[] ok = new boolean[1];
    private int value;

    @Override
    boolean parse(char[] c, int off, int len) {
      long v = CharNumbers.parseLong(c, off, len, ok);
      if (!ok[0] || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        return false;
      }
      value = (int) v;
      isNull = false;
      return true;
    }

    @Override
    void appendValue(VectorBuilder b) {
      ((VectorBuilder.Ints) b).appendInt(value);
    }
  }

  static final class Lng extends FieldConverter {
    private final boolean[] ok = new boolean[1];
    private long value;

    @Override
    boolean parse(char[] c, int off, int len) {
      value = CharNumbers.parseLong(c, off, len, ok);
      isNull = false;
      return ok[0];
    }

    @Override
    void appendValue(VectorBuilder b) {
      ((VectorBuilder.Longs) b).appendLong(value);
    }
  }

  static final class Dbl extends FieldConverter {
    private final CsvOptions o;
    private final boolean[] ok = new boolean[1];
    private double value;

    Dbl(CsvOptions o) {
      this.o = o;
    }

    @Override
    boolean parse(char[] c, int off, int len) {
      isNull = false;
      if (CharNumbers.equals(c, off, len, o.nanValue())) {
        value = Double.NaN;
        return true;
      } else if (CharNumbers.equals(c, off, len, o.positiveInf())) {
        value = Double.POSITIVE_INFINITY;
        return true;
      } else if (CharNumbers.equals(c, off, len, o.negativeInf())) {
        value = Double.NEGATIVE_INFINITY;
        return true;
      }
      value = CharNumbers.parseDouble(c, off, len, ok);
      return ok[0];
    }

    @Override
    void appendValue(VectorBuilder b) {
      ((VectorBuilder.Doubles) b).appendDouble(value);
    }
  }

  static final class Bool extends FieldConverter {
    private boolean value;

    @Override
    boolean parse(char[] c, int off, int len) {
      int v = CharNumbers.parseBoolean(c, off, len);
      value = v == 1;
      isNull = false;
      return v >= 0;
    }

    @Override
    void appendValue(VectorBuilder b) {
      ((VectorBuilder.Booleans) b).appendBoolean(value);
    }
  }

  static final class Date extends FieldConverter {
    private final Temporal t;
    private int value;

    Date(Temporal t) {
      this.t = t;
    }

    @Override
    boolean parse(char[] c, int off, int len) {
      long d = t.hasDateFormat() ? Temporal.FAIL : Temporal.isoDate(c, off, len);
      if (d == Temporal.FAIL) {
        d = t.parseDate(new String(c, off, len));
      }
      isNull = false;
      value = (int) d;
      return d != Temporal.FAIL && d == (int) d;
    }

    @Override
    void appendValue(VectorBuilder b) {
      ((VectorBuilder.Ints) b).appendInt(value);
    }
  }

  static final class Timestamp extends FieldConverter {
    private final Temporal t;
    private long value;

    Timestamp(Temporal t) {
      this.t = t;
    }

    @Override
    boolean parse(char[] c, int off, int len) {
      value = t.parseTimestamp(new String(c, off, len));
      isNull = false;
      return value != Temporal.FAIL;
    }

    @Override
    void appendValue(VectorBuilder b) {
      ((VectorBuilder.Longs) b).appendLong(value);
    }
  }

  static final class Dec extends FieldConverter {
    private final DecimalType type;
    private BigDecimal value;

    Dec(DecimalType type) {
      this.type = type;
    }

    @Override
    boolean parse(char[] c, int off, int len) {
      isNull = false;
      try {
        BigDecimal d = new BigDecimal(c, off, len).setScale(type.scale(), RoundingMode.HALF_UP);
        value = d;
        return d.precision() <= type.precision();
      } catch (NumberFormatException | ArithmeticException e) {
        return false;
      }
    }

    @Override
    void appendValue(VectorBuilder b) {
      b.append(value);
    }
  }
}
