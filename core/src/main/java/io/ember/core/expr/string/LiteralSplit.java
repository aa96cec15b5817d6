package io.ember.core.expr.string;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.types.ArrayType;
import java.nio.charset.StandardCharsets;

/**
 * The byte-level kernel of {@code split(str, pattern, limit)} when the pattern is a literal without regex
 * metacharacters (a space, a comma, {@code "::"}): splits each row's UTF-8 bytes on the pattern's bytes and writes
 * the parts straight into one element vector, without decoding rows to Java strings or building a list per row.
 * UTF-8 is self-synchronizing, so a byte-level match of a whole encoded pattern is a match of its characters.
 *
 * <p>Gives what {@link java.util.regex.Pattern#split(CharSequence, int)} gives for such a pattern (as Spark's
 * split does): matches found left to right without overlapping; a limit {@code > 0} gives at most that many parts,
 * the last holding the rest; otherwise every part, trailing empty ones included; a row without a match is one part
 * (the empty string gives {@code [""]}). Null strings or limits give null arrays.
 */
final class LiteralSplit {
  private static final String METACHARACTERS = "\\^$.|?*+()[]{}";

  private LiteralSplit() {}

  /** Whether {@code regex} matches exactly its own characters: not empty and no regex metacharacter. */
  static boolean isLiteral(String regex) {
    if (regex == null || regex.isEmpty()) {
      return false;
    }
    for (int i = 0; i < regex.length(); i++) {
      if (METACHARACTERS.indexOf(regex.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Splits every row of {@code strings} on {@code literal} ({@link #isLiteral}) with the row's limit.
   *
   * @param type the result's array type (of strings)
   * @param strings the strings
   * @param literal the pattern, a literal
   * @param limits the limits (integers), one per row
   */
  static ArrayVector split(ArrayType type, StringVector strings, String literal, ColumnVector limits) {
    byte[] delimiter = literal.getBytes(StandardCharsets.UTF_8);
    int n = strings.size();
    byte[] src = strings.bytes();
    int[] srcOffsets = strings.offsets();
    boolean[] nulls = null;
    int[] arrayOffsets = new int[n + 1];
    // Parts never hold more bytes than their row: the input's byte count bounds the output's.
    byte[] out = new byte[srcOffsets[n] - srcOffsets[0]];
    int[] partOffsets = new int[Math.max(16, n * 4 + 1)];
    int parts = 0;
    int pos = 0;
    for (int r = 0; r < n; r++) {
      if (strings.isNull(r) || limits.isNull(r)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[r] = true;
        arrayOffsets[r + 1] = parts;
        continue;
      }
      int limit = (Integer) limits.get(r);
      int from = srcOffsets[r];
      int end = srcOffsets[r + 1];
      if (delimiter.length == 1 && limit <= 0) {
        // one pass: copy the row's bytes but the delimiter's, ending a part at each delimiter
        if (parts + (end - from) + 2 > partOffsets.length) {
          partOffsets = java.util.Arrays.copyOf(partOffsets, Math.max(partOffsets.length * 2, parts + (end - from) + 2));
        }
        byte d = delimiter[0];
        for (int i = from; i < end; i++) {
          byte b = src[i];
          if (b == d) {
            partOffsets[++parts] = pos;
          } else {
            out[pos++] = b;
          }
        }
        partOffsets[++parts] = pos;
        arrayOffsets[r + 1] = parts;
        continue;
      }
      int rowParts = 0;
      while (limit <= 0 || rowParts < limit - 1) {
        int match = indexOf(src, from, end, delimiter);
        if (match < 0) {
          break;
        }
        if (parts + 2 > partOffsets.length) {
          partOffsets = java.util.Arrays.copyOf(partOffsets, partOffsets.length * 2);
        }
        System.arraycopy(src, from, out, pos, match - from);
        pos += match - from;
        partOffsets[++parts] = pos;
        rowParts++;
        from = match + delimiter.length;
      }
      if (parts + 2 > partOffsets.length) {
        partOffsets = java.util.Arrays.copyOf(partOffsets, partOffsets.length * 2);
      }
      System.arraycopy(src, from, out, pos, end - from);
      pos += end - from;
      partOffsets[++parts] = pos;
      arrayOffsets[r + 1] = parts;
    }
    int[] elementOffsets = partOffsets.length == parts + 1 ? partOffsets : java.util.Arrays.copyOf(partOffsets, parts + 1);
    StringVector elements = new StringVector(out, elementOffsets, null, parts);
    return new ArrayVector(type, arrayOffsets, elements, nulls, n);
  }

  /** The first index in {@code [from, end)} where {@code needle} starts, or -1. */
  private static int indexOf(byte[] haystack, int from, int end, byte[] needle) {
    byte first = needle[0];
    int last = end - needle.length;
    for (int i = from; i <= last; i++) {
      if (haystack[i] != first) {
        continue;
      }
      int k = 1;
      while (k < needle.length && haystack[i + k] == needle[k]) {
        k++;
      }
      if (k == needle.length) {
        return i;
      }
    }
    return -1;
  }
}
