package io.ember.checkpointing;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.operators.state.ChunkedBytes;
import java.util.zip.CRC32C;

/**
 * Framing shared by the checkpoint codecs: every encoded value starts with a one-byte kind tag and its format
 * version (a Kryo var-int), so that a reader names exactly what it was handed when it cannot read it, and a
 * newer Ember can read or clearly reject an older checkpoint.
 */
final class Formats {
  /** Kind tag of an encoded {@link TaskSnapshot}. */
  static final byte TASK_SNAPSHOT = 'T';
  /** Kind tag of an encoded {@link EpochMetadata}. */
  static final byte EPOCH_METADATA = 'E';

  private Formats() {}

  /** An output positioned after the header of {@code kind} at {@code version}. */
  static Output begin(byte kind, int version, int expectedBytes) {
    Output out = new Output(Math.max(64, expectedBytes), -1);
    out.writeByte(kind);
    out.writeVarInt(version, true);
    return out;
  }

  /**
   * An input positioned after the header, which must be {@code kind} at {@code version}.
   *
   * @throws CheckpointCorruptException when the bytes are of another kind, another version, or too short
   */
  static Input open(byte[] bytes, byte kind, int version, String what) {
    return open(ChunkedBytes.wrap(bytes), kind, version, what);
  }

  /**
   * {@link #open(byte[], byte, int, String)} of chunked bytes: a reader positioned after the header (read it by
   * {@link Input#total()}, not by {@link Input#position()}, which is the position in its buffer).
   *
   * @throws CheckpointCorruptException when the bytes are of another kind, another version, or too short
   */
  static ChunkedBytes.Reader open(ChunkedBytes bytes, byte kind, int version, String what) {
    if (bytes == null || bytes.length() < 2) {
      throw new CheckpointCorruptException("The " + what + " is empty or truncated ("
          + (bytes == null ? "no" : bytes.length()) + " bytes).");
    }
    ChunkedBytes.Reader in = bytes.input();
    byte found = in.readByte();
    if (found != kind) {
      throw new CheckpointCorruptException("The bytes handed in as a " + what + " are not one (kind tag '"
          + (char) found + "', expected '" + (char) kind + "').");
    }
    int foundVersion = decoding(what, () -> in.readVarInt(true));
    if (foundVersion != version) {
      throw new CheckpointVersionException(what, foundVersion, version);
    }
    return in;
  }

  /** Runs a decoder, turning a read past the end (a torn or foreign file) into a typed error. */
  static <T> T decoding(String what, java.util.function.Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (KryoException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new CheckpointCorruptException("The " + what + " is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  static void writeBytes(Output out, byte[] bytes) {
    if (bytes == null) {
      out.writeVarInt(0, true);
    } else {
      out.writeVarInt(bytes.length + 1, true);
      out.writeBytes(bytes);
    }
  }

  /** The bytes {@link #writeBytes} writes for {@code bytes}. */
  static long bytesLength(byte[] bytes) {
    return bytes == null ? 1 : Output.varIntLength(bytes.length + 1, true) + (long) bytes.length;
  }

  static byte[] readBytes(Input in) {
    int n = in.readVarInt(true);
    if (n < 0) {
      throw new KryoException("negative length " + n);
    }
    return n == 0 ? null : in.readBytes(n - 1);
  }

  /** CRC-32C of {@code bytes}, the checksum every checkpoint codec and store uses. */
  static long checksum(byte[] bytes) {
    return checksum(ChunkedBytes.wrap(bytes));
  }

  /** {@link #checksum(byte[])} of chunked bytes. */
  static long checksum(ChunkedBytes bytes) {
    CRC32C crc = new CRC32C();
    bytes.updateChecksum(crc);
    return crc.getValue();
  }
}
