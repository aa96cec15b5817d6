package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;

/**
 * Merges one table's sections of a snapshot chain (a whole section, then deltas in order) into one whole section: the
 * contents the table has after applying them all (format: {@link IncrementalTable}).
 *
 * <p>The deltas' entries are gathered in a {@link HeapTable} (a later entry of a key replaces an earlier one; a whole
 * delta discards the base and what came before it). The base is then streamed once: runs of entries no delta changed
 * are copied as they are, in one array copy per run, a changed entry is replaced by its last value (or dropped when
 * it was removed), and the changed keys the base lacked follow. Key hashes are computed over the base's bytes in
 * place, without copying keys.
 *
 * <p>The inputs must read from byte arrays that hold their whole section (as {@code new Input(bytes)} does).
 */
final class SectionMerge {
  /** The value of a key the deltas removed (told apart by identity). */
  private static final byte[] REMOVED = new byte[0];

  private SectionMerge() {}

  /** Reads the next section of every input and writes their merge to {@code out} as one whole section. */
  static void mergeTable(List<Input> inputs, Output out) {
    Input base = inputs.get(0);
    if (!base.readBoolean()) {
      throw new IllegalStateException("A chain of state snapshots must start with a full one");
    }
    HeapTable changes = new HeapTable();
    boolean baseReplaced = false;
    for (int i = 1; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      if (in.readBoolean()) {
        changes.clear();
        baseReplaced = true;
      }
      for (long e = in.readVarLong(true); e > 0; e--) {
        byte[] key = TrackedTable.readKey(in);
        byte[] value = TrackedTable.readValue(in);
        changes.put(key, value == null ? REMOVED : value);
      }
    }
    long baseEntries = base.readVarLong(true);
    byte[] buffer = base.getBuffer();
    if (changes.size() == 0) {
      int start = base.position();
      if (baseReplaced) {
        skipEntries(base, baseEntries);
        baseEntries = 0;
      } else {
        skipEntries(base, baseEntries);
      }
      out.writeBoolean(true);
      out.writeVarLong(baseEntries, true);
      if (!baseReplaced) {
        out.writeBytes(buffer, start, base.position() - start);
      }
      return;
    }
    SectionWriter w = new SectionWriter(baseReplaced ? 1024 : Math.min(1 << 30, base.limit() - base.position()));
    boolean[] held = new boolean[changes.capacity()];
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
      int s = changes.find(buffer, keyOffset, keyLength, ByteKey.hash(buffer, keyOffset, keyLength));
      if (s < 0) {
        count++;
        continue;
      }
      w.bytes(buffer, run, entry - run);
      run = base.position();
      held[s] = true;
      byte[] value = changes.valueAt(s);
      if (value != REMOVED) {
        w.varInt(keyLength);
        w.bytes(buffer, keyOffset, keyLength);
        w.value(value);
        count++;
      }
    }
    if (!baseReplaced) {
      w.bytes(buffer, run, base.position() - run);
    }
    for (int s = 0, n = changes.capacity(); s < n; s++) {
      byte[] value = changes.valueAt(s);
      if (value != null && value != REMOVED && !held[s]) {
        w.key(changes.keyAt(s));
        w.value(value);
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
}
