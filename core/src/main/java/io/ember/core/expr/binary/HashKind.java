package io.ember.core.expr.binary;

import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * What the hash functions compute, with Spark's semantics: digests of the bytes of a binary value (a string's UTF-8
 * bytes) as lowercase hex strings ({@link MessageDigest}), and the CRC-32 checksum as a bigint. The first argument
 * is the bytes; {@code sha2} has the bit length as its second. A row function holds one digest or checksum for the
 * rows of its call (neither is thread-safe, and a call runs on one thread), reset after each row.
 */
public enum HashKind implements BinaryFunction.Kind {
  /** MD5, 32 hex digits. */
  MD5(DataTypes.STRING) {
    @Override
    public Function<Object[], Object> rowFunction() {
      MessageDigest md = digest("MD5");
      return a -> HEX.formatHex(md.digest((byte[]) a[0]));
    }
  },
  /** SHA-1, 40 hex digits. */
  SHA1(DataTypes.STRING) {
    @Override
    public Function<Object[], Object> rowFunction() {
      MessageDigest md = digest("SHA-1");
      return a -> HEX.formatHex(md.digest((byte[]) a[0]));
    }
  },
  /**
   * SHA-2 of the bit length given by the second argument: 224, 256 (also 0), 384 or 512. Any other length gives
   * null, as Spark does.
   */
  SHA2(DataTypes.STRING) {
    @Override
    public Function<Object[], Object> rowFunction() {
      return new Sha2Digests();
    }
  },
  /** CRC-32 (the zip/Ethernet polynomial) as an unsigned value in a bigint. */
  CRC32(DataTypes.LONG) {
    @Override
    public Function<Object[], Object> rowFunction() {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      return a -> {
        crc.reset();
        crc.update((byte[]) a[0]);
        return crc.getValue();
      };
    }
  };

  private static final HexFormat HEX = HexFormat.of();

  private final DataType resultType;

  HashKind(DataType resultType) {
    this.resultType = resultType;
  }

  @Override
  public DataType resultType() {
    return resultType;
  }

  /** True for {@code sha2}, null for an unsupported bit length. */
  @Override
  public boolean nullOnValidInput() {
    return this == SHA2;
  }

  /** The JDK algorithm for a {@code sha2} bit length, or null when Spark does not support it. */
  static String sha2Algorithm(long bitLength) {
    if (bitLength == 0 || bitLength == 256) {
      return "SHA-256";
    } else if (bitLength == 224 || bitLength == 384 || bitLength == 512) {
      return "SHA-" + bitLength;
    }
    return null;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The Java platform lacks " + algorithm + ", which every JDK provides", e);
    }
  }

  /**
   * The {@code sha2} row function: the digest of the last bit length seen, made again only when a row asks for
   * another (the bit length is almost always a literal).
   */
  private static final class Sha2Digests implements Function<Object[], Object> {
    private long bitLength;
    private MessageDigest md;

    @Override
    public Object apply(Object[] a) {
      long bits = (Long) a[1];
      if (md == null || bits != bitLength) {
        String algorithm = sha2Algorithm(bits);
        if (algorithm == null) {
          return null;
        }
        md = digest(algorithm);
        bitLength = bits;
      }
      return HEX.formatHex(md.digest((byte[]) a[0]));
    }
  }
}
