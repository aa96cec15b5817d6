package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the chunks of one transfer ({@link SnapshotChunks.Header}) back together, in any order. The bytes are given
 * out only once every chunk arrived with its expected length and the whole matches the header's CRC-32C: a partial
 * or damaged transfer never yields bytes. Not thread-safe (one holder's actor, or one fetch, owns it).
 */
public final class ChunkAssembler {
  private final SnapshotChunks.Header header;
  private final byte[][] chunks;
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
    this.chunks = new byte[header.count()][];
    this.missing = chunks.length;
  }

  /** The transfer this assembles. */
  public SnapshotChunks.Header header() {
    return header;
  }

  /**
   * Takes chunk {@code seq} (kept as it is, not copied); returns true when it was the last one missing.
   *
   * @throws CheckpointCorruptException when {@code seq} is outside the transfer, arrived before, or its length is not
   *     the one the header gives it
   */
  public boolean accept(int seq, byte[] chunk) {
    if (seq < 0 || seq >= chunks.length) {
      throw new CheckpointCorruptException("Chunk " + seq + " is outside the snapshot transfer of " + chunks.length
          + " chunks.");
    }
    if (chunks[seq] != null) {
      throw new CheckpointCorruptException("Chunk " + seq + " of the snapshot transfer arrived twice.");
    }
    int expected = header.lengthOf(seq);
    if (chunk.length != expected) {
      throw new CheckpointCorruptException("Chunk " + seq + " of the snapshot transfer holds " + chunk.length
          + " bytes, not " + expected + ".");
    }
    chunks[seq] = chunk;
    missing--;
    return missing == 0;
  }

  /** Whether every chunk arrived. */
  public boolean isComplete() {
    return missing == 0;
  }

  /**
   * The whole transfer's bytes: the chunks as they arrived, in order (not copied into one array).
   *
   * @throws IllegalStateException when chunks are missing
   * @throws CheckpointCorruptException when the bytes do not match the header's checksum
   */
  public ChunkedBytes bytes() {
    if (missing > 0) {
      throw new IllegalStateException(missing + " of " + chunks.length + " chunks of the snapshot transfer are"
          + " missing");
    }
    List<ChunkedBytes> parts = new ArrayList<>(chunks.length);
    for (byte[] c : chunks) {
      parts.add(ChunkedBytes.wrap(c));
    }
    ChunkedBytes whole = ChunkedBytes.concat(parts);
    if (SnapshotChunks.crc(whole) != header.crc()) {
      throw new CheckpointCorruptException("The snapshot transfer of " + whole.length() + " bytes does not match its"
          + " checksum; it was damaged on the way.");
    }
    return whole;
  }
}
