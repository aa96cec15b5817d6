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
 * is the bytes; {@code sha2} has the bit length as its second.
 */
public enum HashKind implements BinaryFunction.Kind {
  /** MD5, 32 hex digits. */
  MD5(DataTypes.STRING) {
    @Override
    Object apply(byte[] input, Long bitLength) {
      return hexDigest("MD5", input);
    }
  },
  /** SHA-1, 40 hex digits. */
  SHA1(DataTypes.STRING) {
    @Override
    Object apply(byte[] input, Long bitLength) {
      return hexDigest("SHA-1", input);
    }
  },
  /**
   * SHA-2 of the bit length given by the second argument: 224, 256 (also 0), 384 or 512. Any other length gives
   * null, as Spark does.
   */
  SHA2(DataTypes.STRING) {
    @Override
    Object apply(byte[] input, Long bitLength) {
      String algorithm = sha2Algorithm(bitLength);
      return algorithm == null ? null : hexDigest(algorithm, input);
    }
  },
  /** CRC-32 (the zip/Ethernet polynomial) as an unsigned value in a bigint. */
  CRC32(DataTypes.LONG) {
    @Override
    Object apply(byte[] input, Long bitLength) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(input);
      return crc.getValue();
    }
  };

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

  @Override
  public Function<Object[], Object> rowFunction() {
    return a -> apply((byte[]) a[0], a.length > 1 ? (Long) a[1] : null);
  }

  /**
   * The hash of one row's non-null bytes; {@code bitLength} is the non-null second argument of {@code sha2} and null
   * for the others. Returns null only where Spark does: {@code sha2} of an unsupported bit length.
   */
  abstract Object apply(byte[] input, Long bitLength);

  /** The JDK algorithm for a {@code sha2} bit length, or null when Spark does not support it. */
  static String sha2Algorithm(long bitLength) {
    if (bitLength == 0 || bitLength == 256) {
      return "SHA-256";
    } else if (bitLength == 224 || bitLength == 384 || bitLength == 512) {
      return "SHA-" + bitLength;
    }
    return null;
  }

  private static String hexDigest(String algorithm, byte[] input) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The Java platform lacks " + algorithm + ", which every JDK provides", e);
    }
  }
}
