package io.ember.core.expr.string;

/** Character-level helpers over UTF-8 byte ranges, so string functions avoid decoding where they can. */
public final class Utf8 {
  private Utf8() {}

  /** The number of code points in {@code bytes[from, to)} (continuation bytes are not counted). */
  public static int numChars(byte[] bytes, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  /** The byte offset of code point {@code charIndex} in {@code bytes[from, to)}, or {@code to} past the end. */
  public static int offsetOfChar(byte[] bytes, int from, int to, int charIndex) {
    int seen = -1;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80 && ++seen == charIndex) {
        return i;
      }
    }
    return to;
  }

  /** True when every byte of {@code bytes[from, to)} is 7-bit ASCII. */
  public static boolean isAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The first byte index of {@code needle} in {@code hay[from, to)} at or after {@code start}, or -1. */
  public static int indexOf(byte[] hay, int from, int to, byte[] needle, int nFrom, int nLen, int start) {
    if (nLen == 0) {
      return start <= to ? start : -1;
    }
    byte first = needle[nFrom];
    for (int i = start, last = to - nLen; i <= last; i++) {
      if (hay[i] == first && regionEquals(hay, i, needle, nFrom, nLen)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code a[aFrom, aFrom+len)} equals {@code b[bFrom, bFrom+len)}. */
  public static boolean regionEquals(byte[] a, int aFrom, byte[] b, int bFrom, int len) {
    return java.util.Arrays.equals(a, aFrom, aFrom + len, b, bFrom, bFrom + len);
  }
}
