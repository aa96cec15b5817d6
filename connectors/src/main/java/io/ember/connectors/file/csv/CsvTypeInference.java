package io.ember.connectors.file.csv;

import io.ember.core.text.Temporal;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;

/**
 * Spark's {@code CSVInferSchema}: a value is tried as int, then bigint, then (integral only) decimal,
 * double, date ({@code dateFormat}, default {@code yyyy-MM-dd}), timestamp, boolean and else string,
 * starting from the type inferred so far; the result is merged with the type so far.
 */
final class CsvTypeInference {
  private final CsvOptions o;
  private final Temporal temporal;
  private final boolean[] ok = new boolean[1];

  CsvTypeInference(CsvOptions o, Temporal temporal) {
    this.o = o;
    this.temporal = temporal;
  }

  DataType infer(DataType soFar, char[] c, int off, int len) {
    DataType found;
    if (soFar instanceof NullType || soFar instanceof IntegerType) {
      found = tryInt(c, off, len);
    } else if (soFar instanceof LongType) {
      found = tryLong(c, off, len);
    } else if (soFar instanceof DecimalType) {
      found = tryDecimal(c, off, len);
    } else if (soFar instanceof DoubleType) {
      found = tryDouble(c, off, len);
    } else if (soFar.equals(DataTypes.DATE)) {
      found = tryDate(c, off, len);
    } else if (soFar.equals(DataTypes.TIMESTAMP)) {
      found = tryTimestamp(c, off, len);
    } else if (soFar.equals(DataTypes.BOOLEAN)) {
      found = tryBoolean(c, off, len);
    } else {
      return DataTypes.STRING;
    }
    return merge(soFar, found);
  }

  private DataType tryInt(char[] c, int off, int len) {
    long v = CharNumbers.parseLong(c, off, len, ok);
    if (ok[0] && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      return DataTypes.INTEGER;
    }
    return tryLong(c, off, len);
  }

  private DataType tryLong(char[] c, int off, int len) {
    CharNumbers.parseLong(c, off, len, ok);
    return ok[0] ? DataTypes.LONG : tryDecimal(c, off, len);
  }

  private DataType tryDecimal(char[] c, int off, int len) {
    if (CharNumbers.isIntegral(c, off, len)) {
      int digits = len - (c[off] == '-' || c[off] == '+' ? 1 : 0);
      int i = off + (len - digits);
      while (digits > 1 && c[i] == '0') {
        digits--;
        i++;
      }
      if (digits <= DecimalType.MAX_PRECISION) {
        return DataTypes.decimal(digits, 0);
      }
    }
    return tryDouble(c, off, len);
  }

  private DataType tryDouble(char[] c, int off, int len) {
    if (CharNumbers.equals(c, off, len, o.nanValue()) || CharNumbers.equals(c, off, len, o.positiveInf())
        || CharNumbers.equals(c, off, len, o.negativeInf())) {
      return DataTypes.DOUBLE;
    }
    CharNumbers.parseDouble(c, off, len, ok);
    return ok[0] ? DataTypes.DOUBLE : tryDate(c, off, len);
  }

  private DataType tryDate(char[] c, int off, int len) {
    if (temporal.hasDateFormat() ? temporal.isInferableDate(new String(c, off, len)) : Temporal.isoDate(c, off, len) != Temporal.FAIL) {
      return DataTypes.DATE;
    }
    return tryTimestamp(c, off, len);
  }

  private DataType tryTimestamp(char[] c, int off, int len) {
    if (temporal.parseTimestamp(new String(c, off, len)) != Temporal.FAIL) {
      return DataTypes.TIMESTAMP;
    }
    return tryBoolean(c, off, len);
  }

  private static DataType tryBoolean(char[] c, int off, int len) {
    return CharNumbers.parseBoolean(c, off, len) >= 0 ? DataTypes.BOOLEAN : DataTypes.STRING;
  }

  /** Spark's {@code compatibleType} for CSV: widening numbers, date+timestamp to timestamp, else string. */
  static DataType merge(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof NullType) {
      return b;
    }
    if (b instanceof NullType) {
      return a;
    }
    if (a.equals(DataTypes.STRING) || b.equals(DataTypes.STRING)) {
      return DataTypes.STRING;
    }
    int ra = numericRank(a);
    int rb = numericRank(b);
    if (ra >= 0 && rb >= 0) {
      if (a instanceof DoubleType || b instanceof DoubleType) {
        return DataTypes.DOUBLE;
      }
      if (a instanceof DecimalType || b instanceof DecimalType) {
        return widerDecimal(asDecimal(a), asDecimal(b));
      }
      return ra >= rb ? a : b;
    }
    if ((a.equals(DataTypes.DATE) && b.equals(DataTypes.TIMESTAMP))
        || (a.equals(DataTypes.TIMESTAMP) && b.equals(DataTypes.DATE))) {
      return DataTypes.TIMESTAMP;
    }
    return DataTypes.STRING;
  }

  private static int numericRank(DataType t) {
    if (t instanceof IntegerType) {
      return 0;
    } else if (t instanceof LongType) {
      return 1;
    } else if (t instanceof DecimalType) {
      return 2;
    } else if (t instanceof DoubleType) {
      return 3;
    }
    return -1;
  }

  private static DecimalType asDecimal(DataType t) {
    if (t instanceof IntegerType) {
      return DataTypes.decimal(10, 0);
    } else if (t instanceof LongType) {
      return DataTypes.decimal(20, 0);
    }
    return (DecimalType) t;
  }

  private static DataType widerDecimal(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int range = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    if (range + scale > DecimalType.MAX_PRECISION) {
      return DataTypes.DOUBLE;
    }
    return DataTypes.decimal(range + scale, scale);
  }
}
