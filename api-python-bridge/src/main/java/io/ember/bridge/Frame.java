package io.ember.bridge;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One frame of the bridge protocol (see {@code docs/PROTOCOL.md}): a tag byte ({@link #JSON} or {@link #BATCH})
 * and its payload. On the wire: a 4-byte big-endian length {@code n} (tag included), the tag, then {@code n - 1}
 * payload bytes.
 */
public record Frame(byte tag, byte[] payload) {
  /** Tag of a UTF-8 JSON object frame. */
  public static final byte JSON = 'J';
  /** Tag of a binary columnar batch frame. */
  public static final byte BATCH = 'B';
  /** The largest frame this side reads; a longer one can not be held in one Java array. */
  public static final int MAX_FRAME_BYTES = Integer.MAX_VALUE - 16;

  public static Frame json(byte[] utf8) {
    return new Frame(JSON, utf8);
  }

  public static Frame batch(byte[] encoded) {
    return new Frame(BATCH, encoded);
  }

  public boolean isJson() {
    return tag == JSON;
  }

  public boolean isBatch() {
    return tag == BATCH;
  }

  /** The payload as text (for JSON frames). */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /**
   * Reads the next frame.
   *
   * @return the frame, or null at a clean end of stream (before the first length byte)
   * @throws EOFException when the stream ends inside a frame
   * @throws EmberIllegalArgumentException {@code BRIDGE_MALFORMED_FRAME} for an empty, oversized or unknown-tag frame
   */
  public static Frame read(DataInputStream in) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return null;
    }
    long n = ((long) b0 << 24) | ((long) in.readUnsignedByte() << 16) | ((long) in.readUnsignedByte() << 8)
        | in.readUnsignedByte();
    if (n < 1 || n > MAX_FRAME_BYTES) {
      throw new EmberIllegalArgumentException(
          "BRIDGE_MALFORMED_FRAME", "A frame must hold 1 to " + MAX_FRAME_BYTES + " bytes, got a length of " + n + ".");
    }
    byte tag = in.readByte();
    if (tag != JSON && tag != BATCH) {
      throw new EmberIllegalArgumentException(
          "BRIDGE_MALFORMED_FRAME", "Unknown frame tag 0x" + Integer.toHexString(tag & 0xff) + "; expected 'J' or 'B'.");
    }
    byte[] payload = new byte[(int) n - 1];
    in.readFully(payload);
    return new Frame(tag, payload);
  }

  /** Writes this frame (the caller flushes). */
  public void write(OutputStream out) throws IOException {
    long n = payload.length + 1L;
    out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n, tag});
    out.write(payload);
  }
}
