package io.ember.core.expr.binary;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the binary functions compute, with Spark's semantics. Each takes the non-null values of one row (bytes of a
 * string or binary argument as they are stored, numbers as {@code Long}s) and returns the row's result, or null where
 * Spark returns null for a non-null input ({@code unhex} of a string that is not hex). They keep no state between
 * rows.
 */
public enum BinaryKind implements BinaryFunction.Kind {
  /** Bytes of a string (UTF-8) or binary value. */
  OCTET_LENGTH(DataTypes.INTEGER) {
    @Override
    Object apply(Object[] a) {
      return ((byte[]) a[0]).length;
    }
  },
  /** Bits of a string (UTF-8) or binary value. */
  BIT_LENGTH(DataTypes.INTEGER) {
    @Override
    Object apply(Object[] a) {
      return ((byte[]) a[0]).length * 8;
    }
  },
  /** Upper-case hex of a binary value, a string's UTF-8 bytes or a number (two's complement, no leading zeros). */
  HEX(DataTypes.STRING) {
    @Override
    Object apply(Object[] a) {
      if (a[0] instanceof Long l) {
        return Long.toHexString(l).toUpperCase(Locale.ROOT);
      }
      return HexFormat.of().withUpperCase().formatHex((byte[]) a[0]);
    }
  },
  /** The bytes a hex string spells (an odd count of digits reads the first alone); null when it is not hex. */
  UNHEX(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      return unhex((byte[]) a[0]);
    }
  },
  /** Base64 (RFC 4648, padded, one line) of a binary value. */
  BASE64(DataTypes.STRING) {
    @Override
    Object apply(Object[] a) {
      return Base64.getEncoder().encodeToString((byte[]) a[0]);
    }
  },
  /** The bytes of a base64 string; characters outside the alphabet are skipped, as MIME decoding does. */
  UNBASE64(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      try {
        return Base64.getMimeDecoder().decode((byte[]) a[0]);
      } catch (IllegalArgumentException e) {
        throw new EmberIllegalArgumentException("CONVERSION_INVALID_INPUT",
            "The value '" + utf8((byte[]) a[0]) + "' (\"STRING\") cannot be converted to \"BINARY\" because it is"
                + " malformed: " + e.getMessage() + ". Correct the value as per the syntax.",
            e);
      }
    }
  },
  /** {@code to_binary(str, 'hex')}: as {@link #UNHEX}, but a string that is not hex is an error. */
  HEX_TO_BINARY(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      byte[] out = unhex((byte[]) a[0]);
      if (out == null) {
        throw invalidInput((byte[]) a[0], "HEX");
      }
      return out;
    }
  },
  /** {@code to_binary(str, 'base64')}: the bytes of a base64 string that passes Spark's check, else an error. */
  BASE64_TO_BINARY(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      if (!isValidBase64((byte[]) a[0])) {
        throw invalidInput((byte[]) a[0], "BASE64");
      }
      return Base64.getMimeDecoder().decode((byte[]) a[0]);
    }
  },
  /** {@code try_to_binary(str, 'base64')}: as {@link #BASE64_TO_BINARY}, null where that fails. */
  TRY_BASE64_TO_BINARY(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      return isValidBase64((byte[]) a[0]) ? Base64.getMimeDecoder().decode((byte[]) a[0]) : null;
    }
  },
  /** {@code to_binary(str, 'utf-8')}: a string's UTF-8 bytes. */
  UTF8_TO_BINARY(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      return a[0];
    }
  },
  /** {@code try_to_binary} with a format Spark does not know: null for every row. */
  NULL_BINARY(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      return null;
    }
  },
  /** A string's characters in a charset. */
  ENCODE(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      Charset cs = Charsets.forName("encode", utf8((byte[]) a[1]));
      try {
        ByteBuffer out = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(utf8((byte[]) a[0])));
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
      } catch (CharacterCodingException e) {
        throw Charsets.malformed("encode", cs);
      }
    }
  },
  /** A binary value's characters read in a charset, as a string. */
  DECODE(DataTypes.STRING) {
    @Override
    Object apply(Object[] a) {
      Charset cs = Charsets.forName("decode", utf8((byte[]) a[1]));
      try {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap((byte[]) a[0])).toString();
      } catch (CharacterCodingException e) {
        throw Charsets.malformed("decode", cs);
      }
    }
  },
  /** The binary values one after another. */
  CONCAT(DataTypes.BINARY) {
    @Override
    Object apply(Object[] a) {
      int total = 0;
      for (Object x : a) {
        total += ((byte[]) x).length;
      }
      byte[] out = new byte[total];
      int pos = 0;
      for (Object x : a) {
        byte[] b = (byte[]) x;
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
      }
      return out;
    }
  };

  private final DataType resultType;

  BinaryKind(DataType resultType) {
    this.resultType = resultType;
  }

  @Override
  public DataType resultType() {
    return resultType;
  }

  @Override
  public boolean nullOnValidInput() {
    return this == UNHEX || this == TRY_BASE64_TO_BINARY || this == NULL_BINARY;
  }

  @Override
  public Function<Object[], Object> rowFunction() {
    return this::apply;
  }

  /** The result for one row's non-null argument values; null for a null result. */
  abstract Object apply(Object[] args);

  /** Row {@code row} of {@code v}: its bytes for a string or binary vector, a {@code Long} for an int or bigint one. */
  static Object value(ColumnVector v, int row) {
    if (v instanceof io.ember.core.data.BytesVector b) {
      return b.copyBytes(row);
    } else if (v instanceof LongVector l) {
      return l.getLong(row);
    } else if (v instanceof IntVector i) {
      return (long) i.getInt(row);
    }
    throw new IllegalStateException("No binary function input for " + v.type());
  }

  private static String utf8(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Spark's {@code CONVERSION_INVALID_INPUT} for a {@code to_binary} input that is not in its format ({@code HEX},
   * {@code BASE64}).
   */
  private static EmberIllegalArgumentException invalidInput(byte[] s, String format) {
    return new EmberIllegalArgumentException("CONVERSION_INVALID_INPUT",
        "The value '" + utf8(s).replace("'", "\\'") + "' ('" + format + "') cannot be converted to \"BINARY\" because"
            + " it is malformed. Correct the value as per the syntax, or change its format. Use `try_to_binary` to"
            + " tolerate malformed input and return NULL instead.");
  }

  /**
   * Spark's check of a {@code to_binary} base64 string (RFC 4648): groups of four alphabet characters, the last of
   * two to four, padded with {@code =} to four when padded at all, nothing after the padding; whitespace anywhere
   * before the padding is ignored.
   */
  static boolean isValidBase64(byte[] utf8) {
    String s = utf8(utf8);
    int symbols = 0;
    int padding = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '+' || c == '/') {
        if (padding != 0) {
          return false;
        }
        symbols++;
      } else if (c == '=') {
        padding++;
        if (padding > 2 || symbols % 4 < 2) {
          return false;
        }
      } else if (!Character.isWhitespace(c) || padding != 0) {
        return false;
      }
    }
    return padding > 0 ? (symbols + padding) % 4 == 0 : symbols % 4 != 1;
  }

  private static byte[] unhex(byte[] s) {
    int odd = s.length & 1;
    byte[] out = new byte[(s.length + 1) / 2];
    for (int i = 0; i < s.length; i++) {
      int d = Character.digit(s[i] & 0xFF, 16);
      if (d < 0 || (s[i] & 0x80) != 0) {
        return null;
      }
      int pos = i + odd;
      out[pos / 2] |= (byte) ((pos & 1) == 0 ? d << 4 : d);
    }
    return out;
  }
}
