package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.List;

/**
 * Merges one table's sections of a snapshot chain (a whole section, then deltas in order) into one whole section: the
 * contents the table has after applying them all (format: {@link IncrementalTable}).
 *
 * <p>The deltas' entries are indexed where they lie, as positions in the deltas' arrays ({@link Changes}: a later
 * entry of a key replaces an earlier one; a whole delta discards the base and what came before it), so gathering
 * them allocates nothing per entry. The base is then streamed once: runs of entries no delta changed are copied as
 * they are, in one array copy per run, a changed entry is replaced by its last value (or dropped when it was
 * removed), and the changed keys the base lacked follow, in the order the deltas first changed them. Key hashes are
 * computed over the sections' bytes in place, without copying keys.
 *
 * <p>The inputs must read from byte arrays that hold their whole section (as {@code new Input(bytes)} does).
 */
final class SectionMerge {
  private SectionMerge() {}

  /** Reads the next section of every input and writes their merge to {@code out} as one whole section. */
  static void mergeTable(List<Input> inputs, Output out) {
    Input base = inputs.get(0);
    if (!base.readBoolean()) {
      throw new IllegalStateException("A chain of state snapshots must start with a full one");
    }
    Changes changes = new Changes(inputs.size());
    boolean baseReplaced = false;
    for (int i = 1; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      if (in.readBoolean()) {
        changes.clear();
        baseReplaced = true;
      }
      byte[] buffer = in.getBuffer();
      changes.buffers[i] = buffer;
      for (long e = in.readVarLong(true); e > 0; e--) {
        int keyLength = in.readVarInt(true);
        int keyOffset = in.position();
        in.setPosition(keyOffset + keyLength);
        int valueField = in.readVarInt(true); // 0: removed, else the value's length + 1
        int valueOffset = in.position();
        if (valueField > 1) {
          in.setPosition(valueOffset + valueField - 1);
        }
        changes.put(i, keyOffset, keyLength, valueOffset, valueField);
      }
    }
    long baseEntries = base.readVarLong(true);
    byte[] buffer = base.getBuffer();
    if (changes.size == 0) {
      int start = base.position();
      skipEntries(base, baseEntries);
      if (baseReplaced) {
        baseEntries = 0;
      }
      out.writeBoolean(true);
      out.writeVarLong(baseEntries, true);
      if (!baseReplaced) {
        out.writeBytes(buffer, start, base.position() - start);
      }
      return;
    }
    SectionWriter w = new SectionWriter(baseReplaced ? 1024 : Math.min(1 << 30, base.limit() - base.position()));
    boolean[] held = new boolean[changes.size];
    long count = 0;
    int run = base.position(); // the start of the current run of unchanged entries
    for (long e = 0; e < baseEntries; e++) {
      int entry = base.position();
      int keyLength = base.readVarInt(true);
      int keyOffset = base.position();
      base.setPosition(keyOffset + keyLength);
      skipValue(base);
      if (baseReplaced) {
        continue;
      }
      int c = changes.find(buffer, keyOffset, keyLength, ByteKey.hash(buffer, keyOffset, keyLength));
      if (c < 0) {
        count++;
        continue;
      }
      w.bytes(buffer, run, entry - run);
      run = base.position();
      held[c] = true;
      if (changes.valueFields[c] != 0) {
        w.varInt(keyLength);
        w.bytes(buffer, keyOffset, keyLength);
        changes.writeValue(c, w);
        count++;
      }
    }
    if (!baseReplaced) {
      w.bytes(buffer, run, base.position() - run);
    }
    for (int c = 0; c < changes.size; c++) {
      if (!held[c] && changes.valueFields[c] != 0) {
        w.varInt(changes.keyLengths[c]);
        w.bytes(changes.buffers[changes.keyInputs[c]], changes.keyOffsets[c], changes.keyLengths[c]);
        changes.writeValue(c, w);
        count++;
      }
    }
    out.writeBoolean(true);
    out.writeVarLong(count, true);
    w.writeTo(out);
  }

  private static void skipEntries(Input in, long entries) {
    for (long e = 0; e < entries; e++) {
      int keyLength = in.readVarInt(true);
      in.setPosition(in.position() + keyLength);
      skipValue(in);
    }
  }

  private static void skipValue(Input in) {
    int length = in.readVarInt(true);
    if (length > 1) {
      in.setPosition(in.position() + length - 1);
    }
  }

  /**
   * The deltas' changes by key, each a position in the deltas' arrays: where its key lies (the delta that first
   * changed it) and where its last value lies (the delta and offset of the value, and the value field: 0 for removed,
   * else the value's length + 1). Changes are numbered densely in order of first change; an open-addressing table of
   * those numbers, with the keys' hashes cached, finds them.
   */
  private static final class Changes {
    final byte[][] buffers;
    int size;
    int[] keyInputs = new int[64];
    int[] keyOffsets = new int[64];
    int[] keyLengths = new int[64];
    int[] valueInputs = new int[64];
    int[] valueOffsets = new int[64];
    int[] valueFields = new int[64];
    private final IdSlots slots = new IdSlots(128);

    Changes(int inputs) {
      buffers = new byte[inputs][];
    }

    /** Records a change of the key at {@code keyOffset} of input {@code input}'s array to the value given. */
    void put(int input, int keyOffset, int keyLength, int valueOffset, int valueField) {
      byte[] buffer = buffers[input];
      int hash = ByteKey.hash(buffer, keyOffset, keyLength);
      int s = slot(buffer, keyOffset, keyLength, hash);
      int c = slots.id(s);
      if (c < 0) {
        c = add(s, hash, input, keyOffset, keyLength);
      }
      valueInputs[c] = input;
      valueOffsets[c] = valueOffset;
      valueFields[c] = valueField;
    }

    /** The number of the change of the key given, or -1. */
    int find(byte[] buffer, int offset, int length, int hash) {
      return slots.id(slot(buffer, offset, length, hash));
    }

    /** Appends change {@code c}'s value as the section format has it. */
    void writeValue(int c, SectionWriter w) {
      w.varInt(valueFields[c]);
      w.bytes(buffers[valueInputs[c]], valueOffsets[c], valueFields[c] - 1);
    }

    void clear() {
      size = 0;
      slots.clear();
    }

    private int slot(byte[] buffer, int offset, int length, int hash) {
      int s = slots.start(hash);
      for (int c; (c = slots.id(s)) >= 0; s = slots.next(s)) {
        if (slots.hash(s) == hash && keyLengths[c] == length && Arrays.equals(buffers[keyInputs[c]],
            keyOffsets[c], keyOffsets[c] + length, buffer, offset, offset + length)) {
          return s;
        }
      }
      return s;
    }

    private int add(int s, int hash, int input, int keyOffset, int keyLength) {
      int c = size++;
      if (c == keyInputs.length) {
        int n = c * 2;
        keyInputs = Arrays.copyOf(keyInputs, n);
        keyOffsets = Arrays.copyOf(keyOffsets, n);
        keyLengths = Arrays.copyOf(keyLengths, n);
        valueInputs = Arrays.copyOf(valueInputs, n);
        valueOffsets = Arrays.copyOf(valueOffsets, n);
        valueFields = Arrays.copyOf(valueFields, n);
      }
      keyInputs[c] = input;
      keyOffsets[c] = keyOffset;
      keyLengths[c] = keyLength;
      slots.put(s, c, hash);
      return c;
    }
  }
}
