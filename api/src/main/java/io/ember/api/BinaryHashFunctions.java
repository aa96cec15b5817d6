package io.ember.api;

import static io.ember.api.functions.fn;
import static io.ember.api.functions.lit;

import java.util.List;

/**
 * The binary and hash functions of the DataFrame API, with the signatures of Spark's
 * {@code org.apache.spark.sql.functions}: {@code hex}, {@code unhex}, {@code base64}, {@code unbase64},
 * {@code encode}, {@code decode}, {@code octet_length}, {@code bit_length}, {@code to_binary}, {@code try_to_binary},
 * {@code md5}, {@code sha1}, {@code sha2}, {@code crc32}, {@code hash}, {@code xxhash64}. They are called as
 * {@code functions.md5(..)}: {@link functions} inherits them, so that this family has a file of its own. Each
 * builds a call by name that the analyzer resolves through the same registry as SQL
 * ({@code io.ember.core.expr.binary.BinaryFunctions}), so the DataFrame and SQL forms check their arguments and
 * compute alike. A null argument gives a null result, except in {@link #hash} and {@link #xxhash64}, which skip it.
 */
public abstract class BinaryHashFunctions extends ScalarFunctions {
  /** The bit lengths {@link #sha2} accepts, as Spark's. */
  private static final List<Integer> SHA2_BITS = List.of(0, 224, 256, 384, 512);

  BinaryHashFunctions() {}

  /**
   * Computes hex value of the given column: upper-case hex of a binary value, of a string's UTF-8 bytes, or of an
   * int or bigint (two's complement, without leading zeros).
   */
  public static Column hex(Column column) {
    return fn("hex", column);
  }

  /**
   * Inverse of {@link #hex}: interprets each pair of characters as a hexadecimal number and converts it to the byte
   * it represents (an odd count of digits reads the first one alone). Null for a string that is not hex.
   */
  public static Column unhex(Column column) {
    return fn("unhex", column);
  }

  /**
   * Computes the BASE64 encoding of a binary column (a string column as its UTF-8 bytes) and returns it as a string
   * column. This is the reverse of {@link #unbase64}.
   */
  public static Column base64(Column e) {
    return fn("base64", e);
  }

  /**
   * Decodes a BASE64 encoded string column and returns it as a binary column. This is the reverse of
   * {@link #base64}.
   */
  public static Column unbase64(Column e) {
    return fn("unbase64", e);
  }

  /**
   * Computes the first argument into a binary from a string using the provided character set (one of 'US-ASCII',
   * 'ISO-8859-1', 'UTF-8', 'UTF-16BE', 'UTF-16LE', 'UTF-16', 'UTF-32'; case-insensitive). Another charset fails with
   * {@code INVALID_PARAMETER_VALUE.CHARSET}, a character the charset cannot represent with
   * {@code MALFORMED_CHARACTER_CODING}.
   */
  public static Column encode(Column value, String charset) {
    return fn("encode", value, lit(charset));
  }

  /**
   * Computes the first argument into a string from a binary using the provided character set (one of 'US-ASCII',
   * 'ISO-8859-1', 'UTF-8', 'UTF-16BE', 'UTF-16LE', 'UTF-16', 'UTF-32'; case-insensitive). Bytes that are not valid
   * in the charset fail with {@code MALFORMED_CHARACTER_CODING}.
   */
  public static Column decode(Column value, String charset) {
    return fn("decode", value, lit(charset));
  }

  /** Calculates the byte length of a binary column or of a string column in UTF-8. */
  public static Column octet_length(Column e) {
    return fn("octet_length", e);
  }

  /** Calculates the bit length of a binary column or of a string column in UTF-8. */
  public static Column bit_length(Column e) {
    return fn("bit_length", e);
  }

  /**
   * Calculates the MD5 digest of a binary column (a string column as its UTF-8 bytes) and returns the value as a
   * 32 character hex string.
   */
  public static Column md5(Column e) {
    return fn("md5", e);
  }

  /**
   * Calculates the SHA-1 digest of a binary column (a string column as its UTF-8 bytes) and returns the value as a
   * 40 character hex string.
   */
  public static Column sha1(Column e) {
    return fn("sha1", e);
  }

  /**
   * Calculates the SHA-2 family of hash functions of a binary column (a string column as its UTF-8 bytes) and
   * returns the value as a hex string.
   *
   * @param e column to compute SHA-2 on
   * @param numBits one of 224, 256, 384 or 512 (0 means 256)
   * @throws IllegalArgumentException for any other {@code numBits}, as Spark's {@code require} does (SQL's
   *     {@code sha2} gives null instead)
   */
  public static Column sha2(Column e, int numBits) {
    if (!SHA2_BITS.contains(numBits)) {
      throw new IllegalArgumentException(
          "requirement failed: numBits " + numBits + " is not in the permitted values (0, 224, 256, 384, 512)");
    }
    return fn("sha2", e, lit(numBits));
  }

  /**
   * Calculates the cyclic redundancy check value (CRC32) of a binary column (a string column as its UTF-8 bytes)
   * and returns the value as a bigint.
   */
  public static Column crc32(Column e) {
    return fn("crc32", e);
  }

  /**
   * Calculates the hash code of given columns, and returns the result as an int column: Spark's 32-bit Murmur3 with
   * seed 42, each column's hash the seed of the next, so the values match Spark's bit for bit. A null value leaves
   * the running hash unchanged (the result is never null; all nulls give 42). Columns may be of any type but map or
   * one holding a map, which fails with {@code DATATYPE_MISMATCH.HASH_MAP_TYPE}, as in Spark.
   *
   * @throws io.ember.core.errors.AnalysisException {@code WRONG_NUM_ARGS} when the DataFrame is built without
   *     columns
   */
  public static Column hash(Column... cols) {
    return fn("hash", (Object[]) cols);
  }

  /**
   * Calculates the hash code of given columns using the 64-bit variant of the xxHash algorithm, and returns the
   * result as a long column. The hash computation uses an initial seed of 42; otherwise as {@link #hash}: Spark's
   * values bit for bit, null values skipped, maps refused.
   */
  public static Column xxhash64(Column... cols) {
    return fn("xxhash64", (Object[]) cols);
  }

  /**
   * Converts the input {@code e} to a binary value based on the supplied format {@code f}. The format can be a
   * case-insensitive string literal of "hex", "utf-8", "utf8", or "base64" (any foldable string expression); another
   * format fails with {@code DATATYPE_MISMATCH.INVALID_ARG_VALUE} when the DataFrame is built. The function returns
   * NULL if at least one of the input parameters is NULL; input that is not in the format fails with
   * {@code CONVERSION_INVALID_INPUT} when it is read.
   */
  public static Column to_binary(Column e, Column f) {
    return fn("to_binary", e, f);
  }

  /** As {@link #to_binary(Column, Column)} in the "hex" format. */
  public static Column to_binary(Column e) {
    return fn("to_binary", e);
  }

  /**
   * A special version of {@link #to_binary(Column, Column)} that performs the same operation, but returns a NULL
   * value instead of raising an error if the conversion cannot be performed (malformed input or an unknown format).
   */
  public static Column try_to_binary(Column e, Column f) {
    return fn("try_to_binary", e, f);
  }

  /** As {@link #try_to_binary(Column, Column)} in the "hex" format. */
  public static Column try_to_binary(Column e) {
    return fn("try_to_binary", e);
  }
}
