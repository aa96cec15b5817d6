package io.ember.operators.state;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An immutable sequence of bytes held as a list of pieces of arrays (chunks) rather than one array: a snapshot of a
 * state of hundreds of megabytes is written, stored and read without any array larger than {@link #CHUNK_BYTES}
 * (the garbage collector's G1 would need contiguous free regions for one such "humongous" array, and fails with
 * {@code OutOfMemoryError} long before the heap is full when it lacks them).
 *
 * <p>{@link #writer()} builds one through a Kryo {@link Output} that starts new chunks instead of growing its
 * array; {@link #input()} reads one through a Kryo {@link Input}; {@link #slice} shares the chunks of a range
 * without copying. An array handed to {@link #wrap} is not copied (it is one chunk, whatever its size): callers hand
 * over arrays they no longer change. Equality is by content. Kryo writes the bytes themselves (their length, then
 * them: not the arrays a slice shares) and reads them back in chunks ({@link KryoSerializer}).
 */
@DefaultSerializer(ChunkedBytes.KryoSerializer.class)
public final class ChunkedBytes {
  /** The size of the chunks a {@link #writer()} fills (and at most of the arrays it allocates for its bytes). */
  public static final int CHUNK_BYTES = 256 << 10;
  /** The size of the buffer an {@link #input()} reads through. */
  static final int READ_BUFFER_BYTES = 32 << 10;
  private static final ChunkedBytes EMPTY = new ChunkedBytes(new byte[0][], new int[0], new int[0], 0);

  private final byte[][] arrays;
  private final int[] offsets;
  private final int[] lengths;
  private final long length;

  private ChunkedBytes(byte[][] arrays, int[] offsets, int[] lengths, long length) {
    this.arrays = arrays;
    this.offsets = offsets;
    this.lengths = lengths;
    this.length = length;
  }

  /** The bytes of {@code bytes}, not copied; null for null. */
  public static ChunkedBytes wrap(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    return bytes.length == 0 ? EMPTY : new ChunkedBytes(new byte[][] {bytes}, new int[1], new int[] {bytes.length},
        bytes.length);
  }

  /** The bytes of {@code parts} one after the other, sharing their chunks. */
  public static ChunkedBytes concat(List<ChunkedBytes> parts) {
    Builder b = new Builder();
    for (ChunkedBytes p : parts) {
      for (int i = 0; i < p.arrays.length; i++) {
        b.add(p.arrays[i], p.offsets[i], p.lengths[i]);
      }
    }
    return b.build();
  }

  /** A writer of new chunked bytes, {@link Writer#finish} gives them. */
  public static Writer writer() {
    return new Writer();
  }

  /** The number of bytes. */
  public long length() {
    return length;
  }

  /** The length of the longest chunk (what reading or storing this needs at most in one piece). */
  public int largestChunk() {
    int max = 0;
    for (int n : lengths) {
      max = Math.max(max, n);
    }
    return max;
  }

  /** Receives bytes piece by piece, in order; a piece is only valid during the call and must not be changed. */
  @FunctionalInterface
  public interface PieceSink {
    void write(byte[] bytes, int offset, int length);
  }

  /** Hands every chunk to {@code sink}, in order. */
  public void writeTo(PieceSink sink) {
    for (int i = 0; i < arrays.length; i++) {
      sink.write(arrays[i], offsets[i], lengths[i]);
    }
  }

  /** Carries {@code crc} on over these bytes. */
  public void updateChecksum(CRC32C crc) {
    writeTo(crc::update);
  }

  /**
   * The {@code count} bytes from {@code from}, sharing these chunks.
   *
   * @throws IndexOutOfBoundsException when the range is not within these bytes
   */
  public ChunkedBytes slice(long from, long count) {
    if (from < 0 || count < 0 || from + count > length) {
      throw new IndexOutOfBoundsException("Bytes " + from + " to " + (from + count) + " of " + length);
    }
    Builder b = new Builder();
    long at = 0;
    for (int i = 0; i < arrays.length && count > 0; i++) {
      long end = at + lengths[i];
      if (end > from) {
        int skip = (int) Math.max(0, from - at);
        int n = (int) Math.min(lengths[i] - skip, count);
        b.add(arrays[i], offsets[i] + skip, n);
        from += n;
        count -= n;
      }
      at = end;
    }
    return b.build();
  }

  /**
   * The bytes in one array (a copy unless they are one whole array already): for small states and tests; a large
   * state should be read through {@link #input()}.
   *
   * @throws IllegalStateException when they do not fit one array
   */
  public byte[] toByteArray() {
    if (arrays.length == 1 && offsets[0] == 0 && lengths[0] == arrays[0].length) {
      return arrays[0];
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException(length + " bytes do not fit one array");
    }
    byte[] out = new byte[(int) length];
    int[] at = {0};
    writeTo((b, off, n) -> {
      System.arraycopy(b, off, out, at[0], n);
      at[0] += n;
    });
    return out;
  }

  /** A Kryo input reading these bytes from the start, through a buffer of its own of at most a few kilobytes. */
  public Reader input() {
    return new Reader(this);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ChunkedBytes c) || c.length != length) {
      return false;
    }
    Reader a = input();
    Reader b = c.input();
    byte[] x = new byte[4096];
    byte[] y = new byte[4096];
    for (long left = length; left > 0; ) {
      int n = (int) Math.min(x.length, left);
      a.readBytes(x, 0, n);
      b.readBytes(y, 0, n);
      if (!Arrays.equals(x, 0, n, y, 0, n)) {
        return false;
      }
      left -= n;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int[] h = {1};
    writeTo((b, off, n) -> {
      for (int i = off; i < off + n; i++) {
        h[0] = 31 * h[0] + b[i];
      }
    });
    return h[0];
  }

  @Override
  public String toString() {
    return "ChunkedBytes[" + length + " bytes in " + arrays.length + " chunks]";
  }

  /** Kryo's form: the length (var-long), then the bytes; read back in chunks of at most {@link #CHUNK_BYTES}. */
  public static final class KryoSerializer extends Serializer<ChunkedBytes> {
    /** The serializer Kryo makes for {@link ChunkedBytes} by its {@link DefaultSerializer} annotation. */
    public KryoSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, ChunkedBytes bytes) {
      output.writeVarLong(bytes.length, true);
      bytes.writeTo(output::writeBytes);
    }

    @Override
    public ChunkedBytes read(Kryo kryo, Input input, Class<? extends ChunkedBytes> type) {
      long length = input.readVarLong(true);
      if (length < 0) {
        throw new KryoException("Chunked bytes of negative length " + length);
      }
      Builder chunks = new Builder();
      for (long left = length; left > 0; ) {
        byte[] chunk = input.readBytes((int) Math.min(CHUNK_BYTES, left));
        chunks.add(chunk, 0, chunk.length);
        left -= chunk.length;
      }
      return chunks.build();
    }
  }

  /** Collects pieces of arrays. */
  private static final class Builder {
    private final List<byte[]> arrays = new ArrayList<>();
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private long length;

    void add(byte[] array, int offset, int n) {
      if (n == 0) {
        return;
      }
      int i = arrays.size();
      if (i == offsets.length) {
        offsets = Arrays.copyOf(offsets, i * 2);
        lengths = Arrays.copyOf(lengths, i * 2);
      }
      arrays.add(array);
      offsets[i] = offset;
      lengths[i] = n;
      length += n;
    }

    ChunkedBytes build() {
      int n = arrays.size();
      return n == 0 ? EMPTY : new ChunkedBytes(arrays.toArray(new byte[n][]), Arrays.copyOf(offsets, n),
          Arrays.copyOf(lengths, n), length);
    }
  }

  /**
   * A Kryo output that keeps what it was given in chunks: its array grows by doubling up to {@link #CHUNK_BYTES},
   * then a full array is kept as a chunk and writing goes on in a new one (a single write larger than a chunk is
   * split across chunks). {@link #total()} counts every byte written. Not thread-safe.
   */
  public static final class Writer extends Output {
    private static final int FIRST_BYTES = 256;
    private final Builder chunks = new Builder();
    private boolean finished;

    private Writer() {
      super(FIRST_BYTES, -1);
    }

    @Override
    protected boolean require(int required) {
      if (finished) {
        throw new IllegalStateException("The chunked bytes were finished");
      }
      if (capacity - position >= required) {
        return false;
      }
      if (position + (long) required <= CHUNK_BYTES) {
        capacity = (int) Math.min(CHUNK_BYTES, Math.max(capacity * 2L, position + (long) required));
        buffer = Arrays.copyOf(buffer, capacity);
        return true;
      }
      seal();
      capacity = Math.max(CHUNK_BYTES, required);
      buffer = new byte[capacity];
      return true;
    }

    private void seal() {
      if (position > 0) {
        chunks.add(buffer, 0, position);
        total += position;
        position = 0;
      }
    }

    /**
     * Overwrites bytes written before, from position {@code at} (as {@link #total()} told before they were written):
     * for a field whose value is known only after what follows it.
     *
     * @throws IndexOutOfBoundsException when the range was not written yet
     */
    public void overwrite(long at, byte[] bytes) {
      if (at < 0 || at + bytes.length > total()) {
        throw new IndexOutOfBoundsException("Bytes " + at + " to " + (at + bytes.length) + " of " + total());
      }
      for (int i = 0; i < bytes.length; i++) {
        long p = at + i;
        if (p >= total) {
          buffer[(int) (p - total)] = bytes[i];
          continue;
        }
        long start = 0;
        for (int c = 0; ; c++) {
          int n = chunks.lengths[c];
          if (p < start + n) {
            chunks.arrays.get(c)[chunks.offsets[c] + (int) (p - start)] = bytes[i];
            break;
          }
          start += n;
        }
      }
    }

    /** Nothing to flush: the bytes are kept. */
    @Override
    public void flush() {}

    /** Unsupported: the bytes are not in one array; use {@link #finish}. */
    @Override
    public byte[] toBytes() {
      throw new UnsupportedOperationException("Chunked bytes are not in one array; finish() gives them");
    }

    /** Unsupported: a chunked writer only appends. */
    @Override
    public void setPosition(int position) {
      throw new UnsupportedOperationException("A chunked writer only appends");
    }

    /** Unsupported: a chunked writer keeps its own chunks. */
    @Override
    public void setBuffer(byte[] buffer, int maxBufferSize) {
      throw new UnsupportedOperationException("A chunked writer keeps its own chunks");
    }

    /** Unsupported: a chunked writer only appends. */
    @Override
    public void reset() {
      throw new UnsupportedOperationException("A chunked writer only appends");
    }

    /**
     * The bytes written; the writer takes no more. A last chunk less than half used is copied to its size, so a
     * small state does not hold a large array.
     */
    public ChunkedBytes finish() {
      if (!finished) {
        if (position > 0 && position < capacity / 2) {
          buffer = Arrays.copyOf(buffer, position);
        }
        seal();
        finished = true;
        buffer = new byte[0];
        capacity = 0;
      }
      return chunks.build();
    }
  }

  /**
   * A Kryo input over chunked bytes, reading through a buffer of {@link #READ_BUFFER_BYTES} (so a single read of
   * more bytes than that, {@link #readBytes(int)} of a large value, still works: Kryo copies in pieces). Not
   * thread-safe.
   */
  public static final class Reader extends Input {
    private final ChunkedBytes bytes;
    private int chunk;
    private int inChunk;

    private Reader(ChunkedBytes bytes) {
      super((int) Math.max(16, Math.min(READ_BUFFER_BYTES, bytes.length)));
      this.bytes = bytes;
    }

    /** The bytes not read yet. */
    public long remaining() {
      return bytes.length - total();
    }

    /** Copies the next {@code count} bytes to {@code out} without an array of their size. */
    public void copyTo(Output out, long count) {
      while (count > 0) {
        int n = (int) Math.min(count, require(1));
        out.writeBytes(buffer, position, n);
        position += n;
        count -= n;
      }
    }

    /** Skips {@code count} bytes; those past the buffer are skipped in the chunks, not copied. */
    @Override
    public void skip(int count) {
      skip((long) count);
    }

    /**
     * Skips {@code count} bytes; those past the buffer are skipped in the chunks, not copied.
     *
     * @throws KryoException when fewer bytes remain
     */
    @Override
    public long skip(long count) {
      if (count < 0 || count > remaining()) {
        throw new KryoException("Buffer underflow: cannot skip " + count + " of " + remaining() + " bytes");
      }
      int inBuffer = (int) Math.min(limit - position, count);
      position += inBuffer;
      long left = count - inBuffer;
      if (left > 0) { // the buffer is used up: the chunks are read on from where it ended, past the skipped bytes
        total += position + left;
        position = 0;
        limit = 0;
        while (left > 0) {
          int n = (int) Math.min(left, bytes.lengths[chunk] - inChunk);
          inChunk += n;
          left -= n;
          if (inChunk == bytes.lengths[chunk]) {
            chunk++;
            inChunk = 0;
          }
        }
      }
      return count;
    }

    @Override
    protected int fill(byte[] into, int offset, int count) {
      int done = 0;
      while (done < count && chunk < bytes.arrays.length) {
        int n = Math.min(count - done, bytes.lengths[chunk] - inChunk);
        System.arraycopy(bytes.arrays[chunk], bytes.offsets[chunk] + inChunk, into, offset + done, n);
        done += n;
        inChunk += n;
        if (inChunk == bytes.lengths[chunk]) {
          chunk++;
          inChunk = 0;
        }
      }
      return done == 0 && count > 0 ? -1 : done;
    }
  }
}
