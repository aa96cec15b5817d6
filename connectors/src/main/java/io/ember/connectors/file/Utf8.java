package io.ember.connectors.file;

import io.ember.core.data.VectorBuilder;
import java.util.Arrays;

/** Appends chars to a string builder as UTF-8 without creating a {@code String}. One instance per thread. */
public final class Utf8 {
  private byte[] scratch = new byte[256];

  /** Appends {@code chars[off, off+len)} as one string value. */
  public void append(VectorBuilder.Strings builder, char[] chars, int off, int len) {
    if (scratch.length < len * 3) {
      scratch = Arrays.copyOf(scratch, Math.max(len * 3, scratch.length * 2));
    }
    int p = 0;
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        scratch[p++] = (byte) c;
      } else if (c < 0x800) {
        scratch[p++] = (byte) (0xC0 | (c >> 6));
        scratch[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        scratch[p++] = (byte) (0xF0 | (cp >> 18));
        scratch[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        scratch[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        scratch[p++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        scratch[p++] = '?';
      } else {
        scratch[p++] = (byte) (0xE0 | (c >> 12));
        scratch[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        scratch[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    builder.appendUtf8(scratch, 0, p);
  }
}
