package io.ember.checkpointing;

import java.util.zip.CRC32C;

/**
 * Puts the chunks of one transfer ({@link SnapshotChunks.Header}) back together, in any order. The bytes are given
 * out only once every chunk arrived with its expected length and the whole matches the header's CRC-32C: a partial
 * or damaged transfer never yields bytes. Not thread-safe (one holder's actor, or one fetch, owns it).
 */
public final class ChunkAssembler {
  private final SnapshotChunks.Header header;
  private final byte[] bytes;
  private final boolean[] received;
  private int missing;

  /**
   * @throws CheckpointCorruptException when the header cannot describe a transfer (negative or too large a size)
   */
  public ChunkAssembler(SnapshotChunks.Header header) {
    if (header.totalBytes() < 0 || header.totalBytes() > Integer.MAX_VALUE - 8 || header.chunkBytes() < 1) {
      throw new CheckpointCorruptException("A snapshot transfer of " + header.totalBytes() + " bytes in chunks of "
          + header.chunkBytes() + " bytes cannot be assembled.");
    }
    this.header = header;
    this.bytes = new byte[(int) header.totalBytes()];
    this.received = new boolean[header.count()];
    this.missing = received.length;
  }

  /** The transfer this assembles. */
  public SnapshotChunks.Header header() {
    return header;
  }

  /**
   * Takes chunk {@code seq}; returns true when it was the last one missing.
   *
   * @throws CheckpointCorruptException when {@code seq} is outside the transfer, arrived before, or its length is not
   *     the one the header gives it
   */
  public boolean accept(int seq, byte[] chunk) {
    if (seq < 0 || seq >= received.length) {
      throw new CheckpointCorruptException("Chunk " + seq + " is outside the snapshot transfer of " + received.length
          + " chunks.");
    }
    if (received[seq]) {
      throw new CheckpointCorruptException("Chunk " + seq + " of the snapshot transfer arrived twice.");
    }
    int expected = header.lengthOf(seq);
    if (chunk.length != expected) {
      throw new CheckpointCorruptException("Chunk " + seq + " of the snapshot transfer holds " + chunk.length
          + " bytes, not " + expected + ".");
    }
    System.arraycopy(chunk, 0, bytes, Math.toIntExact(header.offsetOf(seq)), chunk.length);
    received[seq] = true;
    missing--;
    return missing == 0;
  }

  /** Whether every chunk arrived. */
  public boolean isComplete() {
    return missing == 0;
  }

  /**
   * The whole transfer's bytes.
   *
   * @throws IllegalStateException when chunks are missing
   * @throws CheckpointCorruptException when the bytes do not match the header's checksum
   */
  public byte[] bytes() {
    if (missing > 0) {
      throw new IllegalStateException(missing + " of " + received.length + " chunks of the snapshot transfer are"
          + " missing");
    }
    if (SnapshotChunks.crc(bytes) != header.crc()) {
      throw new CheckpointCorruptException("The snapshot transfer of " + bytes.length + " bytes does not match its"
          + " checksum; it was damaged on the way.");
    }
    return bytes;
  }

  static int crcOf(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length);
    return (int) crc.getValue();
  }
}
