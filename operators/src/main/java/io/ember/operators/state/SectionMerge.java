package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges one table's sections of a snapshot chain (a whole section, then deltas in order) into one whole section: the
 * contents the table has after applying them all (format: {@link IncrementalTable}).
 *
 * <p>The deltas' entries are gathered first ({@link Changes}: their keys and last values copied into chunks of at
 * most {@link ChunkedBytes#CHUNK_BYTES}, a later entry of a key replacing an earlier one; a whole delta discards the
 * base and what came before it). The base is then streamed once, entry by entry: an entry no delta changed is copied
 * as it is, a changed entry is replaced by its last value (or dropped when it was removed), and the changed keys the
 * base lacked follow, in the order the deltas first changed them. The inputs are only read in order, so they may be
 * chunked ({@link ChunkedBytes#input()}): the heap holds the deltas' changes and one key at a time, never an array of
 * the state's size.
 *
 * <p>The merged section's entry count precedes its entries but is known only after them: it is written as a var-long
 * of the width the largest possible count needs (padded with continuation bits, which Kryo's readers accept) and
 * filled in at the end, so {@code out} must be a {@link ChunkedBytes.Writer} or an output over an array.
 */
final class SectionMerge {
  private SectionMerge() {}

  /** Reads the next section of every input and writes their merge to {@code out} as one whole section. */
  static void mergeTable(List<Input> inputs, Output out) {
    Input base = inputs.get(0);
    if (!base.readBoolean()) {
      throw new IllegalStateException("A chain of state snapshots must start with a full one");
    }
    Changes changes = new Changes();
    boolean baseReplaced = false;
    byte[] key = new byte[64];
    for (int i = 1; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      if (in.readBoolean()) {
        changes.clear();
        baseReplaced = true;
      }
      for (long e = in.readVarLong(true); e > 0; e--) {
        int keyLength = in.readVarInt(true);
        key = room(key, keyLength);
        in.readBytes(key, 0, keyLength);
        changes.put(key, keyLength, in.readVarInt(true), in);
      }
    }
    long baseEntries = base.readVarLong(true);
    out.writeBoolean(true);
    CountField count = CountField.reserve(out, (baseReplaced ? 0 : baseEntries) + changes.size);
    long written = 0;
    boolean[] held = new boolean[changes.size];
    for (long e = 0; e < baseEntries; e++) {
      int keyLength = base.readVarInt(true);
      key = room(key, keyLength);
      base.readBytes(key, 0, keyLength);
      int valueField = base.readVarInt(true); // 0: removed, else the value's length + 1
      int c = baseReplaced ? -1 : changes.find(key, keyLength, ByteKey.hash(key, 0, keyLength));
      if (baseReplaced || c >= 0) {
        base.skip(Math.max(0, valueField - 1));
      }
      if (baseReplaced) {
        continue;
      }
      if (c < 0) {
        writeKey(out, key, 0, keyLength);
        out.writeVarInt(valueField, true);
        copy(base, out, Math.max(0, valueField - 1));
        written++;
        continue;
      }
      held[c] = true;
      if (changes.valueFields[c] != 0) {
        writeKey(out, key, 0, keyLength);
        changes.writeValue(c, out);
        written++;
      }
    }
    for (int c = 0; c < changes.size; c++) {
      if (!held[c] && changes.valueFields[c] != 0) {
        changes.writeKey(c, out);
        changes.writeValue(c, out);
        written++;
      }
    }
    count.set(written);
  }

  private static byte[] room(byte[] buffer, int length) {
    return buffer.length >= length ? buffer : new byte[Math.max(length, buffer.length * 2)];
  }

  private static void writeKey(Output out, byte[] key, int offset, int length) {
    out.writeVarInt(length, true);
    out.writeBytes(key, offset, length);
  }

  /** Copies the next {@code count} bytes of {@code in} to {@code out}. */
  private static void copy(Input in, Output out, long count) {
    if (in instanceof ChunkedBytes.Reader r) {
      r.copyTo(out, count);
      return;
    }
    byte[] piece = new byte[(int) Math.min(count, 8192)];
    while (count > 0) {
      int n = (int) Math.min(count, piece.length);
      in.readBytes(piece, 0, n);
      out.writeBytes(piece, 0, n);
      count -= n;
    }
  }

  /** A var-long entry count written now with a fixed width and its value later. */
  private record CountField(Output out, long at, int width) {
    /** Writes room for a count of at most {@code bound}. */
    static CountField reserve(Output out, long bound) {
      if (!(out instanceof ChunkedBytes.Writer) && out.getOutputStream() != null) {
        throw new IllegalArgumentException("A merged section is written to chunked bytes or an array, not a stream");
      }
      if (bound >>> 56 != 0) {
        throw new IllegalStateException("A state section cannot hold " + bound + " entries");
      }
      int width = 1;
      while (bound >>> (7 * width) != 0) {
        width++;
      }
      CountField f = new CountField(out, out instanceof ChunkedBytes.Writer ? out.total() : out.position(), width);
      out.writeBytes(f.encode(0));
      return f;
    }

    void set(long count) {
      byte[] bytes = encode(count);
      if (out instanceof ChunkedBytes.Writer w) {
        w.overwrite(at, bytes);
      } else {
        System.arraycopy(bytes, 0, out.getBuffer(), (int) at, width);
      }
    }

    /** {@code count} as Kryo's unsigned var-long, padded to {@link #width} bytes. */
    private byte[] encode(long count) {
      if (count >>> (7 * width) != 0) {
        throw new IllegalStateException("The merged section's " + count + " entries exceed the count announced");
      }
      byte[] bytes = new byte[width];
      for (int i = 0; i < width; i++) {
        bytes[i] = (byte) (((count >>> (7 * i)) & 0x7f) | (i < width - 1 ? 0x80 : 0));
      }
      return bytes;
    }
  }

  /**
   * The deltas' changes by key: its key (copied at its first change) and its last value (the value field: 0 for
   * removed, else the value's length + 1, and the value's bytes), both held in an {@link Arena}. Changes are numbered
   * densely in order of first change; an open-addressing table of those numbers, with the keys' hashes cached, finds
   * them.
   */
  private static final class Changes {
    int size;
    long[] keys = new long[64];
    int[] keyLengths = new int[64];
    long[] values = new long[64];
    int[] valueFields = new int[64];
    private final IdSlots slots = new IdSlots(128);
    private final Arena arena = new Arena();

    /** Records a change of {@code key}'s first {@code keyLength} bytes; its value is read from {@code in}. */
    void put(byte[] key, int keyLength, int valueField, Input in) {
      int hash = ByteKey.hash(key, 0, keyLength);
      int s = slot(key, keyLength, hash);
      int c = slots.id(s);
      if (c < 0) {
        c = add(s, hash, arena.copy(key, keyLength), keyLength);
      }
      int n = Math.max(0, valueField - 1);
      long value = arena.reserve(n);
      in.readBytes(arena.array(value), Arena.offset(value), n);
      values[c] = value;
      valueFields[c] = valueField;
    }

    /** The number of the change of {@code key}'s first {@code length} bytes, or -1. */
    int find(byte[] key, int length, int hash) {
      return size == 0 ? -1 : slots.id(slot(key, length, hash));
    }

    void writeKey(int c, Output out) {
      SectionMerge.writeKey(out, arena.array(keys[c]), Arena.offset(keys[c]), keyLengths[c]);
    }

    /** Appends change {@code c}'s value as the section format has it. */
    void writeValue(int c, Output out) {
      out.writeVarInt(valueFields[c], true);
      out.writeBytes(arena.array(values[c]), Arena.offset(values[c]), Math.max(0, valueFields[c] - 1));
    }

    void clear() {
      size = 0;
      slots.clear();
      arena.clear();
    }

    private int slot(byte[] key, int length, int hash) {
      int s = slots.start(hash);
      for (int c; (c = slots.id(s)) >= 0; s = slots.next(s)) {
        if (slots.hash(s) == hash && keyLengths[c] == length) {
          int at = Arena.offset(keys[c]);
          if (Arrays.equals(arena.array(keys[c]), at, at + length, key, 0, length)) {
            return s;
          }
        }
      }
      return s;
    }

    private int add(int s, int hash, long key, int keyLength) {
      int c = size++;
      if (c == keys.length) {
        int n = c * 2;
        keys = Arrays.copyOf(keys, n);
        keyLengths = Arrays.copyOf(keyLengths, n);
        values = Arrays.copyOf(values, n);
        valueFields = Arrays.copyOf(valueFields, n);
      }
      keys[c] = key;
      keyLengths[c] = keyLength;
      slots.put(s, c, hash);
      return c;
    }
  }

  /**
   * Bytes appended in chunks that double up to {@link ChunkedBytes#CHUNK_BYTES} (a piece larger than that gets an
   * array of its own); a piece never spans chunks. An address is the chunk's number (high 32 bits) and the offset in
   * it (low 32 bits).
   */
  private static final class Arena {
    private static final int FIRST_CHUNK_BYTES = 4096;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int used;

    /** Room for {@code n} bytes in one chunk; returns its address. */
    long reserve(int n) {
      if (current != null && current.length - used >= n) {
        long address = ((long) (chunks.size() - 1) << 32) | used;
        used += n;
        return address;
      }
      if (n > ChunkedBytes.CHUNK_BYTES) {
        chunks.add(new byte[n]);
        long address = (long) (chunks.size() - 1) << 32;
        if (current != null) { // go on filling the current chunk after this one
          chunks.add(current);
        }
        return address;
      }
      int size = current == null ? FIRST_CHUNK_BYTES : Math.min(ChunkedBytes.CHUNK_BYTES, current.length * 2);
      current = new byte[Math.max(n, size)];
      chunks.add(current);
      used = n;
      return (long) (chunks.size() - 1) << 32;
    }

    /** A copy of the first {@code n} bytes of {@code bytes}; returns its address. */
    long copy(byte[] bytes, int n) {
      long address = reserve(n);
      System.arraycopy(bytes, 0, array(address), offset(address), n);
      return address;
    }

    byte[] array(long address) {
      return chunks.get((int) (address >>> 32));
    }

    static int offset(long address) {
      return (int) address;
    }

    void clear() {
      chunks.clear();
      current = null;
      used = 0;
    }
  }
}
